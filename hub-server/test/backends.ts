// The storage backends a test suite runs against: SQLite in a temp dir always, PostgreSQL in a
// schema of its own when DATABASE_URL is set (dropped afterwards).
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { HubRepository } from '../src/storage/repository.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Options that make a Hub or a repository use this backend. */
  options(): Promise<{ dataDir: string; databaseUrl?: string; schema?: string }>;
  cleanup(): Promise<void>;
}

export function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: 'sqlite',
      options: async () => ({ dataDir: await mkdtemp(path.join(tmpdir(), 'hub-sqlite-')) }),
      cleanup: async () => {},
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    const schemas: string[] = [];
    list.push({
      name: 'postgres',
      options: async () => {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        return { dataDir: await mkdtemp(path.join(tmpdir(), 'hub-pg-')), databaseUrl: url, schema };
      },
      cleanup: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        for (const s of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
        await client.end();
      },
    });
  }
  return list;
}

export async function openRepo(b: Backend, now = () => Date.now()): Promise<HubRepository> {
  return HubRepository.open({ ...(await b.options()), now });
}

/** Every row of every table, as JSON text: for privacy scans. */
export async function dumpAllTables(repo: HubRepository): Promise<Map<string, string>> {
  const tables =
    repo.db.dialect === 'sqlite'
      ? (
          await repo.db.all<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
        ).map((r) => r.name)
      : (
          await repo.db.all<{ name: string }>(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
          )
        ).map((r) => r.name);
  const out = new Map<string, string>();
  for (const t of tables) out.set(t, JSON.stringify(await repo.db.all(`SELECT * FROM ${t}`)));
  return out;
}

export async function columnsNamed(repo: HubRepository, column: string): Promise<string[]> {
  if (repo.db.dialect === 'postgres') {
    return (
      await repo.db.all<{ t: string }>(
        'SELECT table_name AS t FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = ?',
        [column],
      )
    ).map((r) => r.t);
  }
  const tables = await repo.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
  const found: string[] = [];
  for (const { name } of tables) {
    const cols = await repo.db.all<{ name: string }>(`PRAGMA table_info(${name})`);
    if (cols.some((c) => c.name === column)) found.push(name);
  }
  return found;
}
