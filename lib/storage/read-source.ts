import "server-only";
import type { UploadSource } from "./blob-store";
import { InvalidChunkError, UploadAbortedError } from "./errors";

interface ChunkIterator {
  next(): Promise<IteratorResult<Uint8Array, unknown>>;
  close(): Promise<unknown> | undefined;
}

function toIterator(source: UploadSource): ChunkIterator {
  if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    return {
      next: async () => {
        const r = await reader.read();
        return r.done ? { done: true, value: undefined } : { done: false, value: r.value };
      },
      // cancel() also settles a read() that is still pending.
      close: () => reader.cancel(),
    };
  }
  const it = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return { next: () => it.next(), close: () => it.return?.() };
}

function abortError(signal: AbortSignal): UploadAbortedError {
  return new UploadAbortedError(signal.reason);
}

/** Resolves with `p`, or rejects as soon as `signal` fires. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Iterates an upload source chunk by chunk (one pull at a time, so the
 * producer sees backpressure), honouring an AbortSignal. When the consumer
 * stops early (throws or breaks) the underlying source is cancelled/returned,
 * so a generator's `finally` runs and a web stream is released.
 */
export async function* iterateSource(source: UploadSource, signal?: AbortSignal): AsyncGenerator<Uint8Array, void, undefined> {
  const it = toIterator(source);
  let finished = false;
  let pending = false;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      pending = true;
      const next = it.next();
      next.catch(() => {}); // may be abandoned by raceAbort
      const r = await raceAbort(next, signal);
      pending = false;
      if (r.done) {
        finished = true;
        return;
      }
      if (!(r.value instanceof Uint8Array)) throw new InvalidChunkError();
      yield r.value;
    }
  } finally {
    if (!finished) {
      const closing = Promise.resolve()
        .then(() => it.close())
        .catch(() => {});
      // An async generator cannot be returned while a next() is still
      // pending (return would queue behind it), so do not wait in that case.
      if (!pending) await closing;
    }
  }
}
