// The whole product on a simulated day: a real hub (embedded aedes, or Mosquitto when MQTT_URL is
// set; SQLite, or PostgreSQL when DATABASE_URL is set), the store's two gateways provisioned, and the
// built `edge-agent emulate` publishing an hour and a half of the demo store to it. The hub's figures
// are then held against the simulator's truth:
// - Entrance counts (exact counts, no k-anonymity) at the main entrance, the one a camera watches:
//   at most 10% over the truth and at most ENTRANCE_TOLERANCE under it. The layout leaves little room:
//   the entrance camera's privacy mask starts about a metre beyond the counting line, a few frames at
//   5 fps, and the tracker trusts a person after 3 hits (the positions of those first hits still count
//   for the line: `earlier` in byte-tracker.ts). At a busy door the tracker also takes someone coming
//   in for the one who just left under the mask; the one who left is counted all the same, since a
//   track unseen past the line has crossed (line-crossing.ts). Measured here: in ≈ 82%, out ≈ 86% of
//   the truth (65% and 80% before both); with perfect detections 95% / 95%. The side entrance has no
//   camera: zero (the overview says so).
// - Zone visits against what the same cameras would have reported with perfect detection
//   (`visible-truth.json`: the gateways' own aggregator fed with the true positions in view, k applied
//   alike), for the zones seen with steady traffic and no crowd, within ZONE_TOLERANCE.
// - The heatmap is not empty, and no stored row holds a loyalty number, a 12+ digit string or a MAC.
// - App users' paths (BLE rotating ids linked to camera tracks on the gateway) resolve at the hub to
//   the right member's pseudonym.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAppMembersCsv, parseVisitsCsv } from '@retail/contracts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathResolver } from '../src/analytics/service/path-resolver.js';
import { hashPassword } from '../src/broker/credentials.js';
import { forgetSessions } from '../src/broker/forget-sessions.js';
import { importAppMembers } from '../src/commands/import-app-members.js';
import { hubConfigSchema } from '../src/config.js';
import { Hub } from '../src/hub.js';
import { nodeRotatingIdFor } from '../src/privacy/node-rotating-id.js';
import { createPseudonymizer } from '../src/privacy/pseudonym.js';
import { backends, dumpAllTables } from './backends.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const edgeBin = path.join(repoRoot, 'edge-agent/bin/edge-agent.js');
const demo = path.join(repoRoot, 'fixtures/stores/demo-supermarket');
const logger = pino({ level: 'silent' });
const backend = backends().at(-1)!; // PostgreSQL when DATABASE_URL is set, else SQLite
const run = Date.now().toString(36);
const storeId = `emu-${run}`;
const gateways = ['gw-front', 'gw-back'];
const SPEED = 200;
const hubKey = Buffer.alloc(32, 7);
const pseudonymize = createPseudonymizer(hubKey);

/** Relative shortfall allowed at the main entrance, in and out (see the header). */
const ENTRANCE_TOLERANCE = 0.3;
/** Relative error allowed on a zone's visits against perfect detection by the same cameras. */
const ZONE_TOLERANCE = 0.25;
/** Zones with steady traffic in view and no crowd. Reported, not asserted: the checkout, whose queues
 * fragment tracks (each fragment a visit of its own), and the DIY corner, a handful of visits. */
const ASSERTED_ZONES = ['entrance-lobby', 'pantry', 'drinks', 'baby-health'];

interface EmulationLine {
  msg?: string;
  realS?: number;
  frames?: number;
  framesSkipped?: number;
  simMinutesPerRealSecond?: number;
  cpuPercent?: number;
}

