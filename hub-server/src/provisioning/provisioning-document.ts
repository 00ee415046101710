// The provisioning file: everything a new gateway needs to connect (who it is, where the broker is,
// its credentials, the broker's CA) and a gateway config skeleton derived from the store layout:
// its cameras (with the layout's source where it names one) and a BLE source suggestion. Pure.
//
// The hub must not import edge-agent, so the config skeleton is written here as a plain object
// shaped like the edge's `edgeConfigSchema` input; the edge validates it with that schema on enrol
// (edge-agent/src/provisioning/provisioning-file.ts), and the integration test runs both ends.
import { gatewayIdSchema, type StoreLayout, slugSchema } from '@retail/contracts';

export const PROVISIONING_SCHEMA = 'retail.provisioning/v1';

/** The edge config input a provisioned gateway starts from (credentials kept apart, in `mqtt`). */
export interface GatewayConfigSkeleton {
  storeId: string;
  gatewayId: string;
  mqtt: { url: string };
  vision: { sources: Record<string, string> };
  ble: { sources: { kind: 'bluez'; scannerId: string }[] };
}

export interface ProvisionedCamera {
  id: string;
  mounting: string;
  /** The layout's source; absent: the gateway's operator must set `vision.sources[id]`. */
  source?: string;
}

export interface ProvisioningDocument {
  schema: typeof PROVISIONING_SCHEMA;
  storeId: string;
  gatewayId: string;
  /** ISO 8601. */
  issuedAt: string;
  hub: { httpUrl?: string };
  mqtt: {
    /** The broker URLs to try, first preferred; `config.mqtt.url` is the first. */
    urls: string[];
    username: string;
    password: string;
    /** The broker's CA certificate (PEM), when it uses TLS with a private CA. */
    ca?: string;
  };
  /** The layout version the skeleton was derived from; absent when the store has no layout yet. */
  layoutVersion?: number;
  cameras: ProvisionedCamera[];
  scanners: { id: string }[];
  config: GatewayConfigSkeleton;
  /** Things the operator still has to do, in words. */
  notes: string[];
}

export interface ProvisioningInput {
  storeId: string;
  gatewayId: string;
  layout?: StoreLayout;
  mqttUrls: readonly string[];
  httpUrl?: string;
  username: string;
  password: string;
  caPem?: string;
  issuedAt: number;
}

const MQTT_URL = /^mqtts?:\/\/[^\s/]+(?::\d+)?\/?$/;
const HTTP_URL = /^https?:\/\/[^\s/]+(?::\d+)?(?:\/[^\s]*)?$/;

/** Builds the document; throws an Error naming the bad input (id, URL, CA, layout store). */
export function buildProvisioningDocument(i: ProvisioningInput): ProvisioningDocument {
  const storeId = slugSchema.safeParse(i.storeId);
  if (!storeId.success) throw new Error(`storeId: ${storeId.error.issues[0]?.message}`);
  const gatewayId = gatewayIdSchema.safeParse(i.gatewayId);
  if (!gatewayId.success) throw new Error(`gatewayId: ${gatewayId.error.issues[0]?.message}`);
  if (i.mqttUrls.length === 0) throw new Error('mqtt url: at least one broker URL is needed');
  for (const url of i.mqttUrls)
    if (!MQTT_URL.test(url))
      throw new Error(`mqtt url "${url}": must be mqtt://host:port or mqtts://host:port`);
  if (i.httpUrl !== undefined && !HTTP_URL.test(i.httpUrl))
    throw new Error(`http url "${i.httpUrl}": must be an http:// or https:// URL`);
  if (i.caPem !== undefined && !/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(i.caPem))
    throw new Error('ca: not a PEM certificate (no BEGIN/END CERTIFICATE block)');
  if (i.layout && i.layout.storeId !== i.storeId)
    throw new Error(`layout is for store "${i.layout.storeId}", not "${i.storeId}"`);

  const notes: string[] = [];
  const layout = i.layout;
  const cameras: ProvisionedCamera[] = (layout?.cameras ?? [])
    .filter((c) => c.gatewayId === i.gatewayId)
    .map((c) => ({ id: c.id, mounting: c.mounting, ...(c.source !== undefined && { source: c.source }) }));
  const scanners = (layout?.scanners ?? [])
    .filter((s) => s.gatewayId === i.gatewayId)
    .map((s) => ({ id: s.id }));
  if (!layout) notes.push(`store "${i.storeId}" has no layout yet: import one, then push it to the gateway`);
  else if (!layout.gateways.some((g) => g.id === i.gatewayId))
    notes.push(`layout v${layout.layoutVersion} of "${i.storeId}" does not list gateway "${i.gatewayId}"`);
  for (const c of cameras)
    if (c.source === undefined)
      notes.push(`camera "${c.id}" has no source in the layout: set vision.sources["${c.id}"] in the config`);
  const [ownRadio, ...others] = scanners;
  if (ownRadio)
    notes.push(
      `BLE: "${ownRadio.id}" is suggested as this gateway's own radio (bluez)` +
        (others.length > 0
          ? `; ${others.map((s) => `"${s.id}"`).join(', ')} need an espresense or bluez source of their own`
          : ''),
    );
  if (i.mqttUrls.some((u) => u.startsWith('mqtts:')) && i.caPem === undefined)
    notes.push('the broker uses TLS and no CA was given: the gateway must already trust its certificate');

  const config: GatewayConfigSkeleton = {
    storeId: i.storeId,
    gatewayId: i.gatewayId,
    mqtt: { url: i.mqttUrls[0] as string },
    vision: {
      sources: Object.fromEntries(cameras.flatMap((c) => (c.source === undefined ? [] : [[c.id, c.source]]))),
    },
    ble: { sources: ownRadio ? [{ kind: 'bluez', scannerId: ownRadio.id }] : [] },
  };
  return {
    schema: PROVISIONING_SCHEMA,
    storeId: i.storeId,
    gatewayId: i.gatewayId,
    issuedAt: new Date(i.issuedAt).toISOString(),
    hub: { ...(i.httpUrl !== undefined && { httpUrl: i.httpUrl }) },
    mqtt: {
      urls: [...i.mqttUrls],
      username: i.username,
      password: i.password,
      ...(i.caPem !== undefined && { ca: i.caPem }),
    },
    ...(layout && { layoutVersion: layout.layoutVersion }),
    cameras,
    scanners,
    config,
    notes,
  };
}
