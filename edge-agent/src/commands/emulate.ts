// `edge-agent emulate --scenario FILE`: a store's gateways against a simulated day. The same agents
// as `edge-agent run` (outbox, MQTT session, windows, vision pipeline) in one process on one sim clock;
// only the cameras differ: they film the simulated shoppers and staff. Writes the day's truth first.
// Remembers how far the day got, so running it again resumes it (or says it is complete).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fieldIssues, type StoreLayout } from '@retail/contracts';
import { type EdgeConfig, edgeConfigSchema } from '../config.js';
import { cameraView } from '../emulator/camera-model.js';
import { DayProgressFile, resumption } from '../emulator/day-progress.js';
import { type EmulatedGateway, EmulatedStore } from '../emulator/emulated-store.js';
import { Population } from '../emulator/population.js';
import { rebaseScenario, SimClock, targetDate } from '../emulator/sim-clock.js';
import { writeDayTruth } from '../emulator/truth-files.js';
import { visibleTruth } from '../emulator/visible-truth.js';
import { ConfigError, loadEdgeConfig } from '../load-config.js';
import { createLogger, type Logger } from '../logger.js';
import { type LoadedScenario, loadScenarioFile } from '../simulator/scenario-files.js';
import type { Scenario } from '../simulator/scenario-schema.js';
import { isoUtc } from '../simulator/scenario-time.js';
import { prepareSimulation, simulateDay } from '../simulator/simulate-day.js';
import { numberFlag, UsageError } from './vision-flags.js';

export const emulateUsage = `Usage: edge-agent emulate --scenario FILE [--speed 60] [--mqtt-url URL] [--gateway ID[,ID…]|all]
                          [--credentials-dir DIR] [--config-dir DIR] [--data-dir DIR]
                          [--day N] [--date YYYY-MM-DD|today|scenario] [--fps 5] [--restart-day]

Simulates one day of the scenario, then runs the store's gateways (all of the layout's, or those named)
in this process against it, publishing to the hub's broker: the same agents as \`edge-agent run\`, with
cameras that see the simulated shoppers and staff (boxes with jitter, misses, occlusion and false
positives go through the real tracker, floor projection, fusion and privacy windows). Stops at the end
of the day, or on Ctrl-C, after delivering the open windows.

Run again on the same day (same scenario, seed, --day and date, same --data-dir), it resumes where the
last run stopped, with the window after the last one published, so the hub never counts an hour twice;
a day played to its end is not played again (the command says so and exits). Progress is kept in
DIR/progress/, saved ahead of what the gateways publish, so even a killed run resumes safely (it skips
the few simulated minutes it had not saved).

Options:
  --scenario FILE        scenario JSON (fixtures/scenarios/*.json); names the layout and catalogue
  --speed N              sim seconds per real second (default 60: an hour a minute)
  --mqtt-url URL         the hub's broker (default the config's, else mqtt://127.0.0.1:1883)  [EDGE_MQTT_URL]
  --gateway IDS          comma-separated gateway ids of the layout, or "all" (default)
  --credentials-dir DIR  MQTT credentials per gateway: DIR/<gatewayId>.credentials.json, {"username","password"}
                         (as written by \`hub-server provision gateway --out\`)
  --config-dir DIR       gateway configs DIR/<gatewayId>.json (settings, vision.sources for recorded frames);
                         a camera with a configured source uses it instead of the simulation
  --data-dir DIR         state per gateway in DIR/<gatewayId>, truth in DIR/truth/<date> (default .data/emulator)
  --day N                which day of the scenario, from 0 (default 0)
  --date D               play the day on D: YYYY-MM-DD, "today" (default) or "scenario" (its own date)
  --fps N                simulated camera frames per sim second (default 5)
  --restart-day          play the day from opening time even if it was played (partly) before: the hub
                         then counts the replayed hours again (to start clean, delete the hub's data too)`;

const DEFAULT_MQTT_URL = 'mqtt://127.0.0.1:1883';

