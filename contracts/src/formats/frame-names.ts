// Frames folders: which files are frames and in what order. The frame number is the last run of digits
// in the file name (Walk1_000123.jpg → 123), so camera prefixes with digits do not confuse it.
import type { ParseIssue } from './parse-result.js';

export interface FrameFile {
  name: string;
  frame: number;
}

const IMAGE_EXTENSION = /\.(?:jpe?g|png)$/i;

/** Only .jpg, .jpeg and .png files (any case) are frames; everything else in the folder is ignored. */
export function isFrameImage(name: string): boolean {
  return IMAGE_EXTENSION.test(name);
}

/** The last run of ASCII digits of the file name without extension and directories, if any. */
function lastDigits(name: string): string | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const stem = base.slice(0, base.lastIndexOf('.') >= 0 ? base.lastIndexOf('.') : base.length);
  let end = stem.length;
  while (end > 0 && !isDigit(stem.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(stem.charCodeAt(start - 1))) start--;
  return start < end ? stem.slice(start, end) : undefined;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The frame number of an image file name; undefined for non-images and names without a usable number. */
export function frameNumberOf(name: string): number | undefined {
  if (!isFrameImage(name)) return undefined;
  const digits = lastDigits(name);
  const frame = digits === undefined ? Number.NaN : Number(digits);
  return Number.isSafeInteger(frame) ? frame : undefined;
}

/**
 * The folder's frames sorted by frame number. Images without a number, or whose number another image
 * already has, are issues (line 0, field = the file name); of duplicates the name sorting first is kept.
 */
export function orderFrames(names: readonly string[]): { frames: FrameFile[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const candidates: FrameFile[] = [];
  for (const name of names) {
    if (!isFrameImage(name)) continue;
    const frame = frameNumberOf(name);
    if (frame !== undefined) {
      candidates.push({ name, frame });
      continue;
    }
    const digits = lastDigits(name);
    const message =
      digits === undefined
        ? 'expected a frame number (digits) in the file name, like frame_000123.jpg, got none'
        : `expected a frame number up to ${Number.MAX_SAFE_INTEGER}, got ${digits.length} digits`;
    issues.push({ line: 0, field: name, message });
  }
  // Sorting by name too makes the kept duplicate independent of directory listing order.
  candidates.sort((a, b) => a.frame - b.frame || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const frames: FrameFile[] = [];
  for (const candidate of candidates) {
    const kept = frames[frames.length - 1];
    if (kept !== undefined && kept.frame === candidate.frame) {
      const other = JSON.stringify(kept.name);
      const message = `expected a frame number used once, got ${candidate.frame} again (also in ${other})`;
      issues.push({ line: 0, field: candidate.name, message });
    } else {
      frames.push(candidate);
    }
  }
  return { frames, issues };
}
