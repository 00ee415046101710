// MOTChallenge box files, `frame,id,x,y,w,h,conf[,…]` without a header: detections and tracks in pixels,
// (x, y) the top-left corner. Also the writer, so tracker output reads back with the same parser.
import { numberValue } from './cell-values.js';
import { type CsvOptions, csvRecords } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import { buildRows } from './row-builder.js';
import type { TextSource } from './text-source.js';

export interface MotBox {
  /** 1-based frame number. */
  frame: number;
  /** Track id; -1 for detections not yet assigned to a track. */
  id: number;
  /** Top-left corner, pixels; may be negative for boxes leaving the image. */
  x: number;
  y: number;
  /** Size, pixels, > 0. */
  w: number;
  h: number;
  /** Detector score, or the ground truth's "consider" flag; any finite number. */
  conf: number;
}

export const MOT_COLUMNS = ['frame', 'id', 'x', 'y', 'w', 'h', 'conf'] as const;

const label = (index: number): string => MOT_COLUMNS[index] ?? `column ${index + 1}`;
const PIXELS = { what: 'a number of pixels' };
const SIZE = { what: 'a size in pixels', min: 0, aboveMin: true };

/** Columns beyond conf (class, visibility, world coordinates) are ignored. */
export function parseMot(source: TextSource, options?: CsvOptions): AsyncGenerator<RowResult<MotBox>> {
  const records = csvRecords(source, { ...options, fieldLabel: label });
  return buildRows(records, (fields, reader) => {
    const cells = fields.map((field) => field.trim());
    if (cells.length < MOT_COLUMNS.length) {
      const message = `expected at least 7 comma-separated fields (${MOT_COLUMNS}), got ${cells.length}`;
      reader.fail(label(cells.length), message);
      return undefined;
    }
    const cell = (index: number): string => cells[index] ?? '';
    return {
      // Integer-valued decimals (1.0) pass: some tools write every column with the same float format.
      frame: reader.take(
        'frame',
        numberValue(cell(0), { what: 'an integer frame number', min: 1, integer: true }),
      )!,
      id: reader.take(
        'id',
        numberValue(cell(1), { what: 'an integer track id (-1 when unassigned)', min: -1, integer: true }),
      )!,
      x: reader.take('x', numberValue(cell(2), PIXELS))!,
      y: reader.take('y', numberValue(cell(3), PIXELS))!,
      w: reader.take('w', numberValue(cell(4), SIZE))!,
      h: reader.take('h', numberValue(cell(5), SIZE))!,
      conf: reader.take('conf', numberValue(cell(6), { what: 'a confidence number' }))!,
    };
  });
}

/**
 * One row in the standard 10-column layout, without its line ending; the world coordinates, which 2D
 * trackers do not have, are -1 as the MOT format prescribes.
 */
export function formatMotRow(box: MotBox): string {
  return [box.frame, box.id, box.x, box.y, box.w, box.h, box.conf, -1, -1, -1].map(String).join(',');
}