/** `stop`: ends the run like Ctrl-C does (SIGINT and SIGTERM always do). */
export async function emulate(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  stop?: AbortSignal,
): Promise<number> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const scenarioFile = str('scenario');
  if (!scenarioFile) throw new UsageError(`missing --scenario\n\n${emulateUsage}`);
  const speed = numberFlag(values.speed, 'speed', 60, 0.01, 100_000);
  const fps = numberFlag(values.fps, 'fps', 5, 0.5, 30);
  const dayIndex = numberFlag(values.day, 'day', 0, 0, 365);
  if (!Number.isInteger(dayIndex)) throw new UsageError('--day must be a whole number');
  const dataDir = path.resolve(str('data-dir') ?? env.EDGE_DATA_DIR ?? '.data/emulator');
  const logger = createLogger(env.LOG_LEVEL ?? 'info');
  const log = logger.child({ module: 'edge.emulate' });

  const loaded = await loadScenarioFile(scenarioFile);
  if (dayIndex >= loaded.scenario.days)
    throw new UsageError(`--day ${dayIndex}: the scenario has ${loaded.scenario.days} day(s), from 0`);
  let date: string | undefined;
  try {
    date = targetDate(str('date') ?? 'today', Date.now(), loaded.scenario.utcOffsetMinutes);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const scenario = date ? rebaseScenario(loaded.scenario, dayIndex, date) : loaded.scenario;

  const gateways = await gatewayConfigs({
    layout: loaded.layout,
    ids: str('gateway') ?? 'all',
    dataDir,
    mqttUrl: str('mqtt-url') ?? env.EDGE_MQTT_URL,
    credentialsDir: str('credentials-dir'),
    configDir: str('config-dir'),
  });
  const { day, layout, population } = simulate(loaded, scenario, dayIndex, log);
  const startTs = day.day.openMs;
  const lastShopper = day.shoppers.reduce((m, s) => Math.max(m, s.exitTs), 0);
  const endTs = Math.max(day.day.closeMs, lastShopper) + 5000;
  await writeTruth({ dataDir, day, layout, gateways, population, startTs, endTs, fps, speed, log });

  const progress = new DayProgressFile(dataDir, {
    scenario: scenario.name,
    seed: scenario.seed,
    dayIndex,
    date: day.day.date,
  });
  const saved = values['restart-day'] === true ? {} : await progress.load();
  const ids = gateways.map((g) => g.config.gatewayId);
  const { fromTs, complete } = resumption(saved, ids, { startTs, endTs });
  if (complete) {
    log.info(
      { date: day.day.date, scenario: scenario.name, progress: progress.file },
      'the simulated day is complete: nothing left to play (--restart-day plays it again)',
    );
    return 0;
  }
  if (fromTs > startTs)
    log.info(
      { date: day.day.date, from: isoUtc(fromTs), progress: progress.file },
      'resuming the simulated day where it stopped',
    );

  const clock = new SimClock({ startMs: fromTs, speed, realNow: Date.now });
  const store = new EmulatedStore({
    layout,
    population,
    day,
    gateways,
    clock,
    startTs,
    endTs,
    fromTs,
    saveProgress: (p) => progress.save(p),
    fps,
    seed: scenario.seed,
    logger,
  });
  const realStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  const reached = await runUntilEndOrSignal(
    store,
    () => log.info({ simTime: isoUtc(clock.now()) }, 'stopping'),
    stop,
  );
  const realS = (performance.now() - realStarted) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cameras = store.cameras();
  log.info(
    {
      realS: Math.round(realS * 10) / 10,
      simMinutesPerRealSecond: Math.round(((clock.now() - fromTs) / 60_000 / realS) * 10) / 10,
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / realS) * 100),
      frames: cameras.reduce((n, c) => n + c.delivered, 0),
      framesSkipped: cameras.reduce((n, c) => n + c.dropped, 0),
      ...(reached && { resumeAt: isoUtc(Math.max(...Object.values(reached).map((g) => g.resumeTs))) }),
      dayComplete: reached !== undefined && Object.values(reached).every((g) => g.complete),
    },
    'emulation done',
  );
  return 0;
}

/** The day's truth, the layout in force that day, and who is where when. */
function simulate(loaded: LoadedScenario, scenario: Scenario, dayIndex: number, log: Logger) {
  const started = performance.now();
  const sim = prepareSimulation({ scenario, layout: loaded.layout, catalogue: loaded.catalogue });
  const day = simulateDay(sim, dayIndex);
  const layout = sim.worldFor(dayIndex).layout;
  const population = new Population(day, { entrances: layout.entrances });
  log.info(
    {
      scenario: scenario.name,
      date: day.day.date,
      shoppers: day.shoppers.length,
      staff: day.staff.length,
      posLines: day.posLines.length,
      tookMs: Math.round(performance.now() - started),
    },
    'day simulated',
  );
  return { day, layout, population };
}

/** Runs the store until the day is over, SIGINT/SIGTERM or `stop`, and always stops it (open windows
 * delivered). Returns the progress saved at the stop. */
async function runUntilEndOrSignal(
  store: EmulatedStore,
  onStopping: () => void,
  stop: AbortSignal | undefined,
): Promise<Awaited<ReturnType<EmulatedStore['stop']>>> {
  const stopping = new AbortController();
  const onSignal = () => stopping.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  stop?.addEventListener('abort', onSignal, { once: true });
  if (stop?.aborted) onSignal();
  try {
    try {
      await store.start();
      await store.untilEnd(stopping.signal);
      onStopping();
    } catch (err) {
      await store.stop();
      throw err;
    }
    return await store.stop();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stop?.removeEventListener('abort', onSignal);
  }
}

