// Finds where JSON text breaks and what was expected there, for files JSON.parse rejected: V8's messages
// do not always carry a position, and users need a line. Iterative, so deep nesting cannot overflow.
import { describeText } from './cell-values.js';

export interface JsonSyntaxError {
  /** 1-based line of the offending character (or of the end of the text). */
  line: number;
  message: string;
}

type State = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'after';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Offset just past the string starting at `start`, or the offset of what breaks it. */
function scanString(text: string, start: number): { end: number } | { at: number; problem: string } {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) return { end: i + 1 };
    if (code < 32) return { at: i, problem: 'a control character inside a string (escape it)' };
    if (code === 92) {
      const next = text[i + 1];
      if (
        next === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(next ?? 'x')
      ) {
        return { at: i, problem: 'an invalid escape sequence' };
      }
    }
    if (code === 92) i++;
  }
  return { at: text.length, problem: 'the end of the text inside a string' };
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: string[] = [];
  let state: State = 'value';
  let line = 1;
  let i = 0;
  const error = (what: string, got?: string): JsonSyntaxError => {
    const found = got ?? (i >= text.length ? 'the end of the text' : describeText(text.slice(i, i + 20)));
    return { line, message: `expected ${what}, got ${found}` };
  };
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) if (text.charCodeAt(i++) === 10) line++;
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (state === 'after') {
      if (top === undefined) return ch === undefined ? undefined : error('nothing after the JSON value');
      const closer = top === '[' ? ']' : '}';
      if (ch === ',') state = top === '[' ? 'value' : 'key';
      else if (ch === closer) stack.pop();
      else return error(`"," or "${closer}"`);
      i++;
    } else if (state === 'colon') {
      if (ch !== ':') return error('":" after the property name');
      state = 'value';
      i++;
    } else if (state === 'key' || state === 'firstKey' || ch === '"') {
      const isKey: boolean = state !== 'value' && state !== 'firstValue';
      if (state === 'firstKey' && ch === '}') {
        stack.pop();
        state = 'after';
        i++;
        continue;
      }
      if (ch !== '"') return error('a property name in double quotes');
      const scanned = scanString(text, i);
      if ('problem' in scanned) {
        i = scanned.at;
        return error('a closing double quote', scanned.problem);
      }
      i = scanned.end;
      state = isKey ? 'colon' : 'after';
    } else if (state === 'firstValue' && ch === ']') {
      stack.pop();
      state = 'after';
      i++;
    } else if (ch === '[' || ch === '{') {
      stack.push(ch);
      state = ch === '[' ? 'firstValue' : 'firstKey';
      i++;
    } else {
      NUMBER.lastIndex = i;
      LITERAL.lastIndex = i;
      const match = NUMBER.exec(text) ?? LITERAL.exec(text);
      if (match === null) return error('a value (object, array, string, number, true, false or null)');
      i += match[0].length;
      state = 'after';
    }
  }
}
