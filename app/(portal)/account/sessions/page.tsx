import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { getSignedIn, requirePermission } from "@/lib/auth/session";
import { listLiveSessions } from "@/lib/auth/session-list";
import { count } from "@/lib/format";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { DateTime } from "@/components/notifications/date-time";
import { EndSessionButton, OtherSessions } from "./session-buttons";

export const metadata: Metadata = { title: "Your sessions" };
export const dynamic = "force-dynamic";

const METHOD = { password: "Password", sso: "Single sign-on" } as const;

export default async function SessionsPage() {
  const actor = await requirePermission("account.manage");
  const current = (await getSignedIn())?.sessionId ?? null;
  const sessions = await listLiveSessions(await getDb(), actor.userId, current);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/account" className="text-brand-700 underline">
          Your account
        </Link>
      </p>
      <PageHeader
        title="Your sessions"
        description="Every browser and device signed in to your account now. End any you do not recognise, then change your password. An ended session stops working at its next request."
      />
      {sessions.length === 0 ? (
        <EmptyState title="No live sessions">Sign in again to see your sessions here.</EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm" aria-live="polite">
            {count(sessions.length, "live session")}
          </p>
          <ul className="space-y-3" aria-label="Sessions">
            {sessions.map((s) => (
              <li key={s.id}>
                <Card className={s.current ? "border-brand-700" : ""}>
                  <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                    <div className="min-w-0">
                      <h2 id={`session-${s.id}`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
                        <span className="break-words">{s.device}</span>
                        {s.current ? (
                          <span className="rounded border border-brand-700 bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">This device</span>
                        ) : null}
                      </h2>
                      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                        <dt className="text-muted">Address</dt>
                        <dd className="break-all">{s.clientAddress ?? "Not known"}</dd>
                        <dt className="text-muted">Signed in with</dt>
                        <dd>{METHOD[s.method]}</dd>
                        <dt className="text-muted">Started</dt>
                        <dd>
                          <DateTime value={s.createdAt} />
                        </dd>
                        <dt className="text-muted">Last seen</dt>
                        <dd>
                          <DateTime value={s.lastSeenAt} />
                        </dd>
                      </dl>
                    </div>
                    <EndSessionButton sessionId={s.id} current={s.current} describedBy={`session-${s.id}`} />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          <div className="mt-6">
            <OtherSessions others={others} />
          </div>
        </>
      )}
    </>
  );
}
