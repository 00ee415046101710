// Reference data the analytics join against: stores and their layouts (versioned), and the catalogue.
import type { CatalogueItem, StoreLayout } from '@retail/contracts';
import { insertMany, type SqlExecutor } from './sql-driver.js';

export class ReferenceStore {
  /** storeId → time zone; a store without a layout is cached as UTC for a minute, then asked again. */
  readonly #timeZones = new Map<string, { tz: string; until: number }>();

  constructor(private readonly db: SqlExecutor) {}

  /** Stores a layout version (idempotent) and makes the store's name and time zone current. */
  async saveLayout(layout: StoreLayout, now: number): Promise<{ inserted: boolean }> {
    const r = await this.db.run(
      `INSERT INTO layouts (store_id, layout_version, effective_from, imported_at, document) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (store_id, layout_version) DO NOTHING`,
      [layout.storeId, layout.layoutVersion, layout.effectiveFrom, now, JSON.stringify(layout)],
    );
    await this.db.run(
      `INSERT INTO stores (store_id, name, timezone, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone, updated_at = excluded.updated_at`,
      [layout.storeId, layout.name, layout.timezone, now],
    );
    this.#timeZones.set(layout.storeId, { tz: layout.timezone, until: Number.POSITIVE_INFINITY });
    return { inserted: r.changes > 0 };
  }

  async latestLayout(storeId: string): Promise<StoreLayout | undefined> {
    const rows = await this.db.all<{ document: string }>(
      'SELECT document FROM layouts WHERE store_id = ? ORDER BY layout_version DESC LIMIT 1',
      [storeId],
    );
    return rows[0] ? (JSON.parse(rows[0].document) as StoreLayout) : undefined;
  }

  /** The store's time zone for roll-ups; UTC until a layout is imported. */
  async timeZoneOf(storeId: string): Promise<string> {
    const cached = this.#timeZones.get(storeId);
    if (cached && cached.until > performance.now()) return cached.tz;
    const rows = await this.db.all<{ timezone: string }>('SELECT timezone FROM stores WHERE store_id = ?', [
      storeId,
    ]);
    const tz = rows[0]?.timezone ?? 'UTC';
    // Known stores keep their zone (a layout import here updates it); unknown ones are asked again
    // a minute later, in case another hub worker imported their layout.
    this.#timeZones.set(storeId, {
      tz,
      until: rows[0] ? Number.POSITIVE_INFINITY : performance.now() + 60_000,
    });
    return tz;
  }

  async upsertCatalogue(items: readonly CatalogueItem[], now: number): Promise<number> {
    return insertMany(
      this.db,
      'INSERT INTO catalogue_items (sku, name, category, subcategory, margin, updated_at) VALUES',
      items.map((i) => [i.sku, i.name, i.category, i.subcategory ?? null, i.margin ?? null, now]),
      `ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
         subcategory = excluded.subcategory, margin = excluded.margin, updated_at = excluded.updated_at`,
    );
  }
}
