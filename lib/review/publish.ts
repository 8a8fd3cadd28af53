import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { ok, type ActionResult } from "@/lib/result";
import { lockFor, moveTo } from "./state";

/** An administrator publishes a decided attestation: it becomes visible in published reports. */
export async function publishDecision(db: Db, actor: Actor, attestationId: string, now = new Date()): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const gate = await lockFor(tx, actor, attestationId, "publish");
    if (!gate.ok) return gate.result;
    await moveTo(tx, actor, gate.row, "publish", "published", {}, now);
    return ok(undefined);
  });
}
