// Counters of what the hub received and why it refused what it refused; read by /metrics.
import type { DecodeFailureCode, MessageKind } from '@retail/contracts';

export class IngestCounters {
  readonly received = new Map<MessageKind | 'unknown', number>();
  readonly rejected = new Map<DecodeFailureCode, number>();

  countReceived(kind: MessageKind | 'unknown'): void {
    this.received.set(kind, (this.received.get(kind) ?? 0) + 1);
  }

  countRejected(code: DecodeFailureCode): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }
}