describe(`an emulated day through a hub on ${backend.name}${process.env.MQTT_URL ? ' and Mosquitto' : ''}`, () => {
  let hub: Hub;
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'emulated-day-'));
    const o = await backend.options();
    hub = new Hub({
      config: hubConfigSchema.parse({
        http: { host: '127.0.0.1', port: 0 },
        // On a shared Mosquitto, a share group and session of this run's own, so no other hub takes its messages.
        mqtt: process.env.MQTT_URL
          ? { url: process.env.MQTT_URL, shareGroup: `emu${run}` }
          : { host: '127.0.0.1', port: 0 },
        ...(process.env.MQTT_URL && { workerId: `emu-${run}` }),
        dataDir: o.dataDir,
        ...(o.databaseUrl && { database: { url: o.databaseUrl } }),
      }),
      logger,
      hubKey,
      ...(o.schema && { databaseSchema: o.schema }),
    });
    await hub.start();
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await hub?.stop();
    // Its ingest sessions would stay on the shared broker, queuing every later test's messages.
    if (process.env.MQTT_URL && hub) await forgetSessions(process.env.MQTT_URL, hub.ingestClientIds);
    await backend.cleanup();
  });

  it('publishes figures that agree with the simulated truth, and nothing that identifies anyone', async () => {
    // The demo store under a store id of its own (a shared Mosquitto may carry other tests' stores).
    const layout = JSON.parse(await readFile(path.join(demo, 'layout.json'), 'utf8'));
    const layoutFile = path.join(dir, 'layout.json');
    await writeFile(layoutFile, JSON.stringify({ ...layout, storeId }));
    const scenario = JSON.parse(
      await readFile(path.join(repoRoot, 'fixtures/scenarios/demo-day.json'), 'utf8'),
    );
    const scenarioFile = path.join(dir, 'scenario.json');
    await writeFile(
      scenarioFile,
      JSON.stringify({
        ...scenario,
        name: 'emulated-hour',
        layout: layoutFile,
        catalogue: path.join(demo, 'catalogue.csv'),
        openingHours: { open: '08:00', close: '09:00' },
        arrivals: { ...scenario.arrivals, perDay: 300, peaks: [] },
      }),
    );
    const credentialsDir = path.join(dir, 'credentials');
    await mkdir(credentialsDir);
    for (const gw of gateways) {
      const password = `pw-${gw}-${run}`;
      await hub.repo.registry.setCredentials(storeId, gw, await hashPassword(password, 1000), 1);
      await writeFile(
        path.join(credentialsDir, `${gw}.credentials.json`),
        JSON.stringify({ username: `${storeId}.${gw}`, password }),
      );
    }

    // The product's k = 5. Most zones see only a handful of shoppers a minute; what a minute leaves
    // under k is held for the next ones of the hour (k-hold.ts), so the figures do not hinge on which
    // minutes happen to reach k (this test once ran at k = 2 for that reason).
    const configDir = path.join(dir, 'gateways');
    await mkdir(configDir);
    for (const gw of gateways)
      await writeFile(
        path.join(configDir, `${gw}.json`),
        JSON.stringify({
          storeId,
          gatewayId: gw,
          mqtt: { url: 'mqtt://127.0.0.1:1883' }, // replaced by --mqtt-url
          settings: { kAnonymity: 5 },
        }),
      );
    const dataDir = path.join(dir, 'emulator');
    child = spawn(
      process.execPath,
      [
        edgeBin,
        'emulate',
        '--scenario',
        scenarioFile,
        '--speed',
        String(SPEED),
        '--date',
        'scenario',
        '--mqtt-url',
        process.env.MQTT_URL ?? hub.brokerUrl,
        '--credentials-dir',
        credentialsDir,
        '--config-dir',
        configDir,
        '--data-dir',
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child!.once('exit', (c) => resolve(c)));
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as EmulationLine & { level: number });
    expect(code, `emulate failed:\n${stderr}\n${stdout.slice(-3000)}`).toBe(0);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    const done = lines.find((l) => l.msg === 'emulation done');
    expect(done).toBeDefined();
    await hub.drainIngest();

    const date = scenario.startDate as string;
    const truthDir = path.join(dataDir, 'truth', date);
    const truth = JSON.parse(await readFile(path.join(truthDir, 'entrance-counts.json'), 'utf8')) as {
      openMs: number;
      entrances: { entranceId: string; in: number; out: number }[];
    };
    const visible = JSON.parse(await readFile(path.join(truthDir, 'visible-truth.json'), 'utf8')) as {
      gatewayId: string;
      zones: { zoneId: string; visits: number }[];
    }[];
    const from = truth.openMs - 3_600_000;
    const to = truth.openMs + 6 * 3_600_000;

    const entrances = await hub.repo.queries.entrances(storeId, 'hour', from, to);
    const counted = (id: string) => entrances.find((e) => e.entranceId === id) ?? { in: 0, out: 0 };
    const main = truth.entrances.find((e) => e.entranceId === 'main-entrance')!;
    const side = truth.entrances.find((e) => e.entranceId === 'side-entrance')!;
    const zones = await hub.repo.queries.zones(storeId, 'hour', from, to);
    const expectedVisits = new Map<string, number>();
    for (const g of visible)
      for (const z of g.zones) expectedVisits.set(z.zoneId, (expectedVisits.get(z.zoneId) ?? 0) + z.visits);
    const heatmap = await hub.repo.queries.heatmap(storeId, 'hour', from, to);

    // The measured figures, for the record (the assertions follow).
    console.log(
      JSON.stringify({
        emulation: done,
        mainEntrance: { truth: main, hub: counted('main-entrance') },
        sideEntrance: { truth: side, hub: counted('side-entrance') },
        zoneVisits: Object.fromEntries(
          [...new Set([...expectedVisits.keys(), ...zones.map((z) => z.zoneId)])].map((id) => [
            id,
            {
              perfectCameras: expectedVisits.get(id) ?? 0,
              hub: Number(zones.find((z) => z.zoneId === id)?.visits ?? 0),
            },
          ]),
        ),
        heatmapShopperWindows: heatmap.reduce((n, c) => n + Number(c.shopperWindows), 0),
      }),
    );

    expect(main.in).toBeGreaterThan(100);
    for (const dir of ['in', 'out'] as const) {
      const hubCount = Number(counted('main-entrance')[dir]);
      expect(hubCount, `main entrance ${dir}`).toBeLessThanOrEqual(main[dir] * 1.1);
      expect(hubCount, `main entrance ${dir}`).toBeGreaterThanOrEqual(main[dir] * (1 - ENTRANCE_TOLERANCE));
    }
    // No camera watches the side entrance: its crossings are truth the hub cannot have.
    expect(side.in + side.out).toBeGreaterThan(0);
    expect(Number(counted('side-entrance').in) + Number(counted('side-entrance').out)).toBe(0);

    for (const zoneId of ASSERTED_ZONES) {
      const expected = expectedVisits.get(zoneId) ?? 0;
      const got = Number(zones.find((z) => z.zoneId === zoneId)?.visits ?? 0);
      expect(expected, zoneId).toBeGreaterThan(100);
      expect(
        Math.abs(got - expected) / expected,
        `${zoneId}: ${got} visits, ${expected} expected`,
      ).toBeLessThanOrEqual(ZONE_TOLERANCE);
    }
    expect(heatmap.reduce((n, c) => n + Number(c.shopperWindows), 0)).toBeGreaterThan(0);

    // Privacy: no loyalty number of the day's shoppers anywhere in any table; in what the gateways
    // published, no 12+ digit string, no MAC address, and no number too big to be a time or a count.
    const visits = await readFile(path.join(truthDir, 'visits.csv'), 'utf8');
    const loyaltyIds = [...new Set(visits.match(/\b6345\d{12}\b/g) ?? [])];
    expect(loyaltyIds.length).toBeGreaterThan(0);
    for (const [table, rows] of await dumpAllTables(hub.repo))
      for (const id of loyaltyIds) expect(rows, table).not.toContain(id);
    const payloads = await hub.repo.db.all<{ payload: string }>(
      'SELECT payload FROM messages WHERE store_id = ?',
      [storeId],
    );
    const leaks = payloads.flatMap((p) => identifierLike(JSON.parse(p.payload)));
    expect(leaks).toEqual([]);
    const stored = await hub.repo.queries.messageCount(storeId);
    expect(stored).toBeGreaterThan(0);

    // Loyalty linkage end to end: app users' phones advertised their rotating ids, the gateways linked
    // them to camera tracks and published pseudonymous paths, and the hub resolves those with the day's
    // app enrolments. A resolved path must be its member's: its visits fall in that member's time in
    // the store (known from the truth for app users who also scanned their card).
    const enrolled = await importAppMembers(
      parseAppMembersCsv([await readFile(path.join(truthDir, 'app-members.csv'))]),
      { repo: hub.repo, pseudonymize, now: Date.now },
    );
    expect(enrolled.issues).toEqual([]);
    await new PathResolver(hub.repo, { rotatingIdFor: nodeRotatingIdFor, now: Date.now }).resolve(storeId);
    const spans = new Map<string, { from: number; to: number }>();
    const span = (m: Map<string, { from: number; to: number }>, key: string, from: number, to: number) => {
      const s = m.get(key);
      m.set(key, { from: Math.min(from, s?.from ?? from), to: Math.max(to, s?.to ?? to) });
    };
    for await (const r of parseVisitsCsv([visits]))
      if (r.ok && r.value.loyaltyId)
        span(spans, pseudonymize(r.value.loyaltyId), r.value.enterTs, r.value.exitTs);
    const resolvedPaths = new Map<string, { pid: string; from: number; to: number }>();
    for (const v of await hub.repo.visits.gatewayPaths(storeId)) {
      if (!v.pid) continue;
      const p = resolvedPaths.get(v.sessionId);
      resolvedPaths.set(v.sessionId, {
        pid: v.pid,
        from: Math.min(v.enterTs, p?.from ?? v.enterTs),
        to: Math.max(v.exitTs, p?.to ?? v.exitTs),
      });
    }
    const verifiable = [...resolvedPaths.values()].filter((p) => spans.has(p.pid));
    const right = verifiable.filter((p) => {
      const s = spans.get(p.pid)!;
      return p.from >= s.from - 60_000 && p.to <= s.to + 60_000;
    });
    console.log(
      JSON.stringify({
        appMembers: enrolled.rows,
        resolvedPaths: resolvedPaths.size,
        verifiable: verifiable.length,
        right: right.length,
      }),
    );
    // How many paths get linked in an hour depends on fusion (a handful here: the cameras cover part of
    // the floor and BLE positions are ~5 m off); whatever is resolved must be the right member's.
    if (verifiable.length > 0) expect(right.length / verifiable.length).toBeGreaterThanOrEqual(0.9);
  }, 90_000);
});

const MAC = /\b([0-9a-f]{2}[:-]){5}[0-9a-f]{2}\b/i;

/** Leaves of a decoded payload that look like a raw identifier: card or phone numbers, MAC addresses. */
function identifierLike(value: unknown, where = ''): string[] {
  if (typeof value === 'string')
    return /\d{12,}/.test(value) || MAC.test(value) ? [`${where}: ${value}`] : [];
  if (typeof value === 'number') return Math.abs(value) >= 1e14 ? [`${where}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => identifierLike(v, `${where}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => identifierLike(v, `${where}.${k}`));
  return [];
}
