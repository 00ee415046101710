// Statements with `?` placeholders turned into one SQL script with the values written in as literals,
// and an executor that records statements instead of running them. Together they let a driver run
// many parameterised statements as a single unit of work: with sqlite3 every statement otherwise
// costs several hops between the database thread and the event loop (prepare, bind and step each come
// back to it), and under ingest load the event loop is busy, so a batch's statements waited on it.
import type { SqlExecutor, SqlParams, SqlValue } from './sql-driver.js';

export interface Statement {
  sql: string;
  params: SqlParams;
}

/**
 * A statement already written out with literal values (see sqlLiteral), in pieces that are joined
 * only into the script itself: a batch's payloads are hundreds of kilobytes, and every string of
 * that size made on the way (a join, then the script around it) is a large object for the GC.
 */
export interface RenderedStatement {
  pieces: readonly string[];
}

export type ScriptStatement = Statement | RenderedStatement;

/** A value as an SQL literal: NULL, a number, 0/1 for booleans, or a quoted string with '' for '. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} has no SQL literal`);
    return String(value);
  }
  // A NUL would end the script early in C; refuse rather than store a cut string.
  if (value.includes('\0')) throw new Error('a string with a NUL character has no SQL literal here');
  return value.includes("'") ? `'${value.replaceAll("'", "''")}'` : `'${value}'`;
}

/** `sql` with each `?` outside quotes replaced by the next parameter's literal. */
export function inlineParams({ sql, params }: Statement): string {
  let out = '';
  let next = 0;
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '?') {
      if (next >= params.length) throw new Error(`more placeholders than the ${params.length} parameters`);
      out += sql.slice(from, i) + sqlLiteral(params[next++]!);
      from = i + 1;
    }
  }
  if (next !== params.length) throw new Error(`${params.length} parameters for ${next} placeholders`);
  return out + sql.slice(from);
}

/** Statements joined into one script, in order, each ended by `;`. */
export function sqlScript(statements: readonly ScriptStatement[]): string {
  const parts: string[] = [];
  statements.forEach((s, i) => {
    if (i > 0) parts.push('\n');
    if ('pieces' in s) for (const piece of s.pieces) parts.push(piece);
    else parts.push(inlineParams(s));
    parts.push(';');
  });
  return parts.join('');
}

/**
 * An executor that records what `run` is asked to do and answers at once as if nothing changed;
 * `all` refuses, since a recorded statement has no rows yet. For code that only writes.
 */
export function statementRecorder(): { executor: SqlExecutor; statements: Statement[] } {
  const statements: Statement[] = [];
  return {
    statements,
    executor: {
      run: async (sql, params = []) => {
        statements.push({ sql, params });
        return { changes: 0 };
      },
      all: async () => {
        throw new Error('statements being recorded return no rows');
      },
    },
  };
}
