// Writes validated gateway messages: one row per msgId holding the whole window (duplicates are
// skipped, which makes ingest idempotent), the rows joins need (paths, metrics, replies, status), and
// queues heatmap/zone/count windows for the hour/day roll-ups (see rollup-store.ts).
// Runs inside the caller's transaction so a batch is stored whole or not at all. A batch with no
// msgId seen before (the usual case) issues all its statements at once, so it costs one round trip
// to the database rather than one per statement; when some msgId was already stored, that attempt
// is rolled back to a savepoint and the batch is written step by step, skipping the duplicates.
// Where the driver runs a known list of statements as one transaction (SQLite), storeAllNew writes
// an all-new batch that way, BEGIN to COMMIT in one trip, and storeBatch is the fallback.
import type { DecodedMessage, MessageOf } from '@retail/contracts';
import { isRollupKind, type RollupStore } from './rollup-store.js';
import { insertMany, type SqlDriver, type SqlExecutor, type SqlValue } from './sql-driver.js';
import {
  type RenderedStatement,
  type ScriptStatement,
  type Statement,
  sqlLiteral,
  statementRecorder,
} from './sql-script.js';

export type GatewayMessage = Exclude<DecodedMessage, { kind: 'pos-transactions' }>;

const SAVEPOINT = 'ingest_batch';

export interface IngestItem {
  decoded: GatewayMessage;
  receivedAt: number;
}

export interface StoredBatch {
  stored: string[];
  duplicates: string[];
}

export class IngestStore {
  constructor(private readonly rollups: RollupStore) {}

  /**
   * The whole batch, with `extra` statements (e.g. dead letters), as one transaction of statements
   * known up front, where the driver runs such a thing in one unit of work (SQLite). Undefined when it
   * cannot, or when some msgId was stored before (a plain INSERT fails, nothing is kept): then
   * storeBatch in an ordinary transaction sorts it out.
   */
  async storeAllNew(
    db: SqlDriver,
    items: readonly IngestItem[],
    now: number,
    extra: readonly ScriptStatement[] = [],
  ): Promise<StoredBatch | undefined> {
    if (!db.transactionScript) return undefined;
    const { candidates, duplicates } = firstCopies(items);
    try {
      await db.transactionScript([...(await this.#newStatements(candidates, now)), ...extra]);
    } catch {
      return undefined;
    }
    return { stored: candidates.map((c) => c.decoded.message.msgId), duplicates };
  }

  async storeBatch(tx: SqlExecutor, items: readonly IngestItem[], now: number): Promise<StoredBatch> {
    const { candidates, duplicates } = firstCopies(items);
    const ids = candidates.map((c) => c.decoded.message.msgId);

    // Optimistic: every candidate is new. Drivers run statements in the order they were issued.
    const [savepoint, messages, derived] = await Promise.allSettled([
      tx.run(`SAVEPOINT ${SAVEPOINT}`),
      this.#insertMessages(tx, candidates, now),
      this.#insertDerived(tx, candidates),
    ]);
    if (savepoint.status === 'rejected') throw savepoint.reason;
    if (
      messages.status === 'fulfilled' &&
      derived.status === 'fulfilled' &&
      messages.value.size === candidates.length
    )
      return { stored: ids, duplicates };

    return this.#stepByStep(tx, candidates, now, duplicates);
  }

  /** Every statement that stores these messages if none was stored before (a stored one fails its INSERT). */
  async #newStatements(candidates: readonly IngestItem[], now: number): Promise<ScriptStatement[]> {
    const derived = statementRecorder();
    await this.#insertDerived(derived.executor, candidates);
    return [renderedMessageInsert(candidates, now), ...derived.statements];
  }

  /** Some msgId was stored before (or a statement failed: then it fails again here, for real). */
  async #stepByStep(
    tx: SqlExecutor,
    candidates: readonly IngestItem[],
    now: number,
    duplicates: string[],
  ): Promise<StoredBatch> {
    await tx.run(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    const inserted = await this.#insertMessages(tx, candidates, now);
    const fresh = candidates.filter((c) => inserted.has(c.decoded.message.msgId));
    for (const c of candidates)
      if (!inserted.has(c.decoded.message.msgId)) duplicates.push(c.decoded.message.msgId);
    await this.#insertDerived(tx, fresh);
    return { stored: fresh.map((f) => f.decoded.message.msgId), duplicates };
  }

  async #insertMessages(tx: SqlExecutor, items: readonly IngestItem[], now: number): Promise<Set<string>> {
    const inserted = new Set<string>();
    // RETURNING tells which rows were new; a conflicting msgId returns nothing.
    for (const { sql, params } of messageInserts(
      items,
      now,
      'ON CONFLICT (msg_id) DO NOTHING RETURNING msg_id',
    )) {
      const returned = await tx.all<{ msg_id: string }>(sql, params);
      for (const r of returned) inserted.add(r.msg_id);
    }
    return inserted;
  }

  async #insertDerived(tx: SqlExecutor, items: readonly IngestItem[]): Promise<void> {
    const visits: SqlValue[][] = [];
    const rotating: SqlValue[][] = [];
    const metrics: SqlValue[][] = [];
    const replies: SqlValue[][] = [];
    const pending: SqlValue[][] = [];
    const statuses: Promise<void>[] = [];

    for (const { decoded, receivedAt } of items) {
      if (isRollupKind(decoded.kind)) {
        pending.push([decoded.message.msgId, decoded.storeId, decoded.kind, receivedAt]);
        continue;
      }
      switch (decoded.kind) {
        case 'paths': {
          const m = decoded.message;
          for (const p of m.paths) {
            for (const v of p.visits)
              visits.push([m.msgId, m.storeId, m.gatewayId, p.pathId, v.zoneId, v.enterTs, v.exitTs]);
            for (const r of p.rotatingIds) rotating.push([m.msgId, m.storeId, p.pathId, r, m.windowStart]);
          }
          break;
        }
        case 'metrics': {
          const m = decoded.message;
          metrics.push([
            m.msgId,
            m.storeId,
            m.gatewayId,
            m.windowStart,
            m.windowEnd,
            m.outboxDepth,
            m.outboxDropped,
            m.bytesSent,
            m.cpuTempC ?? null,
            JSON.stringify(m.cameras),
            m.observations ? JSON.stringify(m.observations) : null,
          ]);
          break;
        }
        case 'reply': {
          const m = decoded.message;
          replies.push([
            m.msgId,
            m.storeId,
            m.gatewayId,
            m.ts,
            m.inReplyTo,
            m.ok ? 1 : 0,
            m.detail ?? null,
            m.data ? JSON.stringify(m.data) : null,
          ]);
          break;
        }
        case 'status':
          statuses.push(upsertStatus(tx, decoded.message));
          break;
        default:
          // config and cmd are the hub's own messages; they are kept in `messages` only.
          break;
      }
    }

    // Issued together (drivers keep their order), awaited together.
    await Promise.all([
      ...statuses,
      insertMany(
        tx,
        'INSERT INTO path_visits (msg_id, store_id, gateway_id, path_id, zone_id, enter_ts, exit_ts) VALUES',
        visits,
      ),
      insertMany(
        tx,
        'INSERT INTO path_rotating_ids (msg_id, store_id, path_id, rotating_id, window_start) VALUES',
        rotating,
      ),
      insertMany(
        tx,
        `INSERT INTO gateway_metrics (msg_id, store_id, gateway_id, window_start, window_end, outbox_depth,
      outbox_dropped, bytes_sent, cpu_temp_c, cameras, observations) VALUES`,
        metrics,
      ),
      insertMany(
        tx,
        'INSERT INTO gateway_replies (msg_id, store_id, gateway_id, ts, in_reply_to, ok, detail, data) VALUES',
        replies,
      ),
      this.rollups.enqueue(tx, pending),
    ]);
  }
}

