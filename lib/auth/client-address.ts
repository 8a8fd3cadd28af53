/**
 * The client address used for sign-in throttling: the last X-Forwarded-For
 * entry, i.e. the one added by the hop closest to the portal. `next start`
 * fills it from the socket when absent; behind a reverse proxy, the proxy
 * appends what it saw. The per-account limit never depends on it.
 */
export function clientAddressFrom(headers: Headers): string | null {
  const xff = headers.get("x-forwarded-for");
  if (xff) {
    const parts = xff.split(",").map((p) => p.trim()).filter(Boolean);
    const last = parts[parts.length - 1];
    if (last) return last.slice(0, 64);
  }
  return headers.get("x-real-ip")?.slice(0, 64) ?? null;
}
