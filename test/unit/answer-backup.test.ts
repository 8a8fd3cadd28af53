import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changedFields, clearBackup, readBackup, writeBackup } from "@/app/(portal)/vendor/attestations/[id]/answer-backup";

const EMPTY = { status: null, narrative: "", maturity: null, justification: "", targetDate: null, plan: "" };

/** A Map-backed stand-in for window.localStorage (Vitest runs these in Node). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

describe("answer backups in localStorage", () => {
  let store: Storage;
  beforeEach(() => {
    store = memoryStorage();
    (globalThis as { window?: unknown }).window = { localStorage: store };
  });
  afterEach(() => delete (globalThis as { window?: unknown }).window);

  it("keeps one backup per control, keyed by the version the edit started from", async () => {
    writeBackup("a1", "c1", 2, { ...EMPTY, narrative: "first" });
    writeBackup("a1", "c1", 3, { ...EMPTY, narrative: "second" });
    writeBackup("a1", "c2", 1, { ...EMPTY, narrative: "other control" });
    expect(store.length).toBe(2);
    expect(await readBackup("a1", "c1")).toMatchObject({ version: 3, fields: { narrative: "second" } });
    clearBackup("a1", "c1");
    expect(await readBackup("a1", "c1")).toBeNull();
    expect(await readBackup("a1", "c2")).toMatchObject({ version: 1 });
  });

  it("drops unreadable entries instead of offering them", async () => {
    store.setItem("ringfence:answer-backup:a1:c1:4", "{not json");
    store.setItem("ringfence:answer-backup:a1:c1:5", JSON.stringify({ fields: { narrative: 7 }, at: new Date().toISOString() }));
    expect(await readBackup("a1", "c1")).toBeNull();
    expect(store.length).toBe(0);
  });

  it("offers nothing that this tab wrote while the check was loading", async () => {
    writeBackup("a1", "c1", 2, { ...EMPTY, narrative: "left by a closed tab" });
    const reading = readBackup("a1", "c1");
    writeBackup("a1", "c1", 2, { ...EMPTY, narrative: "typed in this tab" });
    expect(await reading).toBeNull();
    expect(await readBackup("a1", "c1")).toMatchObject({ fields: { narrative: "typed in this tab" } });
  });

  it("names the fields that differ", () => {
    expect(changedFields(EMPTY, EMPTY)).toEqual([]);
    expect(changedFields({ ...EMPTY, narrative: "x", maturity: 2 }, EMPTY)).toEqual(["narrative", "maturity"]);
  });
});
