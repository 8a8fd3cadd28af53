import { logVerifierKey } from "@/lib/transparency/log";

export const dynamic = "force-dynamic";

/** Public: the log's Ed25519 verifier key, "<name>+<key id>+<key>" (Go sumdb/note encoding). */
export async function GET() {
  return new Response(logVerifierKey() + "\n", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" } });
}
