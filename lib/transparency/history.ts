import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { objectHistory, type EventRow } from "./queries";

export type HistoryObjectType = "attestation" | "report" | "evidence";

/** What the ObjectHistory component draws: the object's events and whether to show their detail. */
export type ObjectHistoryView = { type: HistoryObjectType; id: string; full: boolean; events: EventRow[] };

/**
 * The transparency-log history of one attestation, report or evidence item,
 * for that object's page. The page must already have loaded the object through
 * a query scoped to `actor` (so the reader may see it); this does not check
 * that again. Client addresses and event details are for readers who may read
 * the audit log (administrators and auditors); for everyone else they are left
 * out here rather than only hidden by the page.
 */
export async function loadObjectHistory(db: DbOrTx, actor: Pick<Actor, "role">, type: HistoryObjectType, id: string): Promise<ObjectHistoryView> {
  const full = can(actor.role, "audit.read");
  const events = await objectHistory(db, type, id);
  return { type, id, full, events: full ? events : events.map((e) => ({ ...e, clientAddress: null, details: {} })) };
}
