// `edge-agent` command line. Usage errors exit 2, failures exit 1.
import { parseArgs } from 'node:util';
import { benchBandwidth, benchBandwidthUsage } from './commands/bench-bandwidth.js';
import { benchBle, benchBleUsage } from './commands/bench-ble.js';
import { benchDetect, benchDetectUsage } from './commands/bench-detect.js';
import { bundle, bundleUsage } from './commands/bundle.js';
import { calibrate, calibrateUsage } from './commands/calibrate.js';
import { draw, drawUsage } from './commands/draw.js';
import { emulate, emulateUsage } from './commands/emulate.js';
import { enrol } from './commands/enrol.js';
import { evalBle, evalBleUsage } from './commands/eval-ble.js';
import { evalDetect, evalDetectUsage } from './commands/eval-detect.js';
import { evalLink, evalLinkUsage } from './commands/eval-link.js';
import { evalTrack, evalTrackUsage } from './commands/eval-track.js';
import { flash } from './commands/flash.js';
import { runAgent, runUsage } from './commands/run.js';
import { simulate } from './commands/simulate.js';
import { UsageError } from './commands/vision-flags.js';
import { ConfigError, loadEdgeConfig } from './load-config.js';
import { AGENT_VERSION } from './version.js';

const help = `edge-agent ${AGENT_VERSION} — the store gateway

Usage: edge-agent <command> [options]   (edge-agent <command> --help for details)

Commands:
  run --config FILE       run the gateway
  enrol --provision FILE | --url URL  write this gateway's config and credentials from the hub's provisioning
  emulate --scenario FILE the store's gateways against a simulated day, publishing to a hub
  simulate --scenario FILE --out DIR  a scenario's ground truth per day (POS, visits, planted pairs), no cameras
  check-config FILE       validate a gateway config file and the layout it names
  calibrate …             a camera's homography and the reprojection error per point
  draw --frames DIR --out DIR  what the detector and tracker find, drawn on the frames (PNG)
  eval detect …           detector precision/recall on frames with ground truth
  eval track …            tracker MOTA/IDF1 on frames with ground truth
  eval ble …              BLE positioning error (median, p90) on an RSSI log with ground truth
  eval link …             camera–beacon linking with the real positioner on a simulated day
  bench detect …          onnxruntime vs tfjs-wasm on the same frames, per stage
  bench bandwidth …       bytes published per camera-hour on a synthetic crowd
  bench ble …             µs per BLE position update, our positioner vs simple baselines
  bundle --arch A --out F a self-contained tar.gz (node, agent, models, systemd unit) for a linux-A board
  flash --bundle F --provision F --target DIR|IMAGE  a Raspberry Pi OS card that installs and enrols on first boot`;

const checkUsage = `Usage: edge-agent check-config FILE

Validates a gateway config file and the layout it names; lists every problem by field path.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(help);
    return 0;
  }
  if (command === '--version') {
    console.log(AGENT_VERSION);
    return 0;
  }
  // `enrol` reads its own flags and prints its own errors.
  if (command === 'enrol') return enrol(rest);
  if (command === 'flash') return flash(rest);
  if (command === 'simulate') return simulate(rest);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        'mqtt-url': { type: 'string' },
        'data-dir': { type: 'string' },
        credentials: { type: 'string' },
        layout: { type: 'string' },
        gateway: { type: 'string' },
        hours: { type: 'string' },
        arrivals: { type: 'string' },
        seed: { type: 'string' },
        frames: { type: 'string' },
        gt: { type: 'string' },
        detector: { type: 'string' },
        mounting: { type: 'string' },
        reference: { type: 'string' },
        iou: { type: 'string' },
        score: { type: 'string' },
        limit: { type: 'string' },
        every: { type: 'string' },
        fps: { type: 'string' },
        out: { type: 'string' },
        threads: { type: 'string' },
        input: { type: 'string' },
        soak: { type: 'string' },
        camera: { type: 'string' },
        pairs: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        scenario: { type: 'string' },
        speed: { type: 'string' },
        day: { type: 'string' },
        date: { type: 'string' },
        'credentials-dir': { type: 'string' },
        'restart-day': { type: 'boolean' },
        'config-dir': { type: 'string' },
        anchors: { type: 'string' },
        rssi: { type: 'string' },
        truth: { type: 'string' },
        'calibration-rssi': { type: 'string' },
        'calibration-truth': { type: 'string' },
        method: { type: 'string' },
        'beacon-height': { type: 'string' },
        beacons: { type: 'string' },
        seconds: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        arch: { type: 'string' },
        'node-version': { type: 'string' },
        'cache-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const { values, positionals } = parsed;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  try {
    switch (command) {
      case 'run': {
        if (values.help) {
          console.log(runUsage);
          return 0;
        }
        const flags = {
          config: str(values.config),
          mqttUrl: str(values['mqtt-url']),
          dataDir: str(values['data-dir']),
          credentials: str(values.credentials),
        };
        return await runAgent(
          Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
          process.env,
        );
      }
      case 'emulate': {
        if (values.help) {
          console.log(emulateUsage);
          return 0;
        }
        return await emulate(values, process.env);
      }
      case 'check-config': {
        if (values.help) {
          console.log(checkUsage);
          return 0;
        }
        const file = positionals[0];
        if (!file) {
          console.error(`missing FILE\n\n${checkUsage}`);
          return 2;
        }
        const { config, layout } = await loadEdgeConfig(file);
        console.log(
          `${file}: valid config for ${config.storeId}/${config.gatewayId}` +
            (layout ? ` with layout "${layout.name}" v${layout.layoutVersion}` : ''),
        );
        return 0;
      }
      case 'bench': {
        const which = positionals[0];
        if (values.help || (which !== 'bandwidth' && which !== 'detect' && which !== 'ble')) {
          console.log(
            which === 'detect'
              ? benchDetectUsage
              : which === 'ble'
                ? benchBleUsage
                : `${benchBandwidthUsage}\n\n${benchDetectUsage}\n\n${benchBleUsage}`,
          );
          return values.help ? 0 : 2;
        }
        if (which === 'ble') return await benchBle(values);
        return which === 'detect' ? await benchDetect(values) : await benchBandwidth(values);
      }
      case 'eval': {
        const which = positionals[0];
        if (values.help || (which !== 'detect' && which !== 'track' && which !== 'ble' && which !== 'link')) {
          console.log(
            which === 'track'
              ? evalTrackUsage
              : which === 'ble'
                ? evalBleUsage
                : which === 'link'
                  ? evalLinkUsage
                  : `${evalDetectUsage}\n\n${evalTrackUsage}\n\n${evalBleUsage}\n\n${evalLinkUsage}`,
          );
          return values.help ? 0 : 2;
        }
        if (which === 'ble') return await evalBle(values);
        if (which === 'link') return await evalLink(values);
        return which === 'detect' ? await evalDetect(values) : await evalTrack(values);
      }
      case 'bundle': {
        if (values.help) {
          console.log(bundleUsage);
          return 0;
        }
        return await bundle(values);
      }
      case 'draw': {
        if (values.help) {
          console.log(drawUsage);
          return 0;
        }
        return await draw(values);
      }
      case 'calibrate': {
        if (values.help) {
          console.log(calibrateUsage);
          return 0;
        }
        return await calibrate(values);
      }
      default:
        console.error(`unknown command: ${command}\n\n${help}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    console.error(err instanceof ConfigError ? err.message : `error: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
