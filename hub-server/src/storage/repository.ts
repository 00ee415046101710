// The hub's storage behind one interface: SQLite by default, PostgreSQL by URL, same schema and
// queries above the driver seam (as aedes does with `opts.persistence || memory()`).
import path from 'node:path';
import { AnalyticsStore } from './analytics-store.js';
import { DeadLetterStore } from './dead-letter-store.js';
import { IngestStore } from './ingest-store.js';
import { MaintenanceStore } from './maintenance-store.js';
import { MemberStore } from './member-store.js';
import { migrate } from './migrations.js';
import { PosStore } from './pos-store.js';
import { openPostgres } from './postgres-driver.js';
import { QueryStore } from './query-store.js';
import { ReferenceStore } from './reference-store.js';
import { RegistryStore } from './registry-store.js';
import { RollupStore } from './rollup-store.js';
import type { SqlDriver } from './sql-driver.js';
import { openSqlite } from './sqlite-driver.js';
import { UserStore } from './user-store.js';
import { VisitStore } from './visit-store.js';

export interface RepositoryOptions {
  /** postgres://… for PostgreSQL; absent for SQLite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to work in (tests isolate themselves this way). */
  schema?: string;
  now: () => number;
}

export class HubRepository {
  readonly ingest: IngestStore;
  readonly rollups: RollupStore;
  readonly pos = new PosStore();
  readonly deadLetters = new DeadLetterStore();
  readonly registry: RegistryStore;
  readonly queries: QueryStore;
  readonly maintenance: MaintenanceStore;
  readonly reference: ReferenceStore;
  readonly users: UserStore;
  readonly visits: VisitStore;
  readonly analytics: AnalyticsStore;
  readonly members: MemberStore;

  private constructor(readonly db: SqlDriver) {
    this.registry = new RegistryStore(db);
    this.queries = new QueryStore(db);
    this.maintenance = new MaintenanceStore(db);
    this.reference = new ReferenceStore(db);
    this.users = new UserStore(db);
    this.visits = new VisitStore(db);
    this.analytics = new AnalyticsStore(db);
    this.members = new MemberStore(db);
    this.rollups = new RollupStore(db, (storeId) => this.reference.timeZoneOf(storeId));
    this.ingest = new IngestStore(this.rollups);
  }

  static async open(o: RepositoryOptions): Promise<HubRepository> {
    const db = o.databaseUrl
      ? await openPostgres({ url: o.databaseUrl, ...(o.schema !== undefined && { schema: o.schema }) })
      : await openSqlite(path.join(o.dataDir, 'hub.sqlite'));
    try {
      await migrate(db, o.now());
    } catch (err) {
      await db.close();
      throw err;
    }
    return new HubRepository(db);
  }

  /** Where the data lives, for logs (no password). */
  static describe(o: Pick<RepositoryOptions, 'databaseUrl' | 'dataDir'>): string {
    if (!o.databaseUrl) return `sqlite:${path.join(o.dataDir, 'hub.sqlite')}`;
    const u = new URL(o.databaseUrl);
    u.password = '';
    return u.toString();
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
