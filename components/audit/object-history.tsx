import type { EventRow } from "@/lib/transparency/queries";
import { loadObjectHistory, type HistoryObjectType, type ObjectHistoryView } from "@/lib/transparency/history";
// eslint-disable-next-line no-restricted-imports -- the TRANSITIONAL branch below; remove with it.
import { getDb } from "@/db/client";
import { EventList } from "./event-list";

/**
 * The history of one attestation, report or evidence item, from the
 * transparency log, as loaded by the page with loadObjectHistory
 * (lib/transparency/history.ts). Client addresses and details show only to
 * `full` readers (administrators and auditors).
 */
export async function ObjectHistory(props: { history: ObjectHistoryView; title?: string } | LegacyProps) {
  const { title = "History" } = props;
  const { id, events, full } = "history" in props ? props.history : await legacyLoad(props);
  return <HistorySection id={id} events={events} full={full} title={title} />;
}

function HistorySection({ id, events, full, title }: { id: string; events: EventRow[]; full: boolean; title: string }) {
  return (
    <section aria-labelledby={`history-${id}`} className="mt-8">
      <h2 id={`history-${id}`} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      <p className="text-muted mb-3 text-sm">From the portal&apos;s transparency log, oldest first. Each entry is signed into the log&apos;s Merkle tree and cannot be changed afterwards.</p>
      {events.length ? <EventList events={events} full={full} /> : <p className="text-sm">No events are recorded for this yet.</p>}
    </section>
  );
}

// TRANSITIONAL (issue 14): app/(portal)/vendor/attestations/[id]/page.tsx still passes
// type and id; it is being rewritten to pass `history` from loadObjectHistory. Delete this
// branch, the getDb import and LegacyProps once no page passes `type`.
type LegacyProps = { type: HistoryObjectType; id: string; full?: false; title?: string };
async function legacyLoad({ type, id }: LegacyProps): Promise<ObjectHistoryView> {
  // The vendor's role never reads the audit log, so this is the summary view the page had.
  return loadObjectHistory(await getDb(), { role: "vendor_officer" }, type, id);
}
