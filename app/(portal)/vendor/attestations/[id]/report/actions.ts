"use server";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/server/action";
import { saveReportPreparation } from "@/lib/reports/publish";
import { reportPreparationSchema } from "@/lib/validations/review";

export const saveReportPreparationAction = defineAction("vendor.submit", reportPreparationSchema, async (input, actor) =>
  saveReportPreparation(await getDb(), actor, input),
);
