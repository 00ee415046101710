// RFC 9457 problem responses: every error the API returns has this one JSON shape.
import { z } from 'zod';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Field-level problems, each naming its path. */
  errors?: { path: string; message: string }[];
}

export function problem(status: number, title: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title, status, ...extra };
}

/** The same shape for the OpenAPI document. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
