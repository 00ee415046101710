// The hub's schema, as ordered migrations in SQL that SQLite and PostgreSQL both run unchanged.
// Epoch milliseconds are BIGINT; counts that may carry privacy noise are DOUBLE PRECISION.
// A raw window (heatmap, zones, counts) stays in messages.payload only: reads go to the hour and
// day roll-ups, and per-row copies of every window multiplied the write volume for nothing.
// No table has a column for a loyalty number: POS rows carry only the member pseudonym `pid`.
import type { SqlDriver } from './sql-driver.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'ingest, roll-ups, registry, POS, catalogue, layouts, dead letters',
    sql: `
CREATE TABLE messages (
  msg_id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  gateway_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  window_start BIGINT,
  window_end BIGINT,
  ts BIGINT,
  layout_version BIGINT,
  received_at BIGINT NOT NULL,
  stored_at BIGINT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX messages_store_kind_time ON messages (store_id, kind, window_start);
CREATE INDEX messages_received ON messages (received_at);

CREATE TABLE path_visits (
  msg_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  gateway_id TEXT NOT NULL,
  path_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  enter_ts BIGINT NOT NULL,
  exit_ts BIGINT NOT NULL
);
CREATE INDEX path_visits_store_path ON path_visits (store_id, path_id);
CREATE TABLE path_rotating_ids (
  msg_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  path_id TEXT NOT NULL,
  rotating_id TEXT NOT NULL,
  window_start BIGINT NOT NULL
);
CREATE INDEX path_rotating_ids_rid ON path_rotating_ids (rotating_id);

CREATE TABLE gateway_metrics (
  msg_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  gateway_id TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  outbox_depth BIGINT NOT NULL,
  outbox_dropped BIGINT NOT NULL,
  bytes_sent BIGINT NOT NULL,
  cpu_temp_c DOUBLE PRECISION,
  cameras TEXT NOT NULL
);
CREATE INDEX gateway_metrics_gateway_time ON gateway_metrics (store_id, gateway_id, window_start);

CREATE TABLE gateway_replies (
  msg_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  gateway_id TEXT NOT NULL,
  ts BIGINT NOT NULL,
  in_reply_to TEXT NOT NULL,
  ok BIGINT NOT NULL,
  detail TEXT,
  data TEXT
);

CREATE TABLE heatmap_rollup (
  store_id TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start BIGINT NOT NULL,
  cell_size DOUBLE PRECISION NOT NULL,
  cell_col BIGINT NOT NULL,
  cell_row BIGINT NOT NULL,
  scale BIGINT NOT NULL,
  shoppers DOUBLE PRECISION NOT NULL,
  dwell_s DOUBLE PRECISION NOT NULL,
  windows BIGINT NOT NULL,
  PRIMARY KEY (store_id, period, period_start, cell_size, cell_col, cell_row, scale)
);

CREATE TABLE zone_rollup (
  store_id TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start BIGINT NOT NULL,
  zone_id TEXT NOT NULL,
  visits DOUBLE PRECISION NOT NULL,
  shoppers DOUBLE PRECISION NOT NULL,
  stops DOUBLE PRECISION NOT NULL,
  dwell_total_s DOUBLE PRECISION NOT NULL,
  dwell_max_s DOUBLE PRECISION NOT NULL,
  peak_occupancy DOUBLE PRECISION NOT NULL,
  windows BIGINT NOT NULL,
  PRIMARY KEY (store_id, period, period_start, zone_id)
);

CREATE TABLE transition_rollup (
  store_id TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start BIGINT NOT NULL,
  from_zone TEXT NOT NULL,
  to_zone TEXT NOT NULL,
  transitions DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (store_id, period, period_start, from_zone, to_zone)
);

CREATE TABLE entrance_rollup (
  store_id TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start BIGINT NOT NULL,
  entrance_id TEXT NOT NULL,
  in_count BIGINT NOT NULL,
  out_count BIGINT NOT NULL,
  PRIMARY KEY (store_id, period, period_start, entrance_id)
);

CREATE TABLE stores (
  store_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE layouts (
  store_id TEXT NOT NULL,
  layout_version BIGINT NOT NULL,
  effective_from TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (store_id, layout_version)
);

CREATE TABLE gateways (
  store_id TEXT NOT NULL,
  gateway_id TEXT NOT NULL,
  password_hash TEXT,
  created_at BIGINT NOT NULL,
  state TEXT,
  reason TEXT,
  version TEXT,
  layout_version BIGINT,
  config_version BIGINT,
  started_at BIGINT,
  last_seen BIGINT,
  PRIMARY KEY (store_id, gateway_id)
);

CREATE TABLE catalogue_items (
  sku TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  subcategory TEXT,
  margin DOUBLE PRECISION,
  updated_at BIGINT NOT NULL
);

CREATE TABLE pos_transactions (
  store_id TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  ts BIGINT,
  pid TEXT,
  source TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (store_id, transaction_id)
);
CREATE INDEX pos_transactions_pid ON pos_transactions (pid);
CREATE INDEX pos_transactions_time ON pos_transactions (store_id, ts);

CREATE TABLE pos_items (
  store_id TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  line BIGINT NOT NULL,
  sku TEXT NOT NULL,
  quantity DOUBLE PRECISION NOT NULL,
  price DOUBLE PRECISION,
  PRIMARY KEY (store_id, transaction_id, line)
);

CREATE TABLE dead_letters (
  id TEXT PRIMARY KEY,
  received_at BIGINT NOT NULL,
  topic TEXT NOT NULL,
  client_id TEXT,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  excerpt TEXT
);
CREATE INDEX dead_letters_received ON dead_letters (received_at);
`,
  },
  {
    version: 2,
    name: 'roll-ups queued behind ingest',
    sql: `
CREATE TABLE rollup_pending (
  msg_id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX rollup_pending_received ON rollup_pending (received_at);
`,
  },
  {
    version: 3,
    name: 'dashboard users, login sessions, API tokens',
    // stores: JSON, "all" or a list of store ids. Session ids and tokens are stored only as SHA-256
    // hex; passwords only as scrypt hashes. Users are disabled, never deleted, so tokens keep an owner.
    sql: `
CREATE TABLE users (
  user_id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  stores TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  disabled_at BIGINT
);

CREATE TABLE user_sessions (
  session_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);
CREATE INDEX user_sessions_expires ON user_sessions (expires_at);

CREATE TABLE api_tokens (
  token_id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  last_used_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
`,
  },
  {
    version: 4,
    name: 'imported zone visits, layout experiments',
    // zone_visits: one row per visit of a shopper session to a zone, from a CSV import; `pid` is the
    // member pseudonym (never the loyalty number). An import is idempotent on the primary key.
    // layout_experiments: registered experiments as validated JSON, evaluated from the POS data.
    // The (store, imported_at) and (store, enter_ts) indexes keep the analytics' data fingerprint
    // (newest import, first and last path visit) a lookup rather than a scan.
    sql: `
CREATE TABLE zone_visits (
  store_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  enter_ts BIGINT NOT NULL,
  exit_ts BIGINT NOT NULL,
  pid TEXT,
  source TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (store_id, session_id, zone_id, enter_ts)
);
CREATE INDEX zone_visits_pid ON zone_visits (pid);
CREATE INDEX zone_visits_time ON zone_visits (store_id, enter_ts);
CREATE INDEX zone_visits_imported ON zone_visits (store_id, imported_at);
CREATE INDEX path_visits_store_time ON path_visits (store_id, enter_ts);
CREATE INDEX pos_transactions_imported ON pos_transactions (store_id, imported_at);

CREATE TABLE layout_experiments (
  experiment_id TEXT PRIMARY KEY,
  registered_at BIGINT NOT NULL,
  document TEXT NOT NULL
);
`,
  },
  {
    version: 5,
    name: 'loyalty-app enrolments, resolved gateway paths',
    // app_members: members who opted in to BLE linkage, by pseudonym, with the secret their app derives
    // its rotating identifier from (never the loyalty number). path_members: which gateway paths the
    // hub resolved to a member from the rotating ids they carried; erasure deletes both by pid.
    sql: `
CREATE TABLE app_members (
  pid TEXT PRIMARY KEY,
  app_secret TEXT NOT NULL,
  enrolled_at BIGINT NOT NULL
);
CREATE TABLE path_members (
  store_id TEXT NOT NULL,
  path_id TEXT NOT NULL,
  pid TEXT NOT NULL,
  resolved_at BIGINT NOT NULL,
  PRIMARY KEY (store_id, path_id)
);
CREATE INDEX path_members_pid ON path_members (pid);
CREATE INDEX path_rotating_ids_store_window ON path_rotating_ids (store_id, window_start);
`,
  },
  {
    version: 6,
    name: 'gateway enrolment codes',
    // One-time codes a new gateway exchanges for its provisioning file. The code itself is never
    // stored: `verifier` and the key sealing `sealed` (the provisioning file, with the MQTT password)
    // are both derived from it by scrypt with `salt`. `sealed` is cleared when the code is used.
    sql: `
CREATE TABLE enrolment_codes (
  code_id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  gateway_id TEXT NOT NULL,
  salt TEXT NOT NULL,
  verifier TEXT NOT NULL,
  sealed TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  failed_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX enrolment_codes_gateway ON enrolment_codes (gateway_id, created_at);
`,
  },
  {
    version: 7,
    name: "what became of a window's track positions, per gateway",
    // The metrics message's `observations` counts (received, staff, offFloor, ignored) as JSON; NULL
    // from gateways that send none (no layout yet, or older than this field).
    sql: `
ALTER TABLE gateway_metrics ADD COLUMN observations TEXT;
`,
  },
  {
    version: 8,
    name: 'zone reach: first visits in the zone roll-ups',
    // The zones message's `firstVisits` summed, and the windows that carried it: a range is measured
    // by first visits only where every window was (older gateways and older roll-ups have 0 of them).
    sql: `
ALTER TABLE zone_rollup ADD COLUMN first_visits DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE zone_rollup ADD COLUMN first_visit_windows BIGINT NOT NULL DEFAULT 0;
`,
  },
];

/** Applies the migrations not yet applied, each in its own transaction; safe to run concurrently on PostgreSQL. */
export async function migrate(db: SqlDriver, now: number): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      if (db.dialect === 'postgres') await tx.run('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const rows = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [m.version]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(m.sql)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        now,
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
