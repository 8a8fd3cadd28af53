/**
 * Whether a request reached the portal over HTTPS, by what the portal can
 * trust: its own configured address, its own TLS socket, or the
 * X-Forwarded-Proto a trusted reverse proxy wrote. A client's own
 * X-Forwarded-Proto counts for nothing when no proxy is trusted (it decides
 * only Secure cookies and HSTS, but an attacker should not decide even those).
 *
 * The front door (front-door.ts) works this out once per request and stamps it
 * on the request as SCHEME_HEADER, replacing whatever a client sent; app code
 * reads the stamp (`requestIsHttps`).
 */
export const SCHEME_HEADER = "x-ringfence-scheme";

export type SchemeFacts = {
  /** The TCP connection itself is TLS (`next start --experimental-https`). */
  socketEncrypted: boolean;
  forwardedProto: string | null;
  trustedProxyHops: number;
  /** PUBLIC_URL and AUTH_URL: the portal's address as people reach it. */
  configuredUrls: (string | undefined)[];
};

export function isHttps(f: SchemeFacts): boolean {
  if (f.socketEncrypted) return true;
  if (f.configuredUrls.some((u) => u?.toLowerCase().startsWith("https://"))) return true;
  return f.trustedProxyHops > 0 && forwardedByTrustedProxy(f.forwardedProto, f.trustedProxyHops) === "https";
}

/**
 * Like X-Forwarded-For (client-address.ts): each trusted proxy that appends
 * writes one entry, so the Nth from the right is the outermost trusted
 * proxy's. A proxy that overwrites the header leaves one entry, its own.
 */
export function forwardedByTrustedProxy(header: string | null, hops: number): string | null {
  if (!header || hops <= 0) return null;
  const entries = header.split(",").map((e) => e.trim().toLowerCase());
  return entries.length >= hops ? (entries[entries.length - hops] ?? null) : null;
}
