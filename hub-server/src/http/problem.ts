// RFC 9457 problem responses: every error the API returns has this one JSON shape.
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
