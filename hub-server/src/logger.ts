// One pino root per process; modules take a child: `logger.child({ module: 'hub.broker' })`.
// Log lines carry ids and counts, never a loyalty number or a member id.
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'hub' } });
}
