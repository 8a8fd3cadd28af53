import { formatIssuePath } from "@/lib/catalog/schema";
import { rolloutRecordSchema, type RolloutRecord } from "@/lib/rollouts/record-schema";

export interface RolloutCheckReason {
  /** Issue location such as rings[2].promotedAt; "(document)" for the record as a whole. */
  path: string;
  message: string;
}

export type RolloutCheckResult = { ok: true; record: RolloutRecord } | { ok: false; reasons: RolloutCheckReason[] };

/** Validate untrusted input; never throws. A record that passes can always be analysed. */
export function checkRolloutRecord(input: unknown): RolloutCheckResult {
  const parsed = rolloutRecordSchema.safeParse(input);
  if (parsed.success) return { ok: true, record: parsed.data };
  const reasons = parsed.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
  return { ok: false, reasons };
}
