// `retail/v1/{storeId}/pos/transactions`: baskets from the till. The loyalty number travels only on
// the store network to the hub, which turns it into a pseudonym on ingest and never stores it.
import { z } from 'zod';
import { msgIdSchema, slugSchema } from '../ids.js';
import { epochMsSchema, MESSAGE_VERSION } from './envelope.js';

export const posLineSchema = z.strictObject({
  sku: z.string().min(1).max(64),
  quantity: z.number().positive().max(100_000),
  price: z.number().min(0).optional(),
});

export const posTransactionSchema = z.strictObject({
  transactionId: z.string().min(1).max(64),
  timestamp: epochMsSchema,
  loyaltyId: z.string().min(1).max(64).optional(),
  items: z.array(posLineSchema).min(1).max(1000),
});

export const posTransactionsMessageSchema = z.strictObject({
  v: z.literal(MESSAGE_VERSION),
  /** `{posSourceId}:{sequence}`. */
  msgId: msgIdSchema,
  storeId: slugSchema,
  ts: epochMsSchema,
  transactions: z.array(posTransactionSchema).min(1).max(500),
});
export type PosTransactionsMessage = z.output<typeof posTransactionsMessageSchema>;
export type PosTransaction = z.output<typeof posTransactionSchema>;
