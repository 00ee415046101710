// The real agent process against a real broker: birth and last will, remote config, commands,
// sequence numbers across kill -9.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DecodedMessage, decodeMessage, parseMsgId } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from './test-broker.js';

const bin = fileURLToPath(new URL('../bin/edge-agent.js', import.meta.url));
const storeId = `test-${process.pid}-${Date.now().toString(36)}`;
const gatewayId = 'gw-1';
const base = `retail/v1/${storeId}/${gatewayId}`;

describe('edge-agent process', () => {
  let broker: TestBroker;
  let hub: mqtt.MqttClient;
  let configFile: string;
  const received: DecodedMessage[] = [];
  const invalid: string[] = [];

  beforeAll(async () => {
    broker = await startTestBroker();
    const dir = await mkdtemp(path.join(tmpdir(), 'edge-'));
    configFile = path.join(dir, 'gateway.json');
    await writeFile(
      configFile,
      JSON.stringify({ storeId, gatewayId, mqtt: { url: broker.url }, dataDir: path.join(dir, 'data') }),
    );
    hub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    hub.on('message', (topic, payload) => {
      if (payload.length === 0) return;
      const d = decodeMessage(topic, payload);
      if (d.ok) received.push(d);
      // What the test itself sends as the hub is invalid on purpose; everything the agent sends must be valid.
      else if (!/\/(config|cmd)$/.test(topic)) invalid.push(`${topic}: ${d.reason}`);
    });
    await hub.subscribeAsync(`${base}/+`, { qos: 1 });
  });

  const spawned: ChildProcess[] = [];
  afterAll(async () => {
    // Reap agents even when an assertion failed midway, so no process outlives the test.
    for (const c of spawned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const kind of ['status', 'config'])
      await hub.publishAsync(`${base}/${kind}`, '', { retain: true, qos: 1 });
    await hub.endAsync();
    await broker.stop();
  });

  const start = () => {
    const child = spawn(process.execPath, [bin, 'run', '--config', configFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    child.stderr?.resume();
    spawned.push(child);
    return child;
  };
  const statuses = () => received.flatMap((d) => (d.kind === 'status' ? [d.message] : []));
  const lastStatus = () => statuses().at(-1);
  const exited = (c: ChildProcess) => new Promise<number | null>((r) => c.once('exit', (code) => r(code)));
  let hubSeq = 0;
  const fromHub = (kind: 'config' | 'cmd', body: object, retain = false) =>
    hub.publishAsync(
      `${base}/${kind}`,
      JSON.stringify({ v: 1, msgId: `hub:${++hubSeq}`, storeId, gatewayId, ts: Date.now(), ...body }),
      { qos: 1, retain },
    );

  it('announces itself, follows valid config, refuses invalid config, answers commands, and leaves a will', async () => {
    const agent = start();
    await waitFor(lastStatus, (s) => s?.state === 'online');

    await fromHub('config', { configVersion: 1, settings: { windowSeconds: 30 } }, true);
    await waitFor(lastStatus, (s) => s?.configVersion === 1);

    await fromHub('config', { configVersion: 2, settings: { kAnonymity: 1 } }, true);
    const rejected = await waitFor(lastStatus, (s) => /config rejected/.test(s?.reason ?? ''));
    expect(rejected.reason).toMatch(/settings\.kAnonymity/);
    expect(rejected.configVersion).toBe(1);

    await fromHub('cmd', { command: { name: 'diagnostics' } });
    const replies = () => received.flatMap((d) => (d.kind === 'reply' ? [d.message] : []));
    const diag = await waitFor(replies, (r) => r.length === 1);
    expect(diag[0]).toMatchObject({
      ok: true,
      data: { configVersion: 1, configsRejected: 0, messagesRejected: 1 },
    });

    agent.kill('SIGKILL');
    await exited(agent);
    const will = await waitFor(lastStatus, (s) => s?.state === 'offline');
    expect(will.reason).toBe('connection lost');

    // Restart: it resumes on the config it had accepted (v1), the retained v2 stays refused,
    // and message ids continue above every earlier one.
    const seqBefore = Math.max(...received.map((d) => parseMsgId(d.message.msgId)!.seq));
    const again = start();
    const back = await waitFor(
      lastStatus,
      (s) =>
        s !== undefined && parseMsgId(s.msgId)!.seq > seqBefore && /config rejected/.test(s.reason ?? ''),
    );
    expect(back.state).toBe('online');
    expect(back.configVersion).toBe(1);

    again.kill('SIGTERM');
    expect(await exited(again)).toBe(0);
    const bye = await waitFor(lastStatus, (s) => s?.state === 'offline' && s.reason === 'stopped');
    expect(bye.state).toBe('offline');
    expect(invalid).toEqual([]);
  });
});
