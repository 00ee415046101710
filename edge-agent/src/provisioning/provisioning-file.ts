// The provisioning file the hub writes (`hub-server provision gateway`, or POST /api/v1/enrol):
// who this gateway is, the broker and its credentials, the broker's CA, and a config skeleton from
// the store layout. Validated here, at the gateway's boundary; the skeleton with the gateway's own
// config schema, so what enrol writes is a config `edge-agent run` accepts.
import { fieldIssues, gatewayIdSchema, slugSchema } from '@retail/contracts';
import { z } from 'zod';
import { type EdgeConfigInput, edgeConfigSchema } from '../config.js';

export const PROVISIONING_SCHEMA = 'retail.provisioning/v1';

const mqttUrl = z.url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL' });

export const provisioningFileSchema = z.object({
  schema: z.literal(PROVISIONING_SCHEMA, {
    error: `must be "${PROVISIONING_SCHEMA}" (is this a provisioning file?)`,
  }),
  storeId: slugSchema,
  gatewayId: gatewayIdSchema,
  issuedAt: z.iso.datetime({ offset: true }),
  hub: z.object({ httpUrl: z.url({ protocol: /^https?$/ }).optional() }).prefault({}),
  mqtt: z.object({
    urls: z.array(mqttUrl).min(1),
    username: z.string().min(1),
    password: z.string().min(1),
    ca: z
      .string()
      .regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'must be a PEM certificate')
      .optional(),
  }),
  layoutVersion: z.int().positive().optional(),
  cameras: z
    .array(z.object({ id: z.string().min(1), mounting: z.string(), source: z.string().min(1).optional() }))
    .default([]),
  scanners: z.array(z.object({ id: z.string().min(1) })).default([]),
  /** Checked against the gateway config schema below. */
  config: z.record(z.string(), z.unknown()),
  notes: z.array(z.string()).default([]),
});

export type ProvisioningFile = Omit<z.output<typeof provisioningFileSchema>, 'config'> & {
  /** The config skeleton, valid for `edgeConfigSchema`, without credentials. */
  config: EdgeConfigInput;
};

export class ProvisioningError extends Error {}

/** Validates a parsed provisioning file; the error names `source` and every bad field. */
export function parseProvisioningFile(raw: unknown, source: string): ProvisioningFile {
  const parsed = provisioningFileSchema.safeParse(raw);
  if (!parsed.success) throw problems(source, fieldIssues(parsed.error));
  const file = parsed.data;
  const config = edgeConfigSchema.safeParse(file.config);
  if (!config.success)
    throw problems(
      source,
      fieldIssues(config.error).map((i) => ({ ...i, path: `config.${i.path}` })),
    );
  const mismatch: { path: string; message: string }[] = [];
  if (config.data.storeId !== file.storeId)
    mismatch.push({
      path: 'config.storeId',
      message: `is "${config.data.storeId}", the file is for "${file.storeId}"`,
    });
  if (config.data.gatewayId !== file.gatewayId)
    mismatch.push({
      path: 'config.gatewayId',
      message: `is "${config.data.gatewayId}", the file is for "${file.gatewayId}"`,
    });
  if (config.data.mqtt.username !== undefined || config.data.mqtt.password !== undefined)
    mismatch.push({ path: 'config.mqtt', message: 'must not hold credentials (they belong in `mqtt`)' });
  if (mismatch.length > 0) throw problems(source, mismatch);
  return { ...file, config: file.config as EdgeConfigInput };
}

function problems(source: string, issues: { path: string; message: string }[]): ProvisioningError {
  return new ProvisioningError(
    `invalid provisioning file ${source}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
  );
}
