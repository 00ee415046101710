// The gateway's durable outbox and its publisher (see outbox.ts and outbox-publisher.ts).
export { type RetryPolicy, retryDelay } from './backoff.js';
export type { DropPolicy } from './drop-policy.js';
export {
  type DropReason,
  type EnqueueInput,
  type EnqueueOutcome,
  Outbox,
  type OutboxMessage,
  type OutboxOptions,
  type OutboxStats,
  type PendingEntry,
} from './outbox.js';
export { type OutboxConfig, type OutboxConfigInput, outboxConfigSchema } from './outbox-config.js';
export {
  OutboxPublisher,
  type OutboxPublisherOptions,
  type OutboxPublisherStats,
} from './outbox-publisher.js';
