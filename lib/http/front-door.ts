import crypto from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { getConfig } from "../config";
import { checkHostHeaders, checkOrigin, checkTarget, type Refusal } from "./request-checks";
import { isHttps, SCHEME_HEADER } from "./scheme";
import { signInRedirect } from "./sign-in-gate";
import { API_CSP, HSTS, pageCsp, STATIC_SECURITY_HEADERS } from "./security-headers";

/**
 * The portal's front door: runs for every request on the Node server before
 * Next sees it (installed with the peer-address stamp, peer-address.ts), and
 * for every answer, including those Next writes without next.config.ts's
 * headers (its own 400s and 500s, the not-found page of paths the proxy
 * skips) and those Node writes for requests it cannot parse.
 *
 * - It stamps the request: the scheme (scheme.ts) and a fresh script nonce,
 *   as the request's Content-Security-Policy, which is where Next takes the
 *   nonce for its own scripts from. Every request gets one, including
 *   requests with a body (server actions, which answer a whole page when a
 *   form is posted before the page hydrated).
 * - It sends page requests without a session cookie to sign-in (307;
 *   sign-in-gate.ts), which never decides access.
 * - It refuses, before Next parses anything, malformed addresses and Host,
 *   X-Forwarded-Host or X-Forwarded-Proto headers (400),
 *   overlong ones (414), malformed Origin headers (400) and state-changing
 *   requests from other sites (403; request-checks.ts), with problem+json.
 * - It completes every answer's headers: the static security headers when
 *   absent; HSTS over HTTPS; on HTML, the page policy with this request's
 *   nonce (unless a handler chose its own, e.g. a sandboxed file preview);
 *   elsewhere the closed API policy when no policy was set.
 *
 * It never reads a request body.
 */
export const NONCE_HEADER = "x-nonce";

/** Returns true when it answered the request itself. */
export function frontDoor(req: IncomingMessage, res: ServerResponse): boolean {
  try {
    return receive(req, res);
  } catch (err) {
    // Fail closed but keep serving: without the stamps pages get next.config.ts's policy, which runs no inline script.
    console.error(`[ringfence] front door: ${(err as Error).message}`);
    req.headers[SCHEME_HEADER] = "http"; // never a value the client sent
    delete req.headers["content-security-policy"];
    return false;
  }
}

function receive(req: IncomingMessage, res: ServerResponse): boolean {
  const https = requestArrivedOverHttps(req);
  const nonce = freshNonce();
  const policy = pageCsp(nonce, process.env.NODE_ENV === "development");
  req.headers[SCHEME_HEADER] = https ? "https" : "http";
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"]; // Next would read a nonce from it too
  req.headers[NONCE_HEADER] = nonce;
  completeHeaders(res, policy, https);

  const one = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(", ") : (v ?? null);
  };
  const refusal =
    checkTarget(req.url) ??
    checkHostHeaders({ host: one("host"), forwardedHost: one("x-forwarded-host"), forwardedProto: one("x-forwarded-proto") }) ??
    checkOrigin({
      method: req.method ?? "GET",
      origin: one("origin"),
      secFetchSite: one("sec-fetch-site"),
      host: one("host"),
      forwardedHost: one("x-forwarded-host"),
    });
  if (!refusal) {
    const signIn = signInRedirect(req.url ?? "/", req.headers);
    if (signIn === null) return false;
    res.statusCode = 307;
    res.setHeader("location", signIn);
    res.setHeader("cache-control", "no-store");
    res.setHeader("content-length", 0);
    res.end();
    return true;
  }
  answer(res, refusal, req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined);
  return true;
}

// Nonces are cut from a block of random bytes filled 256 nonces at a time: one system call per
// block instead of one per request. Every byte is used once; the block is refilled when spent.
const NONCE_BYTES = 18;
const nonceBlock = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = nonceBlock.length;

