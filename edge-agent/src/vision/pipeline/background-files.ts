// Names of the pictures an overhead camera keeps of its learned empty scene: one per UTC hour
// (`background-2026-11-24T07Z.png`, so names sort by time), the newest few kept. Pure.

const PICTURE = /^background-\d{4}-\d{2}-\d{2}T\d{2}Z\.png$/;
/** A write cut short by a crash leaves its temporary file (see background-store.ts). */
const LEFTOVER = /^background-.*\.tmp$/;

/** The picture kept at frame time `ts` (ms since the epoch): later ones in the same hour replace it. */
export function backgroundFileName(ts: number): string {
  return `background-${new Date(ts).toISOString().slice(0, 13)}Z.png`;
}

export function isBackgroundFile(name: string): boolean {
  return PICTURE.test(name);
}

/** Of a folder's names: the newest `keep` pictures, newest first, and what should go (older pictures, leftovers). */
export function backgroundFilesToKeep(
  names: readonly string[],
  keep: number,
): { keep: string[]; remove: string[] } {
  const pictures = names.filter(isBackgroundFile).sort().reverse();
  const kept = pictures.slice(0, Math.max(0, keep));
  return {
    keep: kept,
    remove: [...pictures.slice(kept.length), ...names.filter((name) => LEFTOVER.test(name))],
  };
}
