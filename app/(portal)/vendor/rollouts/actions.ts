"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/session";
import { defineAction } from "@/lib/server/action";
import { fail, ok } from "@/lib/result";
import { reanalyseRollout } from "@/lib/rollouts/append";
import { createRolloutRecord } from "@/lib/rollouts/store";
import { addRolloutToEvidence } from "@/lib/rollouts/evidence";
import { parseUpload } from "@/lib/rollouts/upload";
import { idSchema, rolloutFormSchema, rolloutUploadSchema } from "@/lib/validations/rollouts";

/** Field names as the form uses them: "record.rings.2.promotedAt". */
const formPath = (path: string) => (path === "productId" ? path : `record.${path.replace(/\[(\d+)\]/g, ".$1")}`);

export const createRolloutAction = defineAction("vendor.workspace", rolloutFormSchema, async (input, actor) => {
  const res = await createRolloutRecord(await getDb(), auditActor(actor), { productId: input.productId, record: input.record, source: "form" });
  if (!res.ok) return fail(res.code, res.message, Object.fromEntries(res.reasons.map((r) => [formPath(r.path), [r.message]])));
  revalidatePath("/vendor/rollouts");
  return ok({ id: res.id });
});

/** Errors come back keyed by where they are ("Row 3, column sharePct"), so the page can list them in file order. */
export const uploadRolloutAction = defineAction("vendor.workspace", rolloutUploadSchema, async (input, actor) => {
  const parsed = parseUpload(input.text, input.format);
  if (!parsed.ok) {
    const n = Object.values(parsed.errors).flat().length;
    return fail("invalid", `The file has ${n} problem${n > 1 ? "s" : ""}; nothing was stored. Fix them below and upload again.`, parsed.errors);
  }
  const res = await createRolloutRecord(await getDb(), auditActor(actor), { productId: input.productId, record: parsed.record, source: "upload" });
  if (!res.ok)
    return fail(res.code, res.message, Object.fromEntries(res.reasons.map((r) => [r.path === "productId" ? "productId" : `Field ${r.path}`, [r.message]])));
  revalidatePath("/vendor/rollouts");
  return ok({ id: res.id });
});

export const addRolloutToEvidenceAction = defineAction("vendor.workspace", idSchema, async ({ id }, actor) => {
  const res = await addRolloutToEvidence(await getDb(), auditActor(actor), id);
  if (!res) return fail("not_found", "This rollout record does not exist.");
  revalidatePath("/vendor/evidence");
  return ok(res);
});

/** Re-runs the analysis with the current analyser and thresholds; earlier analyses stay in the history. */
export const reanalyseRolloutAction = defineAction("vendor.workspace", idSchema, async ({ id }, actor) => {
  const res = await reanalyseRollout(await getDb(), auditActor(actor), id);
  if (!res.ok) return fail(res.code === "not_found" ? "not_found" : res.code === "no_policy" ? "conflict" : "invalid", res.message);
  revalidatePath(`/vendor/rollouts/${id}`);
  return ok({ worstSeverity: res.worstSeverity });
});
