import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attestations, catalogControls } from "@/db/schema";
import { smallFramework } from "@/lib/catalog/fixtures/small-framework";
import { importFramework } from "@/lib/catalog/import-export";
import { saveAnswer } from "@/lib/attestations/answers";
import { listEvents } from "@/lib/transparency/queries";
import { INT4_MAX } from "@/lib/validations/common";
import { saveAnswerSchema } from "@/lib/validations/vendor";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";

/**
 * Regressions found by the schema property tests (test/unit/schema-properties.test.ts):
 * values the schemas accepted but PostgreSQL cannot store or compare, which surfaced as
 * unexpected database errors instead of located validation problems.
 */

makeTempDataDir();
const system = { userId: null, organisationId: null };
let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
});
afterAll(async () => t.dispose());

/** Incompressible text (PostgreSQL compresses index entries, so a repeated letter would fit). */
function noise(length: number, alphabet: string): string {
  let x = 12345;
  return Array.from({ length }, () => alphabet[(x = (x * 1103515245 + 12345) % 2 ** 31) % alphabet.length]).join("");
}

function frameworkWith(change: (doc: typeof smallFramework) => void): string {
  const doc = structuredClone(smallFramework);
  change(doc);
  return JSON.stringify(doc);
}

describe(`input limits (${process.env.TEST_DB_DRIVER})`, () => {
  it.each([
    [
      "a 3,000-character control id",
      (d: typeof smallFramework) => void (d.domains[0]!.controls[0]!.id = `A${noise(2999, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`),
      /controls\[0\]\.id: Use at most 100 characters\./,
    ],
    [
      "a 3,000-character slug",
      (d: typeof smallFramework) => void (d.slug = noise(3000, "abcdefghijklmnopqrstuvwxyz0123456789")),
      /slug: Use at most 100 characters\./,
    ],
    ["a 3,000-character version", (d: typeof smallFramework) => void (d.version = `1.${noise(2998, "0123456789")}`), /version: Use at most 30 characters\./],
  ])("a framework with %s is refused with a located problem, not a database error", async (_what, change, message) => {
    const r = await importFramework(t.db, system, frameworkWith(change));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("invalid");
    expect(r.fieldErrors?.document?.join("\n")).toMatch(message);
  });

  it("the audit filter's last day may be 9999-12-31 (its next day was sent to PostgreSQL as year 10000: a 500 from /api/audit/events)", async () => {
    const all = await listEvents(t.db, { to: "9999-12-31" }, { limit: 5 });
    expect(all.rows.length).toBe(5);
    expect((await listEvents(t.db, { to: "2000-01-01" }, { limit: 5 })).rows).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listEvents(t.db, { from: today, to: today }, { limit: 5 })).rows.length).toBeGreaterThan(0);
  });

  it("an answer's version beyond a PostgreSQL integer is refused by the schema; the largest accepted one is answered as stale", async () => {
    const officer = await actorFor(t.db, "officer@aegis.example");
    const drafts = await t.db
      .select({ id: attestations.id, controlId: catalogControls.id })
      .from(attestations)
      .innerJoin(catalogControls, eq(catalogControls.versionId, attestations.frameworkVersionId))
      .where(and(eq(attestations.organisationId, officer.organisationId!), eq(attestations.status, "draft")));
    const blank = { status: null, narrative: "", maturity: null, justification: "", targetDate: null, plan: "" };
    let draft: (typeof drafts)[number] | undefined;
    for (const d of drafts) {
      const first = await saveAnswer(t.db, officer, { ...blank, attestationId: d.id, controlId: d.controlId, version: 0 });
      if (first.ok) {
        draft = d;
        break;
      }
    }
    const base = { ...blank, attestationId: draft!.id, controlId: draft!.controlId };
    expect(saveAnswerSchema.safeParse({ ...base, version: INT4_MAX }).success).toBe(false);
    // Before the limit, INT4_MAX reached `set version = $1 + 1` and 2^31 `where version = $1`: PostgreSQL's "out of range", an unexpected error.
    const r = await saveAnswer(t.db, officer, saveAnswerSchema.parse({ ...base, version: INT4_MAX - 1 }));
    expect(r.ok && r.data.outcome).toBe("stale");
  });
});
