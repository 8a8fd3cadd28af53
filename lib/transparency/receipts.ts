import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations, attestationSubmissions, auditEvents, publishedReports } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/ids";
import { relationTo } from "@/lib/review/access";
import { checkpointCovering, logVerifierKey, proveInclusion } from "./log";
import { RECEIPT_FORMAT, type Receipt } from "./receipt";

export type ReceiptKind = Receipt["subject"]["kind"];

/**
 * The receipt for an attestation's latest signed submission or for a
 * published report. Only the vendor's people and the seated panel may have it
 * (the event names the people and the address they acted from); others get null.
 * Signs a checkpoint on the spot when none covers the event yet.
 */
export async function buildReceipt(db: DbOrTx, actor: Actor, kind: ReceiptKind, id: string): Promise<Receipt | null> {
  if (!isUuid(id)) return null;
  let attestationId: string;
  let digest: string;
  let match;
  if (kind === "submission") {
    const [sub] = await db
      .select({ digest: attestationSubmissions.digest })
      .from(attestationSubmissions)
      .where(eq(attestationSubmissions.attestationId, id))
      .orderBy(desc(attestationSubmissions.signedAt))
      .limit(1);
    if (!sub) return null;
    attestationId = id;
    digest = sub.digest;
    match = and(eq(auditEvents.action, "attestation.submitted"), eq(auditEvents.targetType, "attestation"), eq(auditEvents.targetId, id));
  } else {
    const [rep] = await db
      .select({ attestationId: publishedReports.attestationId, digest: publishedReports.fullDigest })
      .from(publishedReports)
      .where(eq(publishedReports.id, id));
    if (!rep) return null;
    attestationId = rep.attestationId;
    digest = rep.digest;
    match = and(
      eq(auditEvents.action, "report.published"),
      eq(auditEvents.targetType, "attestation"),
      eq(auditEvents.targetId, rep.attestationId),
      sql`${auditEvents.details}->>'reportId' = ${id}`,
    );
  }
  const [att] = await db
    .select({ organisationId: attestations.organisationId, lineageId: attestations.lineageId })
    .from(attestations)
    .where(eq(attestations.id, attestationId));
  if (!att) return null;
  const relation = await relationTo(db, actor, att);
  if (relation !== "owner" && relation !== "lead" && relation !== "member") return null;

  const [event] = await db
    .select({ seq: auditEvents.seq, body: auditEvents.body })
    .from(auditEvents)
    .where(and(match, sql`${auditEvents.details}->>'digest' = ${digest}`))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  if (!event) return null;
  const seq = Number(event.seq);
  const checkpoint = await checkpointCovering(db, seq);
  return {
    receipt: RECEIPT_FORMAT,
    subject: { kind, id, digest },
    event: { index: seq, body: event.body },
    inclusionProof: await proveInclusion(db, seq, checkpoint.treeSize),
    checkpoint: checkpoint.note,
    logKey: logVerifierKey(),
    howToVerify: "npm run verify-receipt -- <this file> [--key <the log key published at /api/log/key>]; the algorithm is in docs/transparency-log.md",
  };
}
