import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * Lingering close. When the server answers before reading a request's body
 * (a refusal, an early 413) and closes the connection, closing a socket with
 * unread data makes the kernel send a reset, and a reset can make the
 * client's kernel throw away the answer it already received: the client sees
 * "connection reset" instead of the refusal. So, for such connections only,
 * we close our sending side first and keep reading (and discarding) what is
 * still in flight for a short while, then close. The time and the bytes are
 * bounded, so a client that keeps sending cannot hold the socket open.
 */
export const LINGER_MS = 1000;
export const LINGER_MAX_BYTES = 8 * 1024 * 1024;
const PATCHED = Symbol.for("ringfence.linger");

type Patched = Socket & { [PATCHED]?: { req: IncomingMessage } };

/** Called for every request before Next sees it (see peer-address.ts, which installs the hook). */
export function lingerOnEarlyClose(req: IncomingMessage): void {
  const socket = req.socket as Patched | undefined;
  if (!socket) return;
  const existing = socket[PATCHED];
  if (existing) {
    existing.req = req;
    return;
  }
  const state = { req };
  socket[PATCHED] = state;
  const destroySoon = (socket as Socket & { destroySoon?: () => void }).destroySoon;
  if (typeof destroySoon !== "function") return;
  (socket as Socket & { destroySoon: () => void }).destroySoon = function (this: Socket) {
    // A body read to the end (or none at all): nothing is in flight, close as usual.
    if (state.req.complete || this.destroyed) return Reflect.apply(destroySoon, this, []);
    const startRead = this.bytesRead;
    const done = () => {
      clearTimeout(timer);
      clearInterval(poll);
      if (!this.destroyed) this.destroy();
    };
    const timer = setTimeout(done, LINGER_MS);
    const poll = setInterval(() => {
      if (this.bytesRead - startRead > LINGER_MAX_BYTES) done();
    }, 50);
    timer.unref();
    poll.unref();
    this.once("end", done);
    this.once("close", done);
    // Send our FIN after the answer; keep taking (and dropping) what the client still sends.
    this.end();
    this.resume();
  };
}
