// cmdline.txt edits: hooking the first-boot script the way Raspberry Pi Imager hooks its firstrun.sh
// (systemd runs `systemd.run=` once in place of the normal boot, then reboots), and the Wi-Fi
// regulatory domain Imager also sets there. Pure. cmdline.txt is one line; the firmware reads only it.
import { FIRSTBOOT_PATH } from './boot-files.js';

export class CmdlineError extends Error {}

/** The arguments Imager appends, with our script in place of firstrun.sh. */
export const FIRSTBOOT_ARGS = [
  `systemd.run=${FIRSTBOOT_PATH}`,
  'systemd.run_success_action=reboot',
  'systemd.unit=kernel-command-line.target',
] as const;

const REGDOM = 'cfg80211.ieee80211_regdom=';

export interface HookedCmdline {
  /** The new cmdline.txt text: one line, newline-terminated. */
  text: string;
  /** False when the line already carried our hook (and the same Wi-Fi country). */
  changed: boolean;
  /**
   * Another first-boot script the line already ran (e.g. Imager's /boot/firmware/firstrun.sh): only one
   * `systemd.run=` can run, so ours takes its place and runs it first.
   */
  chained?: string;
}

/** Splits cmdline.txt into its arguments; refuses a file with a second non-empty line. */
export function cmdlineArgs(text: string, source = 'cmdline.txt'): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const extra = lines.slice(1).findIndex((l) => l.trim() !== '');
  if (extra >= 0)
    throw new CmdlineError(
      `${source}: line ${extra + 2} is not empty; cmdline.txt must be a single line (the firmware ignores the rest)`,
    );
  const args = (lines[0] ?? '').trim().split(/\s+/).filter(Boolean);
  if (args.length === 0)
    throw new CmdlineError(`${source}: empty (is this a Raspberry Pi OS boot partition?)`);
  return args;
}

/** Whether an argument is part of a first-boot hook (ours or Imager's); what the script strips again. */
export function isHookArg(arg: string): boolean {
  return arg.startsWith('systemd.run') || arg === 'systemd.unit=kernel-command-line.target';
}

/** Adds our hook (idempotent) and, when given, the Wi-Fi country; keeps every other argument in order. */
export function addFirstbootHook(
  text: string,
  o: { wifiCountry?: string; source?: string } = {},
): HookedCmdline {
  const args = cmdlineArgs(text, o.source);
  const foreign = args
    .filter((a) => a.startsWith('systemd.run='))
    .map((a) => a.slice('systemd.run='.length))
    .find((p) => p !== FIRSTBOOT_PATH);
  if (foreign !== undefined && !/^\/[A-Za-z0-9._/-]+$/.test(foreign))
    throw new CmdlineError(`${o.source ?? 'cmdline.txt'}: cannot chain the first-boot command "${foreign}"`);
  let kept = args.filter((a) => !isHookArg(a));
  if (o.wifiCountry !== undefined)
    kept = [...kept.filter((a) => !a.startsWith(REGDOM)), `${REGDOM}${o.wifiCountry}`];
  const hooked = FIRSTBOOT_ARGS.every((a) => args.includes(a)) && foreign === undefined;
  const sameCountry = o.wifiCountry === undefined || args.includes(`${REGDOM}${o.wifiCountry}`);
  const changed = !(hooked && sameCountry);
  return {
    text: changed ? `${[...kept, ...FIRSTBOOT_ARGS].join(' ')}\n` : text,
    changed,
    ...(foreign !== undefined && { chained: foreign }),
  };
}

/** The line after the first boot: every hook argument gone (what the script's sed does). */
export function removeFirstbootHook(text: string): string {
  return `${cmdlineArgs(text)
    .filter((a) => !isHookArg(a))
    .join(' ')}\n`;
}
