import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { appendEvent } from "@/lib/transparency/log";
import { loadObjectHistory } from "@/lib/transparency/history";
import { openTestDb } from "./test-db";
import { makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
const evidenceId = crypto.randomUUID();
const otherId = crypto.randomUUID();

beforeAll(async () => {
  t = await openTestDb();
  for (const [id, action] of [
    [evidenceId, "evidence.created"],
    [otherId, "evidence.created"],
    [evidenceId, "evidence.version_added"],
  ] as const) {
    await t.db.transaction((tx) =>
      appendEvent(tx, {
        actor: { userId: null, organisationId: null, role: null },
        clientAddress: "192.0.2.9",
        action,
        target: { type: "evidence", id },
        details: { note: "kept for auditors" },
      }),
    );
  }
}, 120_000);
afterAll(async () => t?.dispose());

describe(`loadObjectHistory (${process.env.TEST_DB_DRIVER})`, () => {
  it("gives one object's events oldest first, with client address and details only for readers of the audit log", async () => {
    const auditor = await loadObjectHistory(t.db, { role: "gov_auditor" }, "evidence", evidenceId);
    expect(auditor.full).toBe(true);
    expect(auditor.events.map((e) => e.action)).toEqual(["evidence.created", "evidence.version_added"]);
    expect(auditor.events.every((e) => e.clientAddress === "192.0.2.9" && e.details.note === "kept for auditors")).toBe(true);

    for (const role of ["vendor_officer", "vendor_contributor", "platform_reviewer", "gov_observer"] as const) {
      const view = await loadObjectHistory(t.db, { role }, "evidence", evidenceId);
      expect(view.full, role).toBe(false);
      expect(view.events.map((e) => e.action)).toEqual(["evidence.created", "evidence.version_added"]);
      expect(
        view.events.every((e) => e.clientAddress === null && Object.keys(e.details).length === 0),
        role,
      ).toBe(true);
    }
  });
});
