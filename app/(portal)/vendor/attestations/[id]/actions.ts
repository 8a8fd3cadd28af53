"use server";
import { getDb } from "@/db/client";
import { saveAnswer, setEvidenceLinks } from "@/lib/attestations/answers";
import { defineAction } from "@/lib/server/action";
import { evidenceLinksSchema, saveAnswerSchema } from "@/lib/validations/vendor";

// Autosave: no revalidation, the editor keeps its own state; the version guards against overwrites.
export const saveAnswerAction = defineAction("vendor.workspace", saveAnswerSchema, async (input, actor) => saveAnswer(await getDb(), actor, input));

export const setEvidenceLinksAction = defineAction("vendor.workspace", evidenceLinksSchema, async (input, actor) => setEvidenceLinks(await getDb(), actor, input));
