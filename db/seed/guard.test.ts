import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { isLocalDatabaseUrl } from "./guard";

describe("demo seed guard", () => {
  it("lets local databases through and stops remote ones", () => {
    expect(isLocalDatabaseUrl("postgres://postgres@127.0.0.1:5432/x")).toBe(true);
    expect(isLocalDatabaseUrl("postgres://u@localhost/x")).toBe(true);
    expect(isLocalDatabaseUrl("postgresql://u@[::1]:5432/x")).toBe(true);
    expect(isLocalDatabaseUrl("postgres://u@db.example.com/prod")).toBe(false);
    expect(isLocalDatabaseUrl("postgres://u@10.0.0.5/prod")).toBe(false);
    expect(isLocalDatabaseUrl("not a url")).toBe(false);
  });

  it("npm run db:seed refuses a non-local DATABASE_URL without --force and touches nothing", () => {
    const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db-seed.ts"], {
      env: { ...process.env, DATABASE_URL: "postgres://u@db.example.invalid:5432/prod", AUTH_SECRET: "x".repeat(40) },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Refusing to seed demo data into a non-local database");
  });
});
