import { formatBytes } from "@/lib/format";
/**
 * Checks of a request's target and Origin that need nothing but the request
 * line and headers. Pure, so the front door (every request, before Next) and
 * route handlers (refuseCrossOrigin) apply the same rules, and tests run them
 * directly.
 */
export type Refusal = { status: 400 | 403 | 414; title: string; detail: string };

/** Longer request targets are refused. Our own longest URLs (filters, a sign-in return path) stay far below. */
export const MAX_TARGET_BYTES = 8 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The request target (`req.url`): its length, and whether its path decodes. */
export function checkTarget(target: string | undefined): Refusal | null {
  if (!target) return badTarget("The request has no path.");
  // Node hands over the request line's bytes one character each, so length counts bytes.
  if (target.length > MAX_TARGET_BYTES) {
    return { status: 414, title: "Address too long", detail: `Addresses may be at most ${formatBytes(MAX_TARGET_BYTES)} long.` };
  }
  let path: string;
  if (target.startsWith("/")) path = target.split(/[?#]/, 1)[0] ?? "";
  else if (target === "*")
    return null; // OPTIONS * (asks about the server itself)
  else {
    try {
      path = new URL(target).pathname; // absolute form, as proxies send it
    } catch {
      return badTarget("The address is not a valid URL.");
    }
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return badTarget("The address contains a malformed percent-encoding (a % not followed by a valid UTF-8 sequence).");
  }
  if (decoded.includes("\0")) return badTarget("The address contains a NUL character.");
  return null;
}

function badTarget(detail: string): Refusal {
  return { status: 400, title: "Malformed address", detail };
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** host[:port] as it may stand in a URL (a name, an IPv4 or a bracketed IPv6 address; a port up to 65535). */
export function isWellFormedHost(host: string): boolean {
  if (!HOST.test(host)) return false;
  try {
    return new URL(`http://${host}`).host !== "";
  } catch {
    return false;
  }
}

export type HostHeaders = { host: string | null; forwardedHost: string | null; forwardedProto: string | null };

/**
 * Host, X-Forwarded-Host and X-Forwarded-Proto: Auth.js builds each request's URL from them
 * (it trusts the forwarded ones), so a malformed value made every signed-in route answer 500
 * ("Invalid URL"). Refused with 400 instead; a missing Host (HTTP/1.0) passes.
 */
export function checkHostHeaders(h: HostHeaders): Refusal | null {
  const first = (v: string | null) => (v === null ? null : (v.split(",")[0] ?? "").trim());
  const forwardedHost = first(h.forwardedHost);
  const forwardedProto = first(h.forwardedProto);
  if (
    (h.host !== null && !isWellFormedHost(h.host)) ||
    (forwardedHost !== null && !isWellFormedHost(forwardedHost)) ||
    (forwardedProto !== null && !SCHEME.test(forwardedProto))
  ) {
    return { status: 400, title: "Malformed Host header", detail: "Host and X-Forwarded-Host must be host[:port], X-Forwarded-Proto a scheme such as https." };
  }
  return null;
}

/** What a browser sends in Origin: `scheme://host[:port]` in ASCII, or `null` for an opaque origin. */
export function isWellFormedOrigin(origin: string): boolean {
  if (origin === "null") return true;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[\x21-\x7e]+$/i.test(origin) || /[/?#@\\]/.test(origin.slice(origin.indexOf("://") + 3))) return false;
  try {
    return new URL(origin).host !== "";
  } catch {
    return false;
  }
}

export type OriginHeaders = {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  host: string | null;
  forwardedHost: string | null;
};

/**
 * A malformed Origin is refused with 400 whatever the method. A state-changing
 * request (anything but GET, HEAD, OPTIONS) is refused with 403 when the
 * browser marks it as coming from another site (Sec-Fetch-Site other than
 * same-origin or none) or its Origin names another host than the one it was
 * sent to (X-Forwarded-Host, else Host: the same comparison as Next's own
 * server-action check). `Origin: null` (sandboxed frames, file: pages, some
 * redirects) is another site. Clients that send neither header (curl, CI
 * pipelines) are not browsers carrying someone else's cookies: they pass.
 */
export function checkOrigin(h: OriginHeaders): Refusal | null {
  if (h.origin !== null && !isWellFormedOrigin(h.origin)) {
    return { status: 400, title: "Malformed Origin header", detail: "The Origin header must be scheme://host[:port] or null." };
  }
  if (SAFE_METHODS.has(h.method.toUpperCase())) return null;
  if (h.secFetchSite !== null && h.secFetchSite !== "same-origin" && h.secFetchSite !== "none") return crossOrigin();
  if (h.origin === null) return null;
  if (h.origin === "null") return crossOrigin();
  const expected = (h.forwardedHost?.split(",")[0]?.trim() || h.host || "").toLowerCase();
  return expected && new URL(h.origin).host === expected ? null : crossOrigin();
}

function crossOrigin(): Refusal {
  return { status: 403, title: "Cross-origin request refused", detail: "This request came from another site. Use the portal's own pages." };
}
