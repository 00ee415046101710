// The A/B layout on disk: `<root>/slots/{a,b}`, `<root>/current` → the active slot (a relative
// symlink, replaced atomically by rename), and `<root>/state.json` (written to a temp file and renamed).
import { mkdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AB_CURRENT, AB_SLOTS_DIR, AB_STATE_FILE } from './install-layout.js';
import { checkState, initialState, type SlotName, type UpdateState } from './update-state.js';

export class SlotStore {
  constructor(readonly root: string) {}

  slotDir(slot: SlotName): string {
    return path.join(this.root, AB_SLOTS_DIR, slot);
  }

  get currentLink(): string {
    return path.join(this.root, AB_CURRENT);
  }

  get stateFile(): string {
    return path.join(this.root, AB_STATE_FILE);
  }

  /** The slot `current` points at, or null when there is no link (a fresh root). */
  async currentSlot(): Promise<SlotName | null> {
    let target: string;
    try {
      target = await readlink(this.currentLink);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const slot = path.basename(target);
    if (slot !== 'a' && slot !== 'b') throw new Error(`${this.currentLink} points at ${target}, not a slot`);
    return slot;
  }

  /** Points `current` at `slot` in one rename: a reader sees the old slot or the new one, never neither. */
  async switchTo(slot: SlotName): Promise<void> {
    const tmp = `${this.currentLink}.tmp-${process.pid}`;
    await rm(tmp, { force: true });
    await symlink(path.join(AB_SLOTS_DIR, slot), tmp);
    await rename(tmp, this.currentLink);
  }

  async readVersion(slot: SlotName): Promise<string | null> {
    try {
      return (await readFile(path.join(this.slotDir(slot), 'VERSION'), 'utf8')).trim() || null;
    } catch {
      return null;
    }
  }

  /** The saved state; without a state file, the state the `current` link and its VERSION imply. */
  async load(): Promise<UpdateState> {
    let text: string;
    try {
      text = await readFile(this.stateFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const slot = await this.currentSlot();
      if (!slot)
        throw new Error(`${this.root} has no ${path.basename(this.currentLink)} link: not an A/B install`);
      return initialState(slot, await this.readVersion(slot));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.stateFile}: not JSON (${(err as Error).message})`);
    }
    const state = checkState(parsed);
    if (typeof state === 'string') throw new Error(`${this.stateFile}: ${state}`);
    return state;
  }

  async save(state: UpdateState): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const tmp = `${this.stateFile}.tmp-${process.pid}`;
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
    await rename(tmp, this.stateFile);
  }

  /** Makes `current` agree with the state's active slot (after a crash between the two writes). */
  async sync(state: UpdateState): Promise<void> {
    if ((await this.currentSlot()) !== state.active) await this.switchTo(state.active);
  }
}
