// Ends persistent MQTT sessions a benchmark or a test left on a shared broker. A hub's ingest sessions
// outlive it (clean: false, so nothing is lost across restarts); an abandoned one keeps its share-group
// subscription and the broker queues a copy of every gateway's traffic for it.
import mqtt from 'mqtt';

/** Connects once as each client id with a clean session, which discards the stored one. */
export async function forgetSessions(url: string, clientIds: readonly string[]): Promise<void> {
  for (const clientId of clientIds) {
    const client = await mqtt.connectAsync(url, {
      clientId,
      clean: true,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    await client.endAsync();
  }
}
