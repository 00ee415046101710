// The unit keeps the agent running and boxed in; where systemd-analyze exists, systemd itself
// reads the file and must not find an unknown or malformed setting.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemdUnit } from './systemd-unit.js';

const unit = systemdUnit({ version: '1.2.3' });
const settings = (section: string) => {
  const body = unit.split(/^\[/m).find((s) => s.startsWith(`${section}]`)) ?? '';
  return new Map(
    body
      .split('\n')
      .filter((l) => /^[A-Za-z]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
  );
};

describe('systemd unit', () => {
  it('runs the update launcher with a start limit, unprivileged on a read-only system', () => {
    const unitSection = settings('Unit');
    const service = settings('Service');
    expect(unitSection.get('StartLimitIntervalSec')).toBe('600');
    expect(unitSection.get('StartLimitBurst')).toBe('20');
    expect(service.get('Restart')).toBe('always');
    // The update launcher from outside the slots, with its own node, runs the active slot's agent.
    expect(service.get('ExecStart')).toBe(
      '/opt/retail-edge/launcher/node /opt/retail-edge/launcher/launch.js --root /opt/retail-edge' +
        ' --restart-delay-ms 10000 --watchdog-ms 60000 -- run --config /etc/retail-edge/gateway.json',
    );
    // The software watchdog stands in for WatchdogSec, and the header says how it works.
    expect(unit).toMatch(/^# Watchdog: no WatchdogSec/m);
    expect(unit).toContain('/opt/retail-edge/heartbeat');
    expect(service.get('User')).toBe('retail-edge');
    for (const [k, v] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      // Updates write the slots, state.json and `current`.
      ['ReadWritePaths', '/var/lib/retail-edge /opt/retail-edge'],
      ['StateDirectory', 'retail-edge'],
      ['CapabilityBoundingSet', ''],
    ] as const)
      expect(service.get(k), k).toBe(v);
    // No sd_notify in the agent: systemd's watchdog would kill it (the launcher's watches instead); V8's JIT needs writable+executable memory.
    expect(service.has('WatchdogSec')).toBe(false);
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
    expect(settings('Install').get('WantedBy')).toBe('multi-user.target');
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { stdio: 'ignore' }).status === 0;
  it.runIf(analyze)('is read by systemd without unknown or invalid settings', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'unit-'));
    try {
      const file = path.join(dir, 'retail-edge.service');
      await writeFile(file, unit);
      const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      // Outside a booted system it also complains that ExecStart is not installed here; that is expected.
      const complaints = r.stderr
        .split('\n')
        .filter((l) => l.startsWith(file) || /unknown|invalid|failed to parse/i.test(l))
        .filter((l) => !l.includes('is not executable') && !l.includes('sysinit.target'));
      expect(complaints).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
