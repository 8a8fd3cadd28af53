import type { DbOrTx } from "@/db/client";
import { appendEvent } from "@/lib/transparency/log";

/**
 * What the demo seed writes is logged like any change, with no person as the
 * actor (the seed acts as the system) and `seed: true` in the detail.
 */
export function seedEvent(db: DbOrTx, action: string, target: { type: string; id?: string | null }, details: Record<string, unknown> = {}) {
  return appendEvent(db, {
    actor: { userId: null, organisationId: null, role: null },
    clientAddress: null,
    action,
    target,
    details: { ...details, seed: true },
  });
}
