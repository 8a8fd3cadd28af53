import { describe, expect, it } from "vitest";
import { latestRevisions, workspaceSteps, type StepPart, type WorkspaceAttestation } from "./next-steps";

const a = (over: Partial<WorkspaceAttestation>): WorkspaceAttestation => ({
  id: "a1",
  lineageId: "l1",
  revision: 1,
  status: "draft",
  productName: "Aegis Sensor",
  periodStart: "2026-01-01",
  periodEnd: "2026-06-30",
  ...over,
});
const text = (parts: StepPart[]) => parts.map((p) => (typeof p === "string" ? p : `[${p.text}](${p.href})`)).join("");
const steps = (attestations: WorkspaceAttestation[], officer = true) =>
  workspaceSteps({ officer, productCount: 1, attestations, expiredEvidence: 0, activeEvidence: 1 }).map((s) => text(s.parts));

describe("workspace next steps", () => {
  it("offers to continue only drafts", () => {
    const out = steps([a({}), a({ id: "a2", lineageId: "l2", status: "submitted" }), a({ id: "a3", lineageId: "l3", status: "in_review" })]);
    expect(out.filter((s) => s.startsWith("Continue the draft"))).toEqual([
      "Continue the draft for [Aegis Sensor (2026-01-01 to 2026-06-30)](/vendor/attestations/a1), then [check and submit it](/vendor/attestations/a1/submit).",
    ]);
    expect(out).toContain(
      "[Aegis Sensor (2026-01-01 to 2026-06-30)](/vendor/attestations/a2) is submitted and waits for an administrator to assign its review panel. Nothing is needed from you yet.",
    );
    expect(out.some((s) => s.includes("/vendor/attestations/a3") && s.includes("is with its review panel"))).toBe(true);
  });

  it("speaks of the newest revision only", () => {
    const rows = [a({ id: "r1", status: "changes_requested" }), a({ id: "r2", revision: 2, status: "draft" })];
    expect(latestRevisions(rows).map((r) => r.id)).toEqual(["r2"]);
    const out = steps(rows);
    expect(out.some((s) => s.includes("r1"))).toBe(false);
    expect(out.some((s) => s.includes("[Aegis Sensor (2026-01-01 to 2026-06-30), revision 2](/vendor/attestations/r2)"))).toBe(true);
  });

  it("does not offer a contributor the officer's steps", () => {
    const out = steps([a({}), a({ id: "c", lineageId: "l2", status: "changes_requested" })], false);
    expect(out.join(" ")).not.toMatch(/\/submit/);
  });

  it("ends with a link to record rollouts, and says nothing of published or withdrawn ones", () => {
    const out = steps([a({ status: "published" }), a({ id: "w", lineageId: "l2", status: "withdrawn" })]);
    expect(out).toEqual(["[Record how your recent releases were rolled out](/vendor/rollouts/new), so the portal can check the staging by machine."]);
  });
});
