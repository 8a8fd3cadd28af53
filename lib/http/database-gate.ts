import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { processAvailability } from "@/lib/server/availability";
import { lingerOnEarlyClose } from "./linger";
import { unavailableAnswer, type UnavailableKind } from "./unavailable";

/**
 * Answers 503 before Next runs while the database is unreachable (see
 * lib/server/availability.ts). Next offers no way for a page to answer 503,
 * and it must also cover requests with a body (uploads, actions), so this
 * sits where the peer-address stamp does: on http.Server#emit, for every
 * request. When the last answer is fresh it adds nothing; when it is stale
 * the request waits for one shared probe (at most its timeout) first.
 */
const INSTALLED = Symbol.for("ringfence.database-gate");
type Flagged = typeof globalThis & { [INSTALLED]?: boolean };

/**
 * Which answer a request would get, or null for what needs no database: build assets, the health
 * report (which says 503 itself) and the liveness page /up, which never reads the database.
 */
export function gateKind(url: string, headers: IncomingHttpHeaders): UnavailableKind | null {
  const path = url.split(/[?#]/, 1)[0] ?? "/";
  if (path.startsWith("/_next/") || path === "/favicon.ico" || path === "/api/health" || path === "/up") return null;
  if (path.startsWith("/api/")) return "api";
  return headers["next-action"] ? "action" : "page";
}

export function answerUnavailable(kind: UnavailableKind, req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent || res.writableEnded) return;
  const { status, headers, body } = unavailableAnswer(kind);
  const hasBody = (req.headers["content-length"] ?? "0") !== "0" || req.headers["transfer-encoding"] !== undefined;
  // An unread body is not drained: close after answering, gracefully (linger.ts).
  if (hasBody) {
    lingerOnEarlyClose(req);
    headers["Connection"] = "close";
  }
  res.writeHead(status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

export async function installDatabaseGate(): Promise<void> {
  const g = globalThis as Flagged;
  if (g[INSTALLED]) return;
  const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      const availability = event === "request" ? processAvailability() : undefined;
      if (!availability) return Reflect.apply(emit, this, [event, ...args]) as boolean;
      const req = args[0] as IncomingMessage;
      const res = args[1] as ServerResponse;
      const kind = gateKind(req.url ?? "/", req.headers);
      const known = kind ? availability.known() : "ok";
      if (known === "ok") return Reflect.apply(emit, this, [event, ...args]) as boolean;
      if (known === "down") {
        answerUnavailable(kind!, req, res);
        return true;
      }
      void availability.check().then((ok) => {
        if (!ok) return answerUnavailable(kind!, req, res);
        try {
          Reflect.apply(emit, this, [event, ...args]);
        } catch {
          if (!res.headersSent) res.writeHead(500).end();
        }
      });
      return true;
    } as typeof emit;
  }
  g[INSTALLED] = true;
}
