// Aggregation windows aligned to the wall clock (…:00, …:01 for 60 s), so every gateway of a store
// closes the same windows and the hub can add them up. Pure.

export interface WindowBounds {
  start: number;
  end: number;
}

/** The window that contains `now`. */
export function windowAt(now: number, windowSeconds: number): WindowBounds {
  const size = windowSeconds * 1000;
  const start = Math.floor(now / size) * size;
  return { start, end: start + size };
}
