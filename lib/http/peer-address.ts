import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * The TCP peer address of a request, for code that only sees a Web `Request`
 * or `headers()`.
 *
 * Next 16's `next start` gives route handlers and server actions no socket:
 * it only fills `X-Forwarded-For` from the socket when the client sent none
 * (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in
 * next/dist/server/base-server.js), so a client that sends its own header
 * decides the value, and nothing tells the two cases apart. So at start-up
 * (instrumentation.ts) we wrap `http.Server#emit` and, on every "request"
 * event, before Next reads the request, overwrite `x-ringfence-peer-address`
 * with `req.socket.remoteAddress`. A value a client sends under that name is
 * replaced, never trusted. A global flag records that the stamp is installed:
 * without it (another runtime or server) the header is ignored. The same hook
 * makes early refusals close gracefully (linger.ts) and runs the front door
 * (front-door.ts: request checks, nonce, security headers on every answer).
 */
export const PEER_ADDRESS_HEADER = "x-ringfence-peer-address";
const INSTALLED = Symbol.for("ringfence.peer-address-stamp");

type Flagged = typeof globalThis & { [INSTALLED]?: boolean };

export async function installPeerAddressStamp(): Promise<void> {
  const g = globalThis as Flagged;
  if (g[INSTALLED]) return;
  const [http, https, { lingerOnEarlyClose }, { answerClientError, frontDoor }, { countStatements, statementLogFile }] = await Promise.all([
    import("node:http"),
    import("node:https"),
    import("./linger"),
    import("./front-door"),
    import("../server/statement-count"),
  ]);
  const statementLog = statementLogFile();
  // `next start --experimental-https` serves through https.Server, which does not inherit from http.Server.
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request" || event === "checkContinue" || event === "checkExpectation") {
        const req = args[0] as IncomingMessage;
        req.headers[PEER_ADDRESS_HEADER] = normaliseAddress(req.socket?.remoteAddress) ?? "";
        // Early answers reach clients that are still sending: see linger.ts.
        lingerOnEarlyClose(req);
        if (frontDoor(req, args[1] as ServerResponse)) return true;
        if (statementLog && event === "request") {
          return countStatements(statementLog, req, args[1] as ServerResponse, () => Reflect.apply(emit, this, [event, ...args]) as boolean);
        }
      } else if (event === "clientError" && (this as Server).listenerCount("clientError") === 0) {
        answerClientError(args[0] as NodeJS.ErrnoException, args[1] as Socket);
        return true;
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
  }
  g[INSTALLED] = true;
}

/** Whether this process stamps requests (peer address, scheme, nonce) before Next sees them. */
export function stampsInstalled(): boolean {
  return Boolean((globalThis as Flagged)[INSTALLED]);
}

/** The stamped peer address, or null when the stamp is not installed or the socket had none. */
export function peerAddressFrom(headers: Headers): string | null {
  if (!(globalThis as Flagged)[INSTALLED]) return null;
  return headers.get(PEER_ADDRESS_HEADER) || null;
}

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) is the IPv4 address. */
export function normaliseAddress(address: string | undefined | null): string | null {
  if (!address) return null;
  const a = address.trim();
  return (a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a).slice(0, 64) || null;
}
