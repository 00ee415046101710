import { csvRecords } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { basketsFromRecords } from './basket-files.js';

const read = (text: string) => basketsFromRecords(csvRecords([text]));

describe('basketsFromRecords', () => {
  it('makes one basket per member and day from the Groceries layout', async () => {
    const r = await read(
      'Member_number,Date,itemDescription\n1,01-01-2015,milk\n1,01-01-2015,bread\n1,02-01-2015,milk\n1,01-01-2015,milk\n',
    );
    expect(r.format).toBe('groceries-member-date');
    expect(r.baskets).toEqual([['milk', 'bread'], ['milk']]);
  });

  it('groups dunnhumby line items by basket and POS rows by store and transaction', async () => {
    const dh = await read(
      '"household_id","basket_id","product_id"\n"7","b1","p1"\n"8","b2","p1"\n"7","b1","p2"\n',
    );
    expect([dh.format, dh.baskets]).toEqual(['dunnhumby', [['p1', 'p2'], ['p1']]]);
    const pos = await read('transaction_id,sku,store_id\nt1,A,s1\nt1,B,s2\nt1,C,s1\n');
    expect([pos.format, pos.baskets]).toEqual(['pos', [['A', 'C'], ['B']]]);
  });

  it('reads headerless basket lines, repeats removed', async () => {
    const r = await read('citrus fruit,margarine,citrus fruit\nwhole milk\n');
    expect([r.format, r.baskets]).toEqual(['basket-lines', [['citrus fruit', 'margarine'], ['whole milk']]]);
  });
});