interface GatewayChoice {
  layout: StoreLayout;
  ids: string;
  dataDir: string;
  mqttUrl: string | undefined;
  credentialsDir: string | undefined;
  configDir: string | undefined;
}

/** One config per chosen gateway, from --config-dir when given, else the defaults; every problem at once. */
async function gatewayConfigs(c: GatewayChoice): Promise<EmulatedGateway[]> {
  const known = c.layout.gateways.map((g) => g.id);
  const ids =
    c.ids === 'all'
      ? known
      : c.ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0 || ids.length === 0)
    throw new UsageError(
      `--gateway: ${unknown.length ? `not in the layout: ${unknown.join(', ')}` : 'none named'}; the layout has ${known.join(', ')}`,
    );
  const out: EmulatedGateway[] = [];
  for (const gatewayId of ids) {
    const dataDir = path.join(c.dataDir, gatewayId);
    const credentialsFile = c.credentialsDir && path.join(c.credentialsDir, `${gatewayId}.credentials.json`);
    let config: EdgeConfig;
    let baseDir = process.cwd();
    if (c.configDir) {
      const file = path.resolve(c.configDir, `${gatewayId}.json`);
      ({ config } = await loadEdgeConfig(file, {
        dataDir,
        ...(c.mqttUrl !== undefined && { mqttUrl: c.mqttUrl }),
        ...(credentialsFile && { credentialsFile }),
      }));
      baseDir = path.dirname(file);
    } else {
      const parsed = edgeConfigSchema.safeParse({
        storeId: c.layout.storeId,
        gatewayId,
        mqtt: {
          url: c.mqttUrl ?? DEFAULT_MQTT_URL,
          ...(credentialsFile && (await readCredentials(credentialsFile))),
        },
        dataDir,
      });
      if (!parsed.success) {
        const lines = fieldIssues(parsed.error).map((i) => `  ${i.path}: ${i.message}`);
        throw new ConfigError(`gateway ${gatewayId}: invalid settings:\n${lines.join('\n')}`);
      }
      config = parsed.data;
    }
    if (config.storeId !== c.layout.storeId)
      throw new ConfigError(
        `gateway ${gatewayId} is configured for store "${config.storeId}", the scenario's layout is "${c.layout.storeId}"`,
      );
    out.push({ config, baseDir });
  }
  return out;
}

async function readCredentials(file: string): Promise<{ username: string; password: string }> {
  let creds: unknown;
  try {
    creds = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read credentials file ${file}: ${(err as Error).message}`);
  }
  const c = creds as { username?: unknown; password?: unknown } | null;
  if (typeof c?.username !== 'string' || typeof c.password !== 'string')
    throw new ConfigError(`credentials file ${file} needs "username" and "password" strings`);
  return { username: c.username, password: c.password };
}

interface TruthOptions {
  dataDir: string;
  day: ReturnType<typeof simulateDay>;
  layout: StoreLayout;
  gateways: readonly EmulatedGateway[];
  population: Population;
  startTs: number;
  endTs: number;
  fps: number;
  speed: number;
  log: Logger;
}

/** The day's truth, plus what each gateway's cameras could have reported had they been perfect. */
async function writeTruth(o: TruthOptions): Promise<void> {
  const started = performance.now();
  const visible = o.gateways.map(({ config }) => ({
    gatewayId: config.gatewayId,
    cameras: o.layout.cameras.filter((c) => c.gatewayId === config.gatewayId).map((c) => c.id),
    ...visibleTruth({
      layout: o.layout,
      settings: config.settings,
      views: o.layout.cameras.filter((c) => c.gatewayId === config.gatewayId).map(cameraView),
      population: o.population,
      fromTs: o.startTs,
      toTs: o.endTs,
      fps: 2, // the trajectories' own rate: sampling finer would only interpolate
      maxGapMs: config.vision.tracker.maxLostMs,
    }),
  }));
  const files = await writeDayTruth(o.dataDir, o.day, {
    'visible-truth.json': visible,
    'emulation.json': {
      storeId: o.layout.storeId,
      layoutVersion: o.layout.layoutVersion,
      fromTs: o.startTs,
      toTs: o.endTs,
      from: isoUtc(o.startTs),
      to: isoUtc(o.endTs),
      speed: o.speed,
      fps: o.fps,
      gateways: o.gateways.map((g) => g.config.gatewayId),
    },
  });
  o.log.info({ dir: files.dir, tookMs: Math.round(performance.now() - started) }, 'truth written');
}
