import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listEvents } from "@/lib/transparency/queries";
import { auditFilterSchema, type AuditFilter } from "@/lib/validations/audit";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { EventList } from "@/components/audit/event-list";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

function href(f: Partial<AuditFilter>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `/audit?${s}` : "/audit";
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const { rows, olderBefore } = await listEvents(await getDb(), filter);
  const filtered = Object.entries(filter).some(([k, v]) => k !== "before" && v !== undefined);
  const text = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : "");
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in the portal, newest first, as recorded in its transparency log: who (by id; names are looked up now), from which address, what and when. Filter by any field; the filter stays in the address so a view can be shared."
        actions={
          can(actor.role, "audit.verify") ? (
            <Link href="/admin/log" className={buttonClass("secondary")}>
              Verify the log
            </Link>
          ) : undefined
        }
      />
      {!parsed.success ? <FormAlert message="Some filters are not valid and were ignored; see the fields below." /> : null}
      <form method="get" action="/audit" className="mb-4 grid gap-x-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          id="f-action"
          name="action"
          label="Action"
          hint="Exact, or a prefix ending in a dot: evidence."
          defaultValue={text("action")}
          error={errors.action}
        />
        <TextField id="f-actor" name="actor" label="Person id" defaultValue={text("actor")} error={errors.actor} />
        <TextField id="f-org" name="org" label="Organisation id" defaultValue={text("org")} error={errors.org} />
        <TextField
          id="f-type"
          name="objectType"
          label="Object type"
          hint="e.g. attestation, report, evidence, user"
          defaultValue={text("objectType")}
          error={errors.objectType}
        />
        <TextField id="f-id" name="objectId" label="Object id" defaultValue={text("objectId")} error={errors.objectId} />
        <TextField id="f-client" name="client" label="Client address" defaultValue={text("client")} error={errors.client} />
        <TextField id="f-from" name="from" type="date" label="From (UTC)" defaultValue={text("from")} error={errors.from} />
        <TextField id="f-to" name="to" type="date" label="To (UTC, inclusive)" defaultValue={text("to")} error={errors.to} />
        <div className="flex items-end gap-2 pb-4">
          <button type="submit" className={buttonClass("primary")}>
            Filter
          </button>
          {filtered ? (
            <Link href="/audit" className={buttonClass("secondary")}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No events match this filter" : "The log is empty"}>
          {filtered ? (
            <Link href="/audit" className="underline">
              Show every event
            </Link>
          ) : (
            "Events appear here as people use the portal."
          )}
        </EmptyState>
      ) : (
        <>
          <EventList events={rows} full linkObjects />
          <nav aria-label="Pages" className="mt-4 flex gap-3">
            {filter.before !== undefined ? (
              <Link className={buttonClass("secondary")} href={href({ ...filter, before: undefined })}>
                Newest events
              </Link>
            ) : null}
            {olderBefore !== null ? (
              <Link className={buttonClass("secondary")} href={href({ ...filter, before: olderBefore })}>
                Older events
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
