"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/server/action";
import { assignPanel, updatePanel } from "@/lib/review/panels";
import { assignPanelSchema } from "@/lib/validations/review";

export const assignPanelAction = defineAction("admin.reviews", assignPanelSchema, async (input, actor) => assignPanel(await getDb(), actor, input));

export const updatePanelAction = defineAction(
  "admin.reviews",
  z.object({ attestationId: z.string().uuid(), addMemberIds: z.array(z.string().uuid()).max(12), leadUserId: z.string().uuid().nullable() }),
  async (input, actor) => updatePanel(await getDb(), actor, input),
);
