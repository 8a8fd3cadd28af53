/** Runs once when the server starts: applies migrations, and on the embedded database seeds demo data the first time. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/startup");
  await startServer();
}
