import "server-only";
import { getDb } from "@/db/client";
import { roleRequiresFactor, stepUpDue } from "./factors";
import type { Actor } from "./actor";

export const STEP_UP_MESSAGE = "For this step, confirm it is you with your second factor.";

/**
 * Whether the caller must give a second factor again before a sensitive action
 * (signing a submission, signing or co-signing a decision, creating an API token,
 * changing their own factors): their factor was given more than 15 minutes ago, or
 * never in this session while they have one or their role requires one.
 */
export async function stepUpRequired(state: { factorAt: Date | null; enrolled: boolean; actor: Pick<Actor, "role"> }): Promise<boolean> {
  if (!stepUpDue(state.factorAt)) return false;
  if (state.enrolled) return true;
  return roleRequiresFactor(await getDb(), state.actor.role);
}
