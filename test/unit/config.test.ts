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

  it("sends no email by default and links to localhost", () => {
    expect(parseConfig({ RINGFENCE_DATA_DIR: tmp() }).mail).toEqual({
      smtpUrl: null,
      from: "Ringfence <ringfence@localhost>",
      publicUrl: "http://localhost:3000",
    });
  });

  it("reads SMTP_URL, MAIL_FROM and PUBLIC_URL, and requires MAIL_FROM with SMTP_URL", () => {
    const mail = parseConfig({
      RINGFENCE_DATA_DIR: tmp(),
      SMTP_URL: "smtp://u:p@mail.example.org:587",
      MAIL_FROM: "Ringfence <ringfence@example.org>",
      PUBLIC_URL: "https://ringfence.example.org/",
    }).mail;
    expect(mail).toEqual({ smtpUrl: "smtp://u:p@mail.example.org:587", from: "Ringfence <ringfence@example.org>", publicUrl: "https://ringfence.example.org" });
    expect(() => parseConfig({ RINGFENCE_DATA_DIR: tmp(), SMTP_URL: "smtp://mail.example.org" })).toThrow(/MAIL_FROM: required when SMTP_URL is set/);
  });

  it("names a malformed mail setting without repeating its value", () => {
    const attempt = (env: Record<string, string>) => () => parseConfig({ RINGFENCE_DATA_DIR: tmp(), ...env });
    expect(attempt({ SMTP_URL: "http://user:hunter22@mail.example.org" })).toThrow(/SMTP_URL: must be an smtp:\/\//);
    try {
      attempt({ SMTP_URL: "http://user:hunter22@mail.example.org" })();
    } catch (err) {
      expect(String(err)).not.toContain("hunter22");
    }
    expect(attempt({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
    expect(attempt({ PUBLIC_URL: "https://ringfence.example.org/portal" })).toThrow(/PUBLIC_URL: must be the portal's address without a path/);
    expect(attempt({ PUBLIC_URL: "ftp://ringfence.example.org" })).toThrow(/PUBLIC_URL/);
  });
});
