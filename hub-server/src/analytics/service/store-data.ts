// One store's analytics inputs, read from the repository at most once per version of its data and
// turned into the cores' types: the latest layout, the catalogue, baskets as transactions (the member
// pseudonym in `loyaltyId`) and zone visits as sessions — imported ones, which may carry a pseudonym
// and so join baskets, then the gateways' anonymous paths, which count as traffic only.
import type { CatalogueItem, StoreLayout } from '@retail/contracts';
import type { BasketLine } from '../../storage/analytics-store.js';
import type { HubRepository } from '../../storage/repository.js';
import type { StoredVisit } from '../../storage/visit-store.js';
import { type Transaction, TransactionGrouper } from '../join/transactions.js';
import { groupSessions, type ShopperSession } from '../paths/sessions.js';

export class StoreData {
  readonly #parts = new Map<string, Promise<unknown>>();

  constructor(
    readonly storeId: string,
    private readonly repo: HubRepository,
  ) {}

  layout(): Promise<StoreLayout | undefined> {
    return this.#once('layout', () => this.repo.reference.latestLayout(this.storeId));
  }

  catalogue(): Promise<ReadonlyMap<string, CatalogueItem>> {
    return this.#once('catalogue', async () => {
      const items = await this.repo.analytics.catalogue();
      return new Map(items.map((i) => [i.sku, i]));
    });
  }

  /** Every basket of the store, timed or not. */
  transactions(): Promise<Transaction[]> {
    return this.#once('transactions', async () =>
      transactionsOf(this.storeId, await this.repo.analytics.basketLines(this.storeId)),
    );
  }

  /** Imported sessions first, then gateway paths. */
  sessions(): Promise<ShopperSession[]> {
    return this.#once('sessions', async () => {
      const [imported, paths] = await Promise.all([
        this.repo.visits.imported(this.storeId),
        this.repo.visits.gatewayPaths(this.storeId),
      ]);
      return [...sessionsOf(imported), ...sessionsOf(paths)];
    });
  }

  #once<T>(part: string, load: () => Promise<T>): Promise<T> {
    let p = this.#parts.get(part) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.#parts.set(part, p);
      // A failed read is tried again on the next request, not remembered.
      p.catch(() => this.#parts.delete(part));
    }
    return p;
  }
}

/** Line items (ordered by transaction) grouped into the join's transactions. */
export function transactionsOf(storeId: string, lines: readonly BasketLine[]): Transaction[] {
  const grouper = new TransactionGrouper();
  for (const l of lines)
    grouper.add({
      transactionId: l.transactionId,
      storeId,
      sku: l.sku,
      quantity: l.quantity,
      ...(l.pid !== null && { loyaltyId: l.pid }),
      ...(l.ts !== null && { timestamp: l.ts }),
    });
  return grouper.transactions();
}

export function sessionsOf(visits: readonly StoredVisit[]): ShopperSession[] {
  return groupSessions(
    visits.map((v) => ({
      sessionId: v.sessionId,
      zoneId: v.zoneId,
      enterTs: v.enterTs,
      exitTs: v.exitTs,
      ...(v.pid !== undefined && { loyaltyId: v.pid }),
    })),
  );
}

/** Sessions that began in [from, to). */
export function sessionsIn(sessions: readonly ShopperSession[], from: number, to: number): ShopperSession[] {
  return sessions.filter((s) => s.start >= from && s.start < to);
}
