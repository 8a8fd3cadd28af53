import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "rf-config-"));

describe("configuration", () => {
  it("defaults to embedded PGlite and keeps a generated secret in the data folder", () => {
    const dir = tmp();
    const a = parseConfig({ RINGFENCE_DATA_DIR: dir });
    expect(a.database).toEqual({ kind: "pglite", dir: path.join(dir, "pglite") });
    const b = parseConfig({ RINGFENCE_DATA_DIR: dir });
    expect(b.authSecret).toBe(a.authSecret);
    expect(a.authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("requires AUTH_SECRET with DATABASE_URL and names the variable", () => {
    expect(() => parseConfig({ DATABASE_URL: "postgres://localhost/x" })).toThrow(/AUTH_SECRET: required/);
  });

  it("names a malformed variable", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseConfig({ UPLOAD_MAX_BYTES: "lots", RINGFENCE_DATA_DIR: tmp() })).toThrow(/UPLOAD_MAX_BYTES/);
    expect(() => parseConfig({ DATABASE_URL: "postgres://localhost/x", AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32/);
  });
});
