import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRSTBOOT_PATH } from './boot-files.js';
import { addFirstbootHook, CmdlineError, cmdlineArgs, removeFirstbootHook } from './cmdline-txt.js';

const PI =
  'console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait\n';
const HOOK = `systemd.run=${FIRSTBOOT_PATH} systemd.run_success_action=reboot systemd.unit=kernel-command-line.target`;

describe('addFirstbootHook', () => {
  it("appends Imager's hook with our script to the single line, keeping it", () => {
    const r = addFirstbootHook(PI);
    expect(r).toEqual({ text: `${PI.trimEnd()} ${HOOK}\n`, changed: true });
    expect(r.text.split('\n')).toHaveLength(2);
  });

  it('is idempotent', () => {
    const once = addFirstbootHook(PI, { wifiCountry: 'GB' });
    const twice = addFirstbootHook(once.text, { wifiCountry: 'GB' });
    expect(twice).toEqual({ text: once.text, changed: false });
  });

  it('sets the Wi-Fi country once, replacing an earlier one, and keeps it after the hook comes out', () => {
    const gb = addFirstbootHook(PI, { wifiCountry: 'GB' }).text;
    const de = addFirstbootHook(gb, { wifiCountry: 'DE' });
    expect(de.changed).toBe(true);
    expect(de.text.match(/ieee80211_regdom/g)).toHaveLength(1);
    expect(removeFirstbootHook(de.text)).toBe(`${PI.trimEnd()} cfg80211.ieee80211_regdom=DE\n`);
  });

  it("takes the place of Imager's firstrun.sh and chains it", () => {
    const imager = `${PI.trimEnd()} systemd.run=/boot/firmware/firstrun.sh systemd.run_success_action=reboot systemd.unit=kernel-command-line.target\n`;
    const r = addFirstbootHook(imager);
    expect(r.chained).toBe('/boot/firmware/firstrun.sh');
    expect(r.text).toBe(`${PI.trimEnd()} ${HOOK}\n`);
    expect(r.text.match(/systemd\.run=/g)).toHaveLength(1);
  });

  it('refuses a second line, an empty file and an unsafe chained command', () => {
    expect(() => addFirstbootHook(`${PI}console=tty2\n`, { source: 'boot/cmdline.txt' })).toThrow(
      /boot\/cmdline.txt: line 2 is not empty/,
    );
    expect(() => addFirstbootHook('\n')).toThrow(CmdlineError);
    expect(() => addFirstbootHook('root=/dev/sda2 systemd.run="/x;reboot"')).toThrow(/cannot chain/);
  });

  it('accepts CRLF and trailing blank lines', () => {
    expect(cmdlineArgs('a=1 b\r\n\r\n')).toEqual(['a=1', 'b']);
  });

  const arg = fc.stringMatching(/^[a-z][a-z0-9._=,-]{0,12}$/).filter((a) => !a.startsWith('systemd.'));
  it('property: one line; every original argument kept in order; removing the hook gives the line back', () => {
    fc.assert(
      fc.property(fc.array(arg, { minLength: 1, maxLength: 12 }), (args) => {
        const text = `${args.join(' ')}\n`;
        const once = addFirstbootHook(text);
        expect(once.text.endsWith('\n')).toBe(true);
        expect(once.text.slice(0, -1)).not.toContain('\n');
        expect(once.text.startsWith(args.join(' '))).toBe(true);
        expect(addFirstbootHook(once.text).changed).toBe(false);
        expect(removeFirstbootHook(once.text)).toBe(text);
      }),
    );
  });
});
