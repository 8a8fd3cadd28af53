"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/server/audit";
import { defineAction } from "@/lib/server/action";
import { fail, ok } from "@/lib/result";
import { logSigner } from "@/lib/transparency/keys";
import { signCheckpoint } from "@/lib/transparency/log";
import { verifyLog, type VerifyResult } from "@/lib/transparency/verify";
import { openNote, parseCheckpoint, parseVerifierKey, verifierKey, NoteError } from "@/lib/transparency/note";

const verifySchema = z.object({
  /** A checkpoint kept outside the portal; empty = verify from the first event. */
  trusted: z.string().max(4000, "A checkpoint is a few lines; this is too long.").optional(),
});

/** Verifies the whole log (or from a trusted checkpoint) and records that it was done, with the outcome. */
export const verifyLogAction = defineAction("audit.verify", verifySchema, async (input, actor) => {
  const trusted = input.trusted?.trim() ? input.trusted.replace(/\r\n/g, "\n").trim() + "\n" : null;
  const key = parseVerifierKey(verifierKey(logSigner()));
  if (trusted) {
    try {
      parseCheckpoint(openNote(trusted, key));
    } catch (err) {
      return fail("invalid", "That checkpoint does not verify with the log's key.", {
        trusted: [err instanceof NoteError ? err.message : "Not a signed checkpoint."],
      });
    }
  }
  const db = await getDb();
  const result: VerifyResult = await verifyLog(db, key, trusted ? { trusted: { note: trusted } } : {});
  await recordAudit(
    db,
    auditActor(actor),
    "log.verified",
    { type: "log" },
    { ok: result.ok, events: result.events, from: result.from, firstBad: result.firstBad?.seq ?? null },
  );
  return ok(result);
});

/** Signs a checkpoint now, if the log grew since the last one. */
export const signCheckpointAction = defineAction("audit.verify", z.object({}), async () => {
  const cp = await signCheckpoint(await getDb(), { force: true });
  return ok({ treeSize: cp?.treeSize ?? 0 });
});
