import { describe, expect, it } from "vitest";
import { ACTIONS, TRANSITIONS } from "@/lib/review/transitions";
import { actionLabel, AUDIT_ACTION_LABELS } from "./action-labels";

describe("audit action labels", () => {
  it("are plain words: capitalised, no codes, no duplicates", () => {
    const labels = Object.values(AUDIT_ACTION_LABELS);
    for (const l of labels) expect(l).toMatch(/^[A-Z][^_]*[^.]$/);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("show the code of an action an older portal recorded", () => {
    expect(actionLabel("attestation.started")).toBe("Attestation started");
    expect(actionLabel("something.old")).toBe("something.old");
  });

  it("cover every state change that logs under its own name", () => {
    // moveTo logs `attestation.<action>`; submitting and withdrawing log under names of their own.
    const named = new Set(["submit", "resubmit", "withdraw"]);
    const moving = ACTIONS.filter((a) => TRANSITIONS[a].to !== null && !named.has(a));
    expect(moving.length).toBeGreaterThan(3);
    for (const a of moving) expect(AUDIT_ACTION_LABELS).toHaveProperty([`attestation.${a}`]);
  });
});