function freshNonce(): string {
  if (nonceOffset === nonceBlock.length) {
    crypto.randomFillSync(nonceBlock);
    nonceOffset = 0;
  }
  const nonce = nonceBlock.toString("base64", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

function requestArrivedOverHttps(req: IncomingMessage): boolean {
  const config = getConfig();
  const proto = req.headers["x-forwarded-proto"];
  return isHttps({
    socketEncrypted: Boolean((req.socket as TLSSocket | undefined)?.encrypted),
    forwardedProto: Array.isArray(proto) ? proto.join(",") : (proto ?? null),
    trustedProxyHops: config.trustedProxyHops,
    configuredUrls: [config.mail.publicUrl, process.env.AUTH_URL ?? process.env.NEXTAUTH_URL],
  });
}

function answer(res: ServerResponse, refusal: Refusal, hasBody: boolean): void {
  const body = JSON.stringify({ type: "about:blank", ...refusal });
  res.statusCode = refusal.status;
  res.setHeader("content-type", "application/problem+json");
  res.setHeader("cache-control", "no-store");
  res.setHeader("content-length", Buffer.byteLength(body));
  // Close instead of reading (draining) a body nobody wants; linger.ts makes the close graceful.
  if (hasBody) res.setHeader("connection", "close");
  res.end(body);
}

/** Policies of ours that say nothing specific about one answer: an HTML answer gets the nonce policy instead. */
const GENERIC_POLICIES = new Set([API_CSP, pageCsp("", false), pageCsp("", true)]);

function completeHeaders(res: ServerResponse, noncePolicy: string, https: boolean): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const reason = typeof rest[0] === "string" ? (rest.shift() as string) : undefined;
    // Fold headers passed here into the response first, so the checks below see them (Node would merge them the same way).
    if (rest[0]) setAll(this, rest[0] as OutgoingHttpHeaders | OutgoingHttpHeader[]);
    for (const { key, value } of STATIC_SECURITY_HEADERS) if (!this.hasHeader(key)) this.setHeader(key, value);
    if (https && !this.hasHeader("strict-transport-security")) this.setHeader("Strict-Transport-Security", HSTS);
    const policy = this.getHeader("content-security-policy");
    const html = /^\s*text\/html\b/i.test(String(this.getHeader("content-type") ?? ""));
    if (html && (policy === undefined || GENERIC_POLICIES.has(String(policy)))) this.setHeader("Content-Security-Policy", noncePolicy);
    else if (policy === undefined) this.setHeader("Content-Security-Policy", API_CSP);
    return Reflect.apply(writeHead, this, reason === undefined ? [statusCode] : [statusCode, reason]) as ServerResponse;
  } as typeof res.writeHead;
}

function setAll(res: ServerResponse, headers: OutgoingHttpHeaders | OutgoingHttpHeader[]): void {
  if (!Array.isArray(headers)) {
    for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
    return;
  }
  // [[name, value], …] or [name, value, name, value, …]; repeated names (Set-Cookie) keep every value.
  const pairs: [string, string][] = Array.isArray(headers[0])
    ? (headers as unknown as [string, string][])
    : Array.from({ length: headers.length / 2 }, (_, i) => [String(headers[2 * i]), String(headers[2 * i + 1])]);
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of pairs) {
    const g = grouped.get(name.toLowerCase()) ?? { name, values: [] };
    g.values.push(String(value));
    grouped.set(name.toLowerCase(), g);
  }
  for (const { name, values } of grouped.values()) res.setHeader(name, values.length === 1 ? values[0]! : values);
}

const REASONS: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 431: "Request Header Fields Too Large" };

/**
 * Requests Node's parser rejects (bytes not allowed in a request line or a
 * header, headers over the size limit, a timeout) never reach Next. Node
 * would answer them with a bare status line; we answer the same status with
 * the security headers and a problem+json body.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status =
    err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW" ? 413 : 400;
  const body = JSON.stringify({ type: "about:blank", title: REASONS[status], status, detail: "The request could not be read as HTTP/1.1." });
  let https = false;
  try {
    https = isHttps({
      socketEncrypted: Boolean((socket as TLSSocket).encrypted),
      forwardedProto: null,
      trustedProxyHops: 0,
      configuredUrls: [getConfig().mail.publicUrl],
    });
  } catch {
    // configuration problems are reported at start-up
  }
  const head = [
    `HTTP/1.1 ${status} ${REASONS[status]}`,
    ...STATIC_SECURITY_HEADERS.map(({ key, value }) => `${key}: ${value}`),
    `Content-Security-Policy: ${API_CSP}`,
    ...(https ? [`Strict-Transport-Security: ${HSTS}`] : []),
    "Content-Type: application/problem+json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), 1000).unref();
}