/** The latest status of a gateway wins, unless it comes from an earlier run (a will delivered late). */
async function upsertStatus(tx: SqlExecutor, s: MessageOf<'status'>): Promise<void> {
  await tx.run(
    `INSERT INTO gateways (store_id, gateway_id, created_at, state, reason, version, layout_version, config_version,
       started_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (store_id, gateway_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
       version = excluded.version, layout_version = excluded.layout_version, config_version = excluded.config_version,
       started_at = excluded.started_at, last_seen = excluded.last_seen
     WHERE gateways.started_at IS NULL OR excluded.started_at IS NULL OR excluded.started_at >= gateways.started_at`,
    [
      s.storeId,
      s.gatewayId,
      s.ts,
      s.state,
      s.reason ?? null,
      s.version,
      s.layoutVersion ?? null,
      s.configVersion ?? null,
      s.startedAt ?? null,
      s.ts,
    ],
  );
}

const MESSAGE_COLUMNS = `msg_id, store_id, gateway_id, kind, window_start, window_end, ts, layout_version,
  received_at, stored_at, payload`;

/** The messages table's row of each item, in MESSAGE_COLUMNS order. */
function messageRows(items: readonly IngestItem[], now: number): SqlValue[][] {
  return items.map(({ decoded, receivedAt }): SqlValue[] => {
    const m = decoded.message as Record<string, unknown>;
    return [
      decoded.message.msgId,
      decoded.storeId,
      decoded.gatewayId ?? null,
      decoded.kind,
      (m.windowStart as number | undefined) ?? null,
      (m.windowEnd as number | undefined) ?? null,
      (m.ts as number | undefined) ?? null,
      (m.layoutVersion as number | undefined) ?? null,
      receivedAt,
      now,
      // The validated message with its defaults filled in, so readers need no schema: the text as
      // received when it is exactly that (see decodeMessage), else the message serialised again.
      decoded.text ?? JSON.stringify(decoded.message),
    ];
  });
}

/** Multi-row INSERTs of the messages' rows, 2,000 a statement, each followed by `tail`. */
function messageInserts(items: readonly IngestItem[], now: number, tail: string): Statement[] {
  const rows = messageRows(items, now);
  const statements: Statement[] = [];
  const perStatement = 2000;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const placeholders = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    statements.push({
      sql: `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES ${placeholders} ${tail}`,
      params: chunk.flat(),
    });
  }
  return statements;
}

/**
 * The same rows as one INSERT with the values written in as literals, for a script: a batch's
 * payloads are most of its bytes, and putting them through placeholders first (to be found again
 * and replaced character by character) cost the event loop more than writing them out directly.
 */
function renderedMessageInsert(items: readonly IngestItem[], now: number): RenderedStatement {
  const pieces = [`INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES `];
  messageRows(items, now).forEach((row, i) => {
    pieces.push(i === 0 ? '(' : ',\n(');
    row.forEach((value, j) => {
      if (j > 0) pieces.push(', ');
      pieces.push(sqlLiteral(value));
    });
    pieces.push(')');
  });
  return { pieces };
}

/** Within one batch, the first copy of a msgId wins, as across batches. */
function firstCopies(items: readonly IngestItem[]): { candidates: IngestItem[]; duplicates: string[] } {
  const unique = new Map<string, IngestItem>();
  const duplicates: string[] = [];
  for (const item of items) {
    const id = item.decoded.message.msgId;
    if (unique.has(id)) duplicates.push(id);
    else unique.set(id, item);
  }
  return { candidates: [...unique.values()], duplicates };
}
