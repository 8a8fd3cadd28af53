import "server-only";
import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { canonicalDigest } from "@/lib/crypto/canonical-json";
import { getBlobStore } from "@/lib/evidence/store";
import type { BlobStore } from "@/lib/storage/blob-store";
import { getAttestation, getSubmission } from "./queries";
import type { Snapshot } from "./snapshot";

export type FileCheck = { title: string; fileName: string; sha256: string; state: "match" | "mismatch" | "missing" };
export type Verification = {
  storedDigest: string;
  recomputedDigest: string;
  snapshotMatches: boolean;
  files: FileCheck[];
  matches: boolean;
  problems: string[];
  signedAt: Date;
  signerName: string;
  revision: number;
};

async function hashStored(store: BlobStore, sha256: string): Promise<string | null> {
  try {
    const stream = await store.openRead(sha256);
    const hash = createHash("sha256");
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch {
    return null;
  }
}

/**
 * Recomputes the digest from the stored snapshot and re-hashes every evidence
 * file from storage. Null when the attestation is not the caller's or was never submitted.
 */
export async function verifySubmission(
  db: DbOrTx,
  organisationId: string,
  attestationId: string,
  store: BlobStore = getBlobStore(),
): Promise<Verification | null> {
  const attestation = await getAttestation(db, organisationId, attestationId);
  if (!attestation) return null;
  const submission = await getSubmission(db, { kind: "organisation", organisationId }, attestation.id);
  if (!submission) return null;
  const snapshot = submission.snapshot as unknown as Snapshot;
  const recomputedDigest = canonicalDigest(snapshot);
  const snapshotMatches = recomputedDigest === submission.digest;
  const problems: string[] = [];
  if (!snapshotMatches)
    problems.push(`the stored snapshot of revision ${attestation.revision} no longer matches its digest: the submission record was changed after signing`);
  const seen = new Map<string, { title: string; fileName: string }>();
  for (const control of snapshot.controls ?? []) {
    for (const e of control.evidence ?? []) if (e.sha256 && !seen.has(e.sha256)) seen.set(e.sha256, { title: e.title, fileName: e.fileName ?? e.title });
  }
  const files: FileCheck[] = [];
  for (const [sha256, meta] of seen) {
    const actual = await hashStored(store, sha256);
    const state = actual === null ? "missing" : actual === sha256 ? "match" : "mismatch";
    files.push({ ...meta, sha256, state });
    if (state === "mismatch") problems.push(`evidence file ${meta.fileName} (sha256 ${sha256}) no longer matches: its stored content has changed`);
    if (state === "missing") problems.push(`evidence file ${meta.fileName} (sha256 ${sha256}) is missing from storage`);
  }
  return {
    storedDigest: submission.digest,
    recomputedDigest,
    snapshotMatches,
    files,
    matches: problems.length === 0,
    problems,
    signedAt: submission.signedAt,
    signerName: submission.signerName,
    revision: attestation.revision,
  };
}
