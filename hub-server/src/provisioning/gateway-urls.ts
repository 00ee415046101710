// The addresses a gateway on another machine reaches the hub at. The hub's own view (0.0.0.0,
// 127.0.0.1) is useless there, so a wildcard or loopback host becomes the machine's name (CLI) or
// the host the admin reached the API at (HTTP). Pure: the host name is passed in.
import type { HubConfig } from '../config.js';

const LOCAL_HOSTS = new Set(['0.0.0.0', '::', '[::]', '127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host) || host.startsWith('127.');
}

/** From the hub's configuration: its external broker, or the embedded one on its configured port (HTTP:
 * plain http; behind an HTTPS proxy pass the URL). */
export function configuredGatewayUrls(
  config: HubConfig,
  hostname: string,
): { mqttUrl: string; httpUrl: string } {
  const mqttHost = isLocalHost(config.mqtt.host) ? hostname : config.mqtt.host;
  const httpHost = isLocalHost(config.http.host) ? hostname : config.http.host;
  return {
    mqttUrl: config.mqtt.url ?? `mqtt://${mqttHost}:${config.mqtt.port}`,
    httpUrl: `http://${httpHost}:${config.http.port}`,
  };
}

/** The hub's broker URL with a local host replaced by the host of the request that asked. */
export function brokerUrlFor(brokerUrl: string, requestUrl: URL): string {
  const u = new URL(brokerUrl);
  if (isLocalHost(u.hostname) && !isLocalHost(requestUrl.hostname)) u.hostname = requestUrl.hostname;
  return `${u.protocol}//${u.host}`;
}
