import type { EventRow } from "@/lib/transparency/queries";
import type { ObjectHistoryView } from "@/lib/transparency/history";
import { EventList } from "./event-list";

/**
 * The history of one attestation, report or evidence item, from the
 * transparency log, as loaded by the page with loadObjectHistory
 * (lib/transparency/history.ts). Client addresses and details show only to
 * `full` readers (administrators and auditors).
 */
export function ObjectHistory({ history, title = "History" }: { history: ObjectHistoryView; title?: string }) {
  return <HistorySection id={history.id} events={history.events} full={history.full} title={title} />;
}

function HistorySection({ id, events, full, title }: { id: string; events: EventRow[]; full: boolean; title: string }) {
  return (
    <section aria-labelledby={`history-${id}`} className="mt-8">
      <h2 id={`history-${id}`} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      <p className="mb-3 text-sm text-muted">
        From the portal&apos;s transparency log, oldest first. Each entry is signed into the log&apos;s Merkle tree and cannot be changed afterwards.
      </p>
      {events.length ? <EventList events={events} full={full} /> : <p className="text-sm">No events are recorded for this yet.</p>}
    </section>
  );
}
