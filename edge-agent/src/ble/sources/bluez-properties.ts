// BlueZ `org.bluez.Device1` properties as D-Bus delivers them (every value wrapped in a variant) → what a
// scanner heard: RSSI, ManufacturerData (a{qv}: company id → ay) and ServiceData (a{sv}: UUID → ay).
// Pure and defensive: anything unexpected is skipped. Address, Name, Alias and friends are never read.

/** A D-Bus variant as dbus-next returns it. */
interface VariantLike {
  signature: string;
  value: unknown;
}

export interface Device1Update {
  /** dBm, when this update carries an RSSI (i.e. an advertisement was just heard). */
  rssi?: number;
  manufacturerData?: Map<number, Uint8Array>;
  serviceData?: Map<string, Uint8Array>;
}

function isVariant(v: unknown): v is VariantLike {
  return typeof v === 'object' && v !== null && 'signature' in v && 'value' in v;
}

function unwrap(v: unknown): unknown {
  return isVariant(v) ? v.value : v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** The parts of a Device1 property dict (InterfacesAdded or PropertiesChanged) that matter here. */
export function readDevice1Properties(props: unknown): Device1Update {
  const out: Device1Update = {};
  if (!isRecord(props)) return out;
  const rssi = unwrap(props.RSSI);
  if (typeof rssi === 'number' && Number.isInteger(rssi)) out.rssi = rssi;
  const md = unwrap(props.ManufacturerData);
  if (isRecord(md)) {
    out.manufacturerData = new Map();
    for (const [key, value] of Object.entries(md)) {
      const company = Number(key);
      const bytes = unwrap(value);
      if (Number.isInteger(company) && company >= 0 && company <= 0xffff && bytes instanceof Uint8Array) {
        out.manufacturerData.set(company, bytes);
      }
    }
  }
  const sd = unwrap(props.ServiceData);
  if (isRecord(sd)) {
    out.serviceData = new Map();
    for (const [uuid, value] of Object.entries(sd)) {
      const bytes = unwrap(value);
      if (bytes instanceof Uint8Array) out.serviceData.set(uuid, bytes);
    }
  }
  return out;
}
