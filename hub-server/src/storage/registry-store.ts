// Gateways the hub knows: credentials (a hash only) from provisioning, and their latest status.
import type { SqlExecutor } from './sql-driver.js';

export interface GatewayRow {
  storeId: string;
  gatewayId: string;
  passwordHash: string | null;
  state: string | null;
  reason: string | null;
  version: string | null;
  layoutVersion: number | null;
  configVersion: number | null;
  startedAt: number | null;
  lastSeen: number | null;
}

const COLUMNS = `store_id AS "storeId", gateway_id AS "gatewayId", password_hash AS "passwordHash", state, reason, version,
  layout_version AS "layoutVersion", config_version AS "configVersion", started_at AS "startedAt", last_seen AS "lastSeen"`;

export class RegistryStore {
  constructor(private readonly db: SqlExecutor) {}

  /** Creates the gateway, or replaces its credentials (re-provisioning). */
  async setCredentials(storeId: string, gatewayId: string, passwordHash: string, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO gateways (store_id, gateway_id, password_hash, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (store_id, gateway_id) DO UPDATE SET password_hash = excluded.password_hash`,
      [storeId, gatewayId, passwordHash, now],
    );
  }

  async get(storeId: string, gatewayId: string): Promise<GatewayRow | undefined> {
    const rows = await this.db.all<GatewayRow>(
      `SELECT ${COLUMNS} FROM gateways WHERE store_id = ? AND gateway_id = ?`,
      [storeId, gatewayId],
    );
    return rows[0];
  }

  async list(storeId?: string): Promise<GatewayRow[]> {
    return storeId === undefined
      ? this.db.all<GatewayRow>(`SELECT ${COLUMNS} FROM gateways ORDER BY store_id, gateway_id`)
      : this.db.all<GatewayRow>(`SELECT ${COLUMNS} FROM gateways WHERE store_id = ? ORDER BY gateway_id`, [
          storeId,
        ]);
  }
}
