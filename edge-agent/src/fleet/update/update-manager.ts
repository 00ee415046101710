// Signed A/B updates of the gateway: `apply` downloads, checks and unpacks a bundle into the inactive
// slot and switches `current` to it on probation; the new version's agent calls `confirmHealthy` once
// its MQTT session is up; the launcher calls `onStart` before each start, which rolls back by itself
// after the health deadline or a crash loop. Only `node:*` at run time, so the launcher can run it
// from outside the slots.
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '@retail/contracts';
import { checkBundle, loadPublicKey } from './bundle-check.js';
import { downloadBundle } from './bundle-download.js';
import { unpackBundle } from './bundle-unpack.js';
import { AB_PUBLIC_KEY_FILE } from './install-layout.js';
import { SlotStore } from './slot-store.js';
import {
  activeVersion,
  beginPending,
  confirmPending,
  countStart,
  decideOnStart,
  otherSlot,
  refuseUpdate,
  rollBack,
  type SlotName,
  type UpdateState,
} from './update-state.js';

export type UpdateCommand = Extract<Command, { name: 'update' }>;

/** Environment the launcher gives the agent it starts. */
export const ENV_ROOT = 'EDGE_UPDATE_ROOT';
export const ENV_SLOT = 'EDGE_UPDATE_SLOT';
/** The hub's public key, installed outside the slots so that no bundle can replace its own trust anchor. */
export const PUBLIC_KEY_FILE = AB_PUBLIC_KEY_FILE;

export interface UpdateManagerOptions {
  root: string;
  /** The hub's ed25519 public key; needed by `apply` only. */
  publicKey?: KeyObject;
  now?: () => number;
  /** How long the new version has to confirm, from `apply` (default 5 minutes). */
  healthTimeoutMs?: number;
  /** Starts without a confirmation before it counts as a crash loop (default 3). */
  maxStarts?: number;
  maxBundleBytes?: number;
  downloadTimeoutMs?: number;
  /** HTTP Basic for the bundle download: the gateway's MQTT user name and password. */
  auth?: { username: string; password: string };
  /** The slot this process runs from (the launcher says so in EDGE_UPDATE_SLOT). */
  runningSlot?: SlotName;
}

export type ApplyResult =
  | { ok: true; version: string; slot: SlotName; detail: string; restart: boolean }
  | { ok: false; detail: string };

export type StartResult =
  | { status: 'running'; slot: SlotName; version: string | null }
  | { status: 'trial'; slot: SlotName; version: string; start: number; deadline: number }
  | { status: 'rolled-back'; slot: SlotName; version: string | null; failed: string; reason: string };

export type ConfirmResult = 'confirmed' | 'nothing-pending' | 'not-the-pending-slot';

/** What `version` may look like on disk and in URLs. */
const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/;

export class UpdateManager {
  readonly slots: SlotStore;
  readonly #now: () => number;
  readonly #maxStarts: number;

  constructor(private readonly o: UpdateManagerOptions) {
    this.slots = new SlotStore(o.root);
    this.#now = o.now ?? Date.now;
    this.#maxStarts = o.maxStarts ?? 3;
  }

  /**
   * The manager of the install this process was launched from, or undefined outside the launcher.
   * Without `publicKey`, `<root>/update-key.pub` (PEM) is read; without either, `apply` refuses.
   */
  static fromEnv(
    o: Omit<UpdateManagerOptions, 'root' | 'runningSlot'> = {},
    env = process.env,
  ): UpdateManager | undefined {
    const root = env[ENV_ROOT];
    if (!root) return undefined;
    const slot = env[ENV_SLOT];
    let publicKey = o.publicKey;
    const keyFile = path.join(root, PUBLIC_KEY_FILE);
    if (!publicKey && existsSync(keyFile)) publicKey = loadPublicKey(readFileSync(keyFile));
    return new UpdateManager({
      ...o,
      root,
      ...(publicKey && { publicKey }),
      ...((slot === 'a' || slot === 'b') && { runningSlot: slot }),
    });
  }

  state(): Promise<UpdateState> {
    return this.slots.load();
  }

