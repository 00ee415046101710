import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from './scenario-files.js';
import { scenarioSchema } from './scenario-schema.js';
import { SCENARIOS_DIR, scenarioPath } from './simulator-test-kit.js';

const minimal = {
  schema: 'retail.scenario/v1',
  name: 'tiny',
  description: 'a test',
  seed: 1,
  layout: 'layout.json',
  catalogue: 'catalogue.csv',
  startDate: '2026-03-10',
  openingHours: { open: '08:00', close: '20:30' },
  arrivals: { perDay: 100 },
  shoppers: { optedInFraction: 0.1, loyaltyCardFraction: 0.4 },
};

describe('scenario files', () => {
  it.each(readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.json')))(
    '%s is valid, with its layout and catalogue',
    async (file) => {
      const loaded = await loadScenarioFile(`${SCENARIOS_DIR}${file}`);
      expect(loaded.scenario.description.length).toBeGreaterThan(20);
      expect(`${loaded.scenario.name}.json`).toBe(file);
      expect(loaded.layout.storeId).toBe('demo-supermarket');
      expect(loaded.catalogue.bySku.size).toBeGreaterThan(100);
    },
  );

  it('names the three scenarios the issue asks for', async () => {
    const change = await loadScenarioFile(scenarioPath('layout-change'));
    expect(change.scenario.layoutChange?.day).toBe(7);
    const cross = await loadScenarioFile(scenarioPath('cross-merch'));
    expect(cross.scenario.affinities.map((a) => a.name)).toEqual([
      'paint-brushes',
      'babyfood-nappies',
      'pasta-sauces',
    ]);
    expect(cross.scenario.coldZones).toEqual([{ zoneId: 'frozen', factor: 0.1 }]);
  });
});

describe('scenarioSchema', () => {
  it('fills defaults and reads clock times as minutes', () => {
    const s = scenarioSchema.parse(minimal);
    expect(s.openingHours).toEqual({ open: 480, close: 1230 });
    expect(s.days).toBe(1);
    expect(s.basket.meanItems).toBe(8);
    expect(s.basket.exposureRadiusM).toBe(2);
    expect(s.shoppers.speedMps).toEqual({ min: 1, max: 1.4 });
    expect(s.staff.count).toBeUndefined();
    expect(s.sampleHz).toBe(2);
  });

  it('names the field of every problem', () => {
    const bad = {
      ...minimal,
      openingHours: { open: '20:00', close: '08:00' },
      arrivals: {
        perDay: 10,
        peaks: [
          { at: '12:00', widthMinutes: 30, share: 0.7 },
          { at: '18:00', widthMinutes: 30, share: 0.7 },
        ],
      },
      days: 2,
      layoutChange: { day: 2 },
      affinities: [{ name: 'x', a: {}, b: { skus: ['A'] }, strength: 0.5 }],
    };
    const result = scenarioSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['openingHours.close', 'arrivals.peaks', 'layoutChange.day', 'affinities.0.a']),
    );
  });

  it('rejects a malformed clock time and unknown fields', () => {
    expect(
      scenarioSchema.safeParse({ ...minimal, openingHours: { open: '8:00', close: '20:00' } }).success,
    ).toBe(false);
    expect(scenarioSchema.safeParse({ ...minimal, colour: 'red' }).success).toBe(false);
  });
});
