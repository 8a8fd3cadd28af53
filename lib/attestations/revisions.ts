import "server-only";
import type { DbOrTx } from "@/db/client";
import type { ComparableControl } from "./compare";
import { getSubmission, loadWorkspace } from "./queries";
import { snapshotControls, type Snapshot } from "./snapshot";

/** A revision's answers: the frozen snapshot once submitted, the live draft otherwise. */
export async function revisionControls(db: DbOrTx, organisationId: string, attestationId: string): Promise<ComparableControl[] | null> {
  const ws = await loadWorkspace(db, organisationId, attestationId);
  if (!ws) return null;
  if (ws.attestation.status !== "draft") {
    const submission = await getSubmission(db, { kind: "organisation", organisationId }, attestationId);
    if (submission) return (submission.snapshot as unknown as Snapshot).controls;
  }
  return snapshotControls(ws);
}
