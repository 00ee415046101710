// The outbox's slice of the gateway config: bounds, drop policy, segment size, publishing limits.
import { GATEWAY_KINDS } from '@retail/contracts';
import { z } from 'zod';

const MiB = 1024 * 1024;
const gatewayKind = z.enum(GATEWAY_KINDS);

export const outboxConfigSchema = z
  .strictObject({
    maxMessages: z
      .number()
      .int()
      .min(1)
      .default(100_000)
      .describe('Most messages kept waiting for the broker; beyond it the drop policy makes room.'),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .default(64 * MiB)
      .describe(
        'Most bytes of waiting messages (as stored); beyond it the drop policy makes room. ' +
          'Disk use stays around 2 × maxBytes plus a few segments: past that, segments that are ' +
          'mostly sent or dropped are compacted.',
      ),
    dropPolicy: z
      .strictObject({
        order: z
          .enum(['oldest-first', 'newest-first'])
          .default('oldest-first')
          .describe(
            'Within a kind: drop the oldest waiting message (keep fresh data) or the newest ' +
              '(keep the history; new messages are refused while full).',
          ),
        kindPriority: z
          .array(gatewayKind)
          .default(['metrics', 'heatmap', 'zones', 'paths', 'counts'])
          .describe(
            'Kinds to sacrifice first, in order; a kind is dropped only when none of the kinds before ' +
              'it is waiting. Unlisted kinds go last. The default loses gateway health first (stale ' +
              'after an outage) and entrance counts last (small, and the footfall every KPI divides by).',
          ),
      })
      .prefault({})
      .describe('What a full outbox drops first. Every drop is counted per kind and reason.'),
    neverQueue: z
      .array(gatewayKind)
      .default(['status'])
      .describe('Kinds that are sent live and never queued (status is retained and has a last will).'),
    segmentBytes: z
      .number()
      .int()
      .min(4096)
      .default(4 * MiB)
      .describe(
        'Size at which the log starts a new segment file; a segment is deleted once all of it is sent.',
      ),
    cacheBytes: z
      .number()
      .int()
      .min(0)
      .default(4 * MiB)
      .describe('Payloads kept in memory after writing, so they are published without reading them back.'),
    ackLingerMs: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .default(100)
      .describe('How long broker acknowledgements are gathered before one write and sync records them all.'),
    inflight: z
      .number()
      .int()
      .min(1)
      .max(65_535)
      .default(32)
      .describe('Most publishes awaiting the broker acknowledgement at once.'),
    retry: z
      .strictObject({
        initialMs: z.number().int().min(1).default(500).describe('Pause after the first failed publish.'),
        maxMs: z.number().int().min(1).default(30_000).describe('Longest pause between retries.'),
        jitter: z
          .number()
          .min(0)
          .max(1)
          .default(0.3)
          .describe(
            'Each pause is shortened by a random share up to this, so gateways do not retry in step.',
          ),
      })
      .prefault({})
      .describe('Retries after failed publishes: the pause doubles per failure, up to maxMs.'),
  })
  .superRefine((c, ctx) => {
    if (c.segmentBytes > c.maxBytes)
      ctx.addIssue({ code: 'custom', path: ['segmentBytes'], message: 'must not exceed maxBytes' });
    if (c.retry.initialMs > c.retry.maxMs)
      ctx.addIssue({ code: 'custom', path: ['retry', 'initialMs'], message: 'must not exceed retry.maxMs' });
    for (const [i, kind] of c.dropPolicy.kindPriority.entries()) {
      if (c.neverQueue.includes(kind))
        ctx.addIssue({
          code: 'custom',
          path: ['dropPolicy', 'kindPriority', i],
          message: `"${kind}" is never queued (see neverQueue)`,
        });
      if (c.dropPolicy.kindPriority.indexOf(kind) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['dropPolicy', 'kindPriority', i],
          message: `"${kind}" is listed twice`,
        });
    }
  });

export type OutboxConfig = z.output<typeof outboxConfigSchema>;
export type OutboxConfigInput = z.input<typeof outboxConfigSchema>;
