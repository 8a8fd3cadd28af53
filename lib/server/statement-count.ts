import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Counts the SQL statements each request runs, for the performance benchmark (`npm run bench`):
 * a page whose statement count grows with the data (one query per row: "N+1") shows up as a
 * difference between two datasets. Off unless RINGFENCE_STATEMENT_LOG names a file; then every
 * answered request appends one JSON line there: method, path, status, statements, milliseconds.
 *
 * The instrumentation (the front door) and the app's bundles load their own copies of this module,
 * so the request context lives on globalThis, where both find the same one.
 */
type Tally = { statements: number };
const KEY = Symbol.for("ringfence.statementCount");
const g = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Tally> };
const storage = (g[KEY] ??= new AsyncLocalStorage<Tally>());

export const statementLogFile = (): string | undefined => process.env.RINGFENCE_STATEMENT_LOG || undefined;

/** Called for every statement the portal's database layer sends. */
export function noteStatement(): void {
  const tally = storage.getStore();
  if (tally) tally.statements++;
}

/** Runs a request's handling with a tally of its statements, written to the log when the answer is finished. */
export function countStatements<T>(file: string, req: IncomingMessage, res: ServerResponse, handle: () => T): T {
  const tally: Tally = { statements: 0 };
  const started = performance.now();
  res.once("finish", () => {
    const line = { method: req.method, path: req.url, status: res.statusCode, statements: tally.statements, ms: Math.round(performance.now() - started) };
    fs.appendFile(file, `${JSON.stringify(line)}\n`, () => {});
  });
  return storage.run(tally, handle);
}
