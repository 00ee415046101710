// One pino root per process; modules take a child: `logger.child({ module: 'edge.session' })`.
// Never log a frame, a MAC address or a loyalty identifier.
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', gatewayId?: string): Logger {
  return pino({ level, base: { app: 'edge', ...(gatewayId && { gatewayId }) } });
}
