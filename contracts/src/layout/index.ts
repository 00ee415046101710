// The validated store layout: schema + cross-field checks, and the type inferred from them.
import type { z } from 'zod';
import { layoutProblems } from './layout-checks.js';
import { storeLayoutBaseSchema } from './layout-schema.js';

export { type LayoutProblem, layoutProblems } from './layout-checks.js';
export * from './layout-schema.js';

export const storeLayoutSchema = storeLayoutBaseSchema.superRefine((layout, ctx) => {
  for (const p of layoutProblems(layout)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});

/** A layout as written (defaults optional). */
export type StoreLayoutInput = z.input<typeof storeLayoutSchema>;
/** A validated layout, defaults filled in. */
export type StoreLayout = z.output<typeof storeLayoutSchema>;
export type Zone = StoreLayout['zones'][number];
export type Fixture = StoreLayout['fixtures'][number];
export type Entrance = StoreLayout['entrances'][number];
export type Camera = StoreLayout['cameras'][number];
export type Scanner = StoreLayout['scanners'][number];
export type Gateway = StoreLayout['gateways'][number];
