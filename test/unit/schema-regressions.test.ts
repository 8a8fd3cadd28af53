import { describe, expect, it } from "vitest";
import { controlIdSchema } from "@/lib/catalog/schema";
import { findingDispositionSchema, requestChangesSchema, saveScoreSchema, signDecisionSchema } from "@/lib/validations/review";
import { saveAnswerSchema, searchEvidenceSchema, uploadMetaSchema, urlEvidenceSchema, vaultFilterSchema } from "@/lib/validations/vendor";

/** Inputs the schema property tests (schema-properties.test.ts) found accepted against the schemas' own rules. */
describe("schema regressions", () => {
  const id = "6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f";

  it("new URL evidence and uploads refuse a validity end before the evidence date, like an edit does", () => {
    const dates = { evidenceDate: "2026-03-02", validUntil: "2026-03-01" };
    const url = urlEvidenceSchema.safeParse({ title: "Report", kind: "url", url: "https://example.org/r", ...dates });
    const upload = uploadMetaSchema.safeParse({ title: "Report", kind: "document", fileName: "r.pdf", ...dates });
    for (const r of [url, upload]) expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["validUntil"]);
    expect(
      uploadMetaSchema.safeParse({ title: "Report", kind: "document", fileName: "r.pdf", evidenceDate: "2026-03-01", validUntil: "2026-03-01" }).success,
    ).toBe(true);
  });

  it("minimum lengths count characters, not UTF-16 units (five astral characters are not ten)", () => {
    expect(requestChangesSchema.safeParse({ attestationId: id, message: "𐀀𐀀𐀀𐀀𐀀" }).success).toBe(false);
    expect(requestChangesSchema.safeParse({ attestationId: id, message: "𐀀".repeat(10) }).success).toBe(true);
    expect(signDecisionSchema.safeParse({ attestationId: id, summary: "😀".repeat(10), remediation: [] }).success).toBe(false);
  });

  it("versions stay below the PostgreSQL integer limit, so the next version fits", () => {
    const answer = { attestationId: id, controlId: id, status: null, narrative: "", maturity: null, justification: "", targetDate: null, plan: "" };
    expect(saveAnswerSchema.safeParse({ ...answer, version: 2_147_483_646 }).success).toBe(true);
    expect(saveAnswerSchema.safeParse({ ...answer, version: 2_147_483_647 }).success).toBe(false);
    expect(saveScoreSchema.safeParse({ attestationId: id, controlId: id, score: 2, rationale: "", version: 2 ** 31 }).success).toBe(false);
  });

  it("control ids are at most 100 characters (the editor's references are)", () => {
    expect(controlIdSchema.safeParse(`A${"B".repeat(99)}`).success).toBe(true);
    expect(controlIdSchema.safeParse(`A${"B".repeat(100)}`).success).toBe(false);
  });

  it("finding keys are storable text", () => {
    const base = { attestationId: id, rolloutRecordId: id, note: "Addressed by the new gate." };
    expect(findingDispositionSchema.safeParse({ ...base, findingKey: "exposure_before_gate#0" }).success).toBe(true);
    for (const key of ["a\u0000b", "\uD800", "a\u001bb"]) expect(findingDispositionSchema.safeParse({ ...base, findingKey: key }).success).toBe(false);
  });

  it("search text drops C1 control characters too", () => {
    expect(searchEvidenceSchema.parse({ q: "a\u0085b\u009bc" }).q).toBe("a b c");
    expect(vaultFilterSchema.parse({ q: "x\u0080y" }).q).toBe("x y");
  });

  it("the audit filter refuses object ids PostgreSQL cannot compare and days it cannot hold", async () => {
    const { auditFilterSchema } = await import("@/lib/validations/audit");
    for (const bad of [{ objectId: "a\u0000b" }, { objectId: "\uD800" }, { from: "0000-01-01" }, { to: "2025-02-30" }])
      expect(auditFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(auditFilterSchema.parse({ objectId: " 6f1c2d4e ", from: "2025-01-01" })).toMatchObject({ objectId: "6f1c2d4e", from: "2025-01-01" });
  });
});
