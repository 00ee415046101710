// The provisioning file at the gateway's boundary: a good one passes and yields an edge-valid config;
// a bad one is refused naming the file and each bad field. And the enrolment link's parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeConfigSchema } from '../config.js';
import { EnrolInputError, enrolTarget } from './enrol-link.js';
import { ProvisioningError, parseProvisioningFile } from './provisioning-file.js';
import { sampleProvisioningFile } from './sample-provisioning-file.js';

function refusal(raw: unknown): string {
  try {
    parseProvisioningFile(raw, 'p.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ProvisioningError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('parseProvisioningFile', () => {
  it('accepts a file the hub writes, and its config passes the gateway config schema', () => {
    const file = parseProvisioningFile(sampleProvisioningFile(), 'p.json');
    expect(file.mqtt.username).toBe('demo.gw-front');
    expect(edgeConfigSchema.safeParse(file.config).success).toBe(true);
  });

  it('names the file and each bad field', () => {
    const bad = sampleProvisioningFile();
    bad.mqtt = { urls: ['http://nope'], username: 'demo.gw-front' };
    const message = refusal(bad);
    expect(message).toContain('invalid provisioning file p.json');
    expect(message).toMatch(/mqtt\.urls\[0\]: must be an mqtt/);
    expect(message).toMatch(/mqtt\.password/);
  });

  it('checks the config skeleton with the gateway config schema', () => {
    const bad = sampleProvisioningFile();
    bad.config = { ...(bad.config as object), vision: { sources: { 'cam-entrance': '' } }, extra: 1 };
    const message = refusal(bad);
    expect(message).toMatch(
      /config\.vision\.sources\.cam-entrance|config\.vision\.sources\["cam-entrance"\]/,
    );
    expect(message).toMatch(/config/);
  });

  it('refuses a config for another gateway, or one holding credentials', () => {
    const other = sampleProvisioningFile();
    other.config = { ...(other.config as object), gatewayId: 'gw-back' };
    expect(refusal(other)).toMatch(/config\.gatewayId: is "gw-back"/);
    const creds = sampleProvisioningFile();
    creds.config = { ...(creds.config as object), mqtt: { url: 'mqtt://h:1', password: 'x' } };
    expect(refusal(creds)).toMatch(/config\.mqtt: must not hold credentials/);
  });

  it('says when the JSON is not a provisioning file at all', () => {
    expect(refusal({ storeId: 'demo' })).toMatch(/schema: must be "retail\.provisioning\/v1"/);
    expect(refusal(null)).toContain('p.json');
  });

  it('never throws anything but a ProvisioningError on garbage', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        try {
          parseProvisioningFile(raw, 'x');
        } catch (err) {
          if (!(err instanceof ProvisioningError)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('enrolTarget', () => {
  it('reads the enrolment link a QR code holds', () => {
    expect(enrolTarget({ url: 'retail-enrol:http://hub.local:8080/#gw-front:K7QM-2XPD' })).toEqual({
      httpUrl: 'http://hub.local:8080',
      gatewayId: 'gw-front',
      code: 'K7QM-2XPD',
    });
  });

  it('takes a plain hub URL with --gateway and --code', () => {
    expect(enrolTarget({ url: 'https://hub/', gateway: 'gw-1', code: ' abcd2345 ' })).toEqual({
      httpUrl: 'https://hub',
      gatewayId: 'gw-1',
      code: 'abcd2345',
    });
  });

  it('names what is missing or wrong', () => {
    const error = (input: Parameters<typeof enrolTarget>[0]) => {
      try {
        enrolTarget(input);
      } catch (err) {
        expect(err).toBeInstanceOf(EnrolInputError);
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(error({ url: 'https://hub', code: 'X' })).toMatch(/^--gateway: required/);
    expect(error({ url: 'https://hub', gateway: 'gw-1' })).toMatch(/^--code: required/);
    expect(error({ url: 'ftp://hub', gateway: 'gw-1', code: 'x' })).toMatch(/^--url: .* http/);
    expect(error({ url: 'retail-enrol:http://hub#nope' })).toMatch(/#<gatewayId>:<code>/);
    expect(error({ url: 'retail-enrol:http://hub#gw-1:ABCD2345', gateway: 'gw-2' })).toMatch(/differs/);
    expect(error({ url: 'https://hub', gateway: 'hub', code: 'x' })).toMatch(/^--gateway "hub"/);
  });
});