  /** Download, check, unpack into the inactive slot, switch on probation. Refusals leave everything as it was. */
  async apply(cmd: UpdateCommand): Promise<ApplyResult> {
    if (!VERSION_PATTERN.test(cmd.version))
      return { ok: false, detail: `version "${cmd.version}" is not valid` };
    const early = UpdateManager.#precheck(await this.slots.load(), cmd.version);
    if (early) return early;
    const downloads = path.join(this.o.root, 'downloads');
    await mkdir(downloads, { recursive: true });
    const file = path.join(downloads, `${cmd.version}.tar.gz`);
    try {
      await downloadBundle({
        url: cmd.url,
        file,
        maxBytes: this.o.maxBundleBytes ?? 512 * 1024 * 1024,
        timeoutMs: this.o.downloadTimeoutMs ?? 10 * 60_000,
        ...(this.o.auth && { auth: this.o.auth }),
      });
      return await this.applyFile(file, cmd);
    } catch (err) {
      return { ok: false, detail: `update to ${cmd.version} failed: ${(err as Error).message}` };
    } finally {
      await rm(file, { force: true });
    }
  }

  /** The part of `apply` after the download: for a bundle already on disk. */
  async applyFile(file: string, cmd: Omit<UpdateCommand, 'name' | 'url'>): Promise<ApplyResult> {
    const refused = (why: string): ApplyResult => ({
      ok: false,
      detail: `update to ${cmd.version} refused: ${why}`,
    });
    if (!this.o.publicKey) return refused('no update public key is configured');
    const check = await checkBundle({ file, ...cmd, publicKey: this.o.publicKey });
    if (!check.ok) return refused(check.reason);
    const state = await this.slots.load();
    const early = UpdateManager.#precheck(state, cmd.version);
    if (early) return early;
    const slot = otherSlot(state.active);
    let version: string;
    try {
      version = await unpackBundle(file, this.slots.slotDir(slot));
    } catch (err) {
      return refused(`could not unpack: ${(err as Error).message}`);
    }
    if (version !== cmd.version)
      return refused(`the bundle says VERSION ${version}, the command ${cmd.version}`);
    const deadline = this.#now() + (this.o.healthTimeoutMs ?? 5 * 60_000);
    const next = beginPending(state, { version, slot, deadline });
    await this.slots.save(next);
    await this.slots.switchTo(slot);
    return {
      ok: true,
      version,
      slot,
      detail: `version ${version} installed in slot ${slot}; restarting`,
      restart: true,
    };
  }

  /** Already running `version` (a retained command seen again), or an update that may not start now. */
  static #precheck(state: UpdateState, version: string): ApplyResult | undefined {
    if (activeVersion(state) === version && !state.pending)
      return { ok: true, version, slot: state.active, detail: 'already running', restart: false };
    const refusal = refuseUpdate(state, version);
    return refusal ? { ok: false, detail: `update to ${version} refused: ${refusal}` } : undefined;
  }

  /** The launcher, before each start: roll back if the probation failed, else count the start. */
  async onStart(): Promise<StartResult> {
    let state = await this.slots.load();
    const decision = decideOnStart(state, this.#now(), this.#maxStarts);
    if (decision.action === 'rollback') return this.rollback(decision.reason, state);
    if (decision.action === 'trial' && state.pending) {
      state = countStart(state);
      await this.slots.save(state);
    }
    await this.slots.sync(state);
    const p = state.pending;
    return p
      ? { status: 'trial', slot: p.slot, version: p.version, start: p.starts, deadline: p.deadline }
      : { status: 'running', slot: state.active, version: activeVersion(state) };
  }

  /** Back to the previous slot now, recording why; a no-op result when nothing is pending. */
  async rollback(reason: string, loaded?: UpdateState): Promise<StartResult> {
    const state = loaded ?? (await this.slots.load());
    const failed = state.pending?.version;
    if (failed === undefined) return { status: 'running', slot: state.active, version: activeVersion(state) };
    const next = rollBack(state, reason, this.#now());
    await this.slots.save(next);
    await this.slots.switchTo(next.active);
    return { status: 'rolled-back', slot: next.active, version: activeVersion(next), failed, reason };
  }

  /** The running agent is healthy (its MQTT session is up): ends the probation of its own slot. */
  async confirmHealthy(): Promise<ConfirmResult> {
    const state = await this.slots.load();
    if (!state.pending) return 'nothing-pending';
    // Without a known slot (not started by the launcher) nothing is confirmed: the old version, which
    // applied the update and has not exited yet, must not vouch for the new one.
    if (this.o.runningSlot !== state.pending.slot) return 'not-the-pending-slot';
    await this.slots.save(confirmPending(state, this.#now()));
    return 'confirmed';
  }
}
