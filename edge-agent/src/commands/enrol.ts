// `edge-agent enrol`: turns a provisioning file (from `hub-server provision gateway`, or fetched
// from the hub with a one-time enrolment code) into this gateway's config and credentials files.
// Parses its own flags and prints its own errors: usage problems exit 2, refusals and bad files 1.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fetchProvisioningFile } from '../provisioning/enrol-client.js';
import { EnrolInputError, enrolTarget } from '../provisioning/enrol-link.js';
import { writeEnrolment } from '../provisioning/enrol-output.js';
import {
  ProvisioningError,
  type ProvisioningFile,
  parseProvisioningFile,
} from '../provisioning/provisioning-file.js';

export const enrolUsage = `Usage: edge-agent enrol --provision FILE [--config-out gateway.json]
       edge-agent enrol --url HUB_URL --gateway GATEWAY --code CODE [--config-out gateway.json]
       edge-agent enrol --url 'retail-enrol:HUB_URL#GATEWAY:CODE' [--config-out gateway.json]

Validates the provisioning file and writes this gateway's config (no secrets) and its MQTT
credentials (mode 0600), then prints how to run the gateway with them. With --url, the file is
fetched from the hub in exchange for the one-time enrolment code (the link is what the QR holds).

Options:
  --provision FILE        a provisioning file from \`hub-server provision gateway\`
  --url URL               the hub's http(s) address, or the whole enrolment link
  --gateway GATEWAY       this gateway's id (in the link already)
  --code CODE             the enrolment code, XXXX-XXXX (in the link already)
  --config-out FILE       where the config goes (default gateway.json)
  --credentials-out FILE  where the credentials go (default credentials.json beside the config)
  --force                 replace files that already exist`;

export interface EnrolIo {
  log: (line: string) => void;
  error: (line: string) => void;
  fetch?: typeof fetch;
}

const consoleIo: EnrolIo = { log: (l) => console.log(l), error: (l) => console.error(l) };

export async function enrol(argv: string[], io: EnrolIo = consoleIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        provision: { type: 'string' },
        url: { type: 'string' },
        gateway: { type: 'string' },
        code: { type: 'string' },
        'config-out': { type: 'string' },
        'credentials-out': { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    io.error(`${(err as Error).message}\n\n${enrolUsage}`);
    return 2;
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (values.help) {
    io.log(enrolUsage);
    return 0;
  }
  const provision = str('provision');
  const url = str('url');
  if ((provision === undefined) === (url === undefined)) {
    io.error(`give either --provision FILE or --url URL\n\n${enrolUsage}`);
    return 2;
  }
  let file: ProvisioningFile;
  try {
    if (provision !== undefined) file = await readProvisioningFile(provision);
    else {
      const gateway = str('gateway');
      const code = str('code');
      const target = enrolTarget({
        url: url as string,
        ...(gateway !== undefined && { gateway }),
        ...(code !== undefined && { code }),
      });
      file = await fetchProvisioningFile(target, io.fetch ? { fetch: io.fetch } : {});
      if (file.gatewayId !== target.gatewayId)
        throw new ProvisioningError(
          `the hub sent the file of gateway "${file.gatewayId}", not "${target.gatewayId}"`,
        );
    }
    const credentialsOut = str('credentials-out');
    const written = await writeEnrolment(file, {
      configOut: str('config-out') ?? 'gateway.json',
      ...(credentialsOut !== undefined && { credentialsOut }),
      force: values.force === true,
    });
    io.log(summary(file, written));
    return 0;
  } catch (err) {
    io.error(`enrol failed: ${(err as Error).message}`);
    return err instanceof EnrolInputError ? 2 : 1;
  }
}

async function readProvisioningFile(file: string): Promise<ProvisioningFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ProvisioningError(`cannot read provisioning file ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ProvisioningError(`provisioning file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseProvisioningFile(raw, file);
}

function summary(file: ProvisioningFile, w: { config: string; credentials: string; ca?: string }): string {
  const missing = file.cameras.filter((c) => file.config.vision?.sources?.[c.id] === undefined);
  const run = `edge-agent run --config ${w.config} --credentials ${w.credentials}`;
  return [
    `enrolled ${file.storeId}/${file.gatewayId} (provisioned ${file.issuedAt})`,
    `  config:      ${w.config}  (broker ${file.config.mqtt.url})`,
    `  credentials: ${w.credentials}  (user ${file.mqtt.username}; mode 0600)`,
    ...(w.ca ? [`  broker CA:   ${w.ca}`] : []),
    `  cameras:     ${file.cameras.map((c) => c.id).join(', ') || 'none'}`,
    `  BLE sources: ${(file.config.ble?.sources ?? []).map((s) => `${s.kind}${'scannerId' in s ? ` ${s.scannerId}` : ''}`).join(', ') || 'none'}`,
    ...missing.map(
      (c) =>
        `  to do: camera "${c.id}" (${c.mounting}) needs a source: set vision.sources["${c.id}"] in ${w.config}`,
    ),
    ...file.notes.filter((n) => !n.startsWith('camera ')).map((n) => `  note: ${n}`),
    ...(file.mqtt.urls.length > 1 ? [`  other brokers: ${file.mqtt.urls.slice(1).join(', ')}`] : []),
    `Run: ${run}`,
  ].join('\n');
}
