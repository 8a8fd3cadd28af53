import { getDb } from "@/db/client";
import { latestCheckpoint, signCheckpoint } from "@/lib/transparency/log";

export const dynamic = "force-dynamic";

/**
 * Public, no sign-in: the newest signed checkpoint of the transparency log
 * (C2SP tlog-checkpoint as a C2SP signed-note), for anyone to keep a copy.
 */
export async function GET() {
  const db = await getDb();
  const cp = (await latestCheckpoint(db)) ?? (await signCheckpoint(db, { force: true }));
  return new Response(cp?.note ?? "", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" } });
}
