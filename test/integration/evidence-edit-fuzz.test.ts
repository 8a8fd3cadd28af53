import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteEvidence, setEvidenceRetired, updateEvidence } from "@/lib/evidence/lifecycle";
import { getEvidence, listEvidence, searchEvidence } from "@/lib/evidence/queries";
import { handleEvidenceUpload } from "@/lib/evidence/upload";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import type { Actor } from "@/lib/auth/session";
import { deleteEvidenceSchema, retireEvidenceSchema, searchEvidenceSchema, updateEvidenceSchema, vaultFilterSchema } from "@/lib/validations/vendor";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";

const dataDir = makeTempDataDir();
const store = new FsBlobStore(path.join(dataDir, "blobs"));
const seed = Number(process.env.FC_SEED ?? Date.now());
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor;
let fileId: string;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  officer = await actorFor(t.db, "officer@aegis.example");
  const q = new URLSearchParams({ title: "Fuzzed item", kind: "document", fileName: "fuzz.pdf" });
  const body = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new TextEncoder().encode("%PDF-1.7\n% fuzz\n%%EOF\n")), c.close()) });
  const res = await handleEvidenceUpload(
    new Request(`http://localhost/api/evidence/upload?${q}`, { method: "POST", body, duplex: "half" } as RequestInit),
    officer,
    { db: t.db, store, maxBytes: 1 << 20 },
  );
  fileId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => t.dispose());

// Strings people (and attackers) type: NUL, lone surrogates, controls, bidi overrides, very long text, wildcards.
const hostileChar = fc.constantFrom("\u0000", "\ud800", "\udfff", "\u001b", "\u202e", "\u2066", "\n", "\t", "%", "_", "\\", "'", "é", "😀", "a", " ");
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(hostileChar, { maxLength: 30 }).map((a) => a.join("")),
  fc.string({ minLength: 150, maxLength: 2500 }),
);
const dateLike = fc.oneof(
  fc.constant(""),
  fc.constant(null),
  fc.constantFrom("2026-13-45", "2026-02-30", "0000-01-01", "2026-1-1", "20260101", "2026-02-28", "2024-02-29", "9999-12-31"),
  fc.date({ noInvalidDate: true, min: new Date("0100-01-01"), max: new Date("9999-12-31") }).map((d) => d.toISOString().slice(0, 10)),
  hostileText,
);
const anything = fc.oneof(hostileText, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.string(), { maxLength: 2 }));

describe(`evidence forms under fuzz (${process.env.TEST_DB_DRIVER}); fast-check seed ${seed}`, () => {
  it("editing details: never a server error, and what is stored is what validation accepted", async () => {
    console.log("evidence edit fuzz: fast-check seed", seed);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: fc.oneof(hostileText, anything),
          description: fc.oneof(hostileText, anything),
          kind: fc.oneof(fc.constantFrom("document", "test_report", "url", "rollout_record", "telemetry_export", "bogus", ""), anything),
          evidenceDate: dateLike,
          validUntil: dateLike,
          classification: fc.oneof(fc.constantFrom("reviewers_only", "publishable", "public"), anything),
        }),
        async (raw) => {
          const parsed = updateEvidenceSchema.safeParse({ ...raw, evidenceId: fileId });
          if (!parsed.success) return;
          const r = await updateEvidence(t.db, officer, parsed.data);
          if (!r.ok) {
            expect(r.code).toBe("invalid");
            return;
          }
          const stored = (await getEvidence(t.db, officer.organisationId, fileId))!;
          const { evidenceId: _id, ...accepted } = parsed.data;
          expect({
            title: stored.title,
            description: stored.description,
            kind: stored.kind,
            evidenceDate: stored.evidenceDate,
            validUntil: stored.validUntil,
            classification: stored.classification,
          }).toEqual(accepted);
          expect(updateEvidenceSchema.safeParse({ ...accepted, evidenceId: fileId }).success).toBe(true);
        },
      ),
      { numRuns: 1000, seed },
    );
  }, 240_000);

  it("vault filters, picker search, retire and delete: never a server error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          q: anything,
          kind: anything,
          status: anything,
          expiry: anything,
          classification: anything,
          page: fc.oneof(anything, fc.integer({ min: -5, max: 10 ** 9 })),
          evidenceId: fc.oneof(fc.uuid(), hostileText, fc.constant(fileId)),
          retired: anything,
          confirm: anything,
        }),
        async (raw) => {
          const filter = vaultFilterSchema.parse(raw);
          await listEvidence(t.db, officer.organisationId, filter, "2026-12-02");
          const search = searchEvidenceSchema.safeParse(raw);
          if (search.success) await searchEvidence(t.db, officer.organisationId, search.data);
          const retire = retireEvidenceSchema.safeParse(raw);
          if (retire.success) {
            const r = await setEvidenceRetired(t.db, officer, retire.data);
            expect(r.ok || r.code === "not_found").toBe(true);
          }
          const del = deleteEvidenceSchema.safeParse({ ...raw, evidenceId: raw.evidenceId === fileId ? crypto.randomUUID() : raw.evidenceId });
          if (del.success) expect(await deleteEvidence(t.db, officer, del.data)).toMatchObject({ ok: false, code: "not_found" });
        },
      ),
      { numRuns: 1000, seed },
    );
    await setEvidenceRetired(t.db, officer, { evidenceId: fileId, retired: false });
  }, 240_000);
});
