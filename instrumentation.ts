/** Runs once when the server starts: applies migrations, and on the embedded database seeds demo data the first time. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, before any request is served. The database gate answers 503 while the database is unreachable
  // (lib/http/database-gate.ts); installed first, so the address stamp (outermost) still runs before it.
  const { installDatabaseGate } = await import("./lib/http/database-gate");
  await installDatabaseGate();
  // Route handlers and actions need the socket's address (lib/http/peer-address.ts).
  const { installPeerAddressStamp } = await import("./lib/http/peer-address");
  await installPeerAddressStamp();
  const { startServer } = await import("./lib/server/startup");
  await startServer();
}
