import { normaliseAddress } from "@/lib/http/peer-address";

/**
 * The client address used for sign-in throttling and recorded on sessions.
 *
 * With 0 trusted proxy hops the client connects directly: every forwarded
 * header is the client's own words, so only the socket's peer address counts.
 * With N hops, each trusted proxy appends the address it saw to
 * X-Forwarded-For, so the Nth entry from the right is the one the outermost
 * trusted proxy wrote; entries further left were sent by the client. A header
 * with fewer than N entries did not come through every proxy: use the socket.
 */
export function clientAddress(forwardedFor: string | null, peerAddress: string | null, trustedProxyHops: number): string | null {
  const peer = normaliseAddress(peerAddress);
  if (trustedProxyHops <= 0 || !forwardedFor) return peer;
  const entries = forwardedFor.split(",").map((p) => p.trim());
  const entry = entries.length >= trustedProxyHops ? entries[entries.length - trustedProxyHops] : undefined;
  return normaliseAddress(entry) ?? peer;
}
