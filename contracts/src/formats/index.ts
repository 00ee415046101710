// File-format parsers shared by edge and hub: streaming, never throwing, reporting line and field.
export * from './anchors-json.js';
export * from './app-members-csv.js';
export * from './catalogue-csv.js';
export type { ValueResult } from './cell-values.js';
export * from './csv-header.js';
export * from './csv-records.js';
export * from './frame-names.js';
export * from './json-syntax.js';
export * from './mot.js';
export * from './parse-result.js';
export * from './pos-csv.js';
export * from './rssi-csv.js';
export * from './text-source.js';
export * from './timestamps.js';
export * from './truth-csv.js';
export * from './visits-csv.js';
