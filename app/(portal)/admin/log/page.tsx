import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { committedSize, listCheckpoints, logVerifierKey } from "@/lib/transparency/log";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DateTime } from "@/components/notifications/date-time";
import { count, formatNumber } from "@/lib/format";
import { SignCheckpointButton, VerifyForm } from "./log-tools";

export const metadata: Metadata = { title: "Transparency log" };
export const dynamic = "force-dynamic";

export default async function TransparencyLogPage() {
  await requirePermission("audit.verify");
  const db = await getDb();
  const [size, checkpoints] = await Promise.all([committedSize(db), listCheckpoints(db, 10)]);
  const latest = checkpoints[0] ?? null;
  const every = getConfig().log.checkpointSeconds;
  return (
    <>
      <PageHeader
        title="Transparency log"
        description={
          <>
            Every change is an event in an append-only Merkle tree (RFC 9162). Signed checkpoints let anyone outside the portal check later that nothing was
            changed, removed or reordered. Browse the events in the{" "}
            <Link className="underline" href="/audit">
              audit log
            </Link>
            .
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">State</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">Events</dt>
            <dd>{formatNumber(size)}</dd>
            <dt className="text-muted">Latest checkpoint</dt>
            <dd>{latest ? <>{count(latest.treeSize, "event")}</> : "none yet"}</dd>
            <dt className="text-muted">Checkpoints</dt>
            <dd>{every ? `signed every ${every} s when the log has grown, and on demand` : "on demand only (LOG_CHECKPOINT_SECONDS=0)"}</dd>
            <dt className="text-muted">Log key</dt>
            <dd className="font-mono text-xs break-all">{logVerifierKey()}</dd>
            <dt className="text-muted">Published at</dt>
            <dd className="text-xs break-all">
              <code>/api/log/checkpoint</code>, <code>/api/log/key</code>, <code>/api/log/checkpoints</code>, <code>/api/log/consistency?from=…&amp;to=…</code>{" "}
              (no sign-in)
            </dd>
          </dl>
          <div className="mt-4">
            <SignCheckpointButton />
          </div>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Verify</h2>
          <p className="mb-3 text-sm text-muted">
            Rechecks every event&apos;s bytes and hash, the numbering, every checkpoint&apos;s signature and consistency, and that the events give each signed
            root. Names the first bad event. Also from the command line: <code>npm run audit:verify</code>.
          </p>
          <VerifyForm />
        </Card>
      </div>
      <section className="mt-6" aria-labelledby="cps">
        <h2 id="cps" className="mb-2 text-lg font-semibold">
          Recent checkpoints
        </h2>
        {checkpoints.length === 0 ? (
          <p className="text-sm">No checkpoint has been signed yet.</p>
        ) : (
          <ol className="space-y-2">
            {checkpoints.map((c) => (
              <li key={c.treeSize} className="rounded-lg border border-gray-300 bg-white p-3 text-sm">
                <p>
                  <strong>{count(c.treeSize, "event")}</strong>
                  {c.previousSize !== null
                    ? `, consistent with ${formatNumber(c.previousSize)} (${count(c.consistencyProof.length, "proof hash", "proof hashes")})`
                    : ", the first"}
                </p>
                <pre className="mt-2 overflow-x-auto rounded bg-gray-50 p-2 font-mono text-xs break-all whitespace-pre-wrap">{c.note}</pre>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="mt-4 text-xs text-muted">
        Page shown at <DateTime value={new Date()} zone="UTC" /> (the log keeps UTC, so every reader quotes the same clock).
      </p>
    </>
  );
}
