// Paths joined to purchases: POS line items grouped into transactions, and the session ⇄ basket join.
export {
  type JoinedSession,
  type JoinOptions,
  type JoinResult,
  type JoinStats,
  joinPathsToPurchases,
} from './path-purchase-join.js';
export {
  groupTransactions,
  skusOf,
  type Transaction,
  TransactionGrouper,
  weeksSpanned,
} from './transactions.js';
