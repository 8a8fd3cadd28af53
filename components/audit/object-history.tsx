import { getDb } from "@/db/client";
import { objectHistory } from "@/lib/transparency/queries";
import { EventList } from "./event-list";

/**
 * The history of one attestation, report or evidence item, from the
 * transparency log. The caller has already checked that the reader may see
 * the object; client addresses and details show only to `full` readers
 * (administrators and auditors).
 */
export async function ObjectHistory({ type, id, full = false, title = "History" }: { type: string; id: string; full?: boolean; title?: string }) {
  const events = await objectHistory(await getDb(), type, id);
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
