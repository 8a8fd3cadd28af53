import { describeIssue } from "@/lib/rollouts/issue-names";
import { rolloutRecordSchema, type RolloutRecord } from "@/lib/rollouts/record-schema";

export interface RolloutCheckReason {
  /** Issue location such as rings[2].promotedAt; "(document)" for the record as a whole. */
  path: string;
  /** Names the ring, event or test and its position, e.g. `ring 'Staged' (rings[1]): …`. */
  message: string;
}

export type RolloutCheckResult = { ok: true; record: RolloutRecord } | { ok: false; reasons: RolloutCheckReason[] };

/** Validate untrusted input; never throws. A record that passes can always be analysed. */
export function checkRolloutRecord(input: unknown): RolloutCheckResult {
  const parsed = rolloutRecordSchema.safeParse(input);
  if (parsed.success) return { ok: true, record: parsed.data };
  const reasons = parsed.error.issues.map((i) => describeIssue(input, i));
  return { ok: false, reasons };
}
