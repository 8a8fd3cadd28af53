/** Demo data must never land in a shared database by accident: only local hosts pass without --force. */
export function isLocalDatabaseUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  // An empty host means a Unix socket on this machine.
  return ["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(host);
}
