import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { attestations, attestationSubmissions, publishedReports } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { resetLeafCache, signCheckpoint } from "@/lib/transparency/log";
import { logVerifierKey, setLogSignerForProcess } from "@/lib/transparency/keys";
import { generateSignerKey, parseSignerKey, verifierKey } from "@/lib/transparency/note";
import { verifyReceipt, type Receipt } from "@/lib/transparency/receipt";
import { buildReceipt } from "@/lib/transparency/receipts";
import { verifyLog } from "@/lib/transparency/verify";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
const signer = parseSignerKey(generateSignerKey("test.ringfence.example/log"));
const who = new Map<string, Actor>();

beforeAll(async () => {
  t = await openTestDb();
  resetLeafCache();
  setLogSignerForProcess(signer);
  await seedDemo(t.db);
  for (const e of [
    "officer@aegis.example",
    "officer@bastion.example",
    "officer@cobalt.example",
    "reviewer@contoso.example",
    "observer@ncra.example",
    "admin@ringfence.example",
  ])
    who.set(e, await actorFor(t.db, e));
}, 240_000);

afterAll(async () => {
  setLogSignerForProcess(undefined);
  resetLeafCache();
  await t?.dispose();
});

/** The vendor officer of the organisation that owns an attestation. */
async function ownerOf(attestationId: string): Promise<Actor> {
  const [a] = await t.db.select({ org: attestations.organisationId }).from(attestations).where(eq(attestations.id, attestationId));
  const officer = [...who.values()].find((x) => x.role === "vendor_officer" && x.organisationId === a!.org);
  if (!officer) throw new Error(`no officer for ${attestationId}`);
  return officer;
}

const flipHex = (s: string, at: number) => s.slice(0, at) + (s[at] === "0" ? "1" : "0") + s.slice(at + 1);

describe("receipts", () => {
  it("verify offline for every demo submission and report; one changed byte of the digest or the proof fails", async () => {
    // Half the receipts are issued against a checkpoint signed now, the rest force a new one on demand.
    await signCheckpoint(t.db);
    const subs = await t.db.selectDistinct({ id: attestationSubmissions.attestationId }).from(attestationSubmissions);
    const reports = await t.db.select({ id: publishedReports.id, attestationId: publishedReports.attestationId }).from(publishedReports);
    expect(subs.length).toBeGreaterThanOrEqual(5);
    expect(reports.length).toBeGreaterThanOrEqual(5);
    const all: Receipt[] = [];
    for (const s of subs) all.push((await buildReceipt(t.db, await ownerOf(s.id), "submission", s.id))!);
    for (const r of reports) all.push((await buildReceipt(t.db, await ownerOf(r.attestationId), "report", r.id))!);
    const key = verifierKey(signer);
    for (const receipt of all) {
      expect(receipt, "every submission and report has a receipt").toBeTruthy();
      const good = verifyReceipt(JSON.parse(JSON.stringify(receipt)), key);
      expect(good.ok, JSON.stringify(good.checks)).toBe(true);

      const digest = structuredClone(receipt);
      digest.subject.digest = flipHex(digest.subject.digest, 7);
      expect(verifyReceipt(digest, key).ok).toBe(false);

      if (receipt.inclusionProof.length) {
        for (let k = 0; k < receipt.inclusionProof.length; k++) {
          const proof = structuredClone(receipt);
          proof.inclusionProof[k] = flipHex(proof.inclusionProof[k]!, 11);
          expect(verifyReceipt(proof, key).ok).toBe(false);
        }
      }
      const body = structuredClone(receipt);
      body.event.body = body.event.body.replace(receipt.subject.digest, flipHex(receipt.subject.digest, 3));
      body.subject.digest = flipHex(receipt.subject.digest, 3);
      expect(verifyReceipt(body, key).ok, "a rewritten event no longer hashes into the signed tree").toBe(false);

      const cp = structuredClone(receipt);
      cp.checkpoint = cp.checkpoint.replace(/\n(\d+)\n/, (_, n: string) => `\n${Number(n) + 1}\n`);
      expect(verifyReceipt(cp, key).ok).toBe(false);
      // A receipt whose own key was swapped for another fails against the published key.
      const other = parseSignerKey(generateSignerKey(signer.name));
      expect(verifyReceipt({ ...receipt, logKey: verifierKey(other) }, key).ok).toBe(true);
      expect(verifyReceipt(receipt, verifierKey(other)).ok).toBe(false);
    }
    expect(logVerifierKey()).toBe(key);
    expect((await verifyLog(t.db, signer)).ok).toBe(true);
  }, 120_000);

  it("with the documented command, offline", async () => {
    const [s] = await t.db.select({ id: attestationSubmissions.attestationId }).from(attestationSubmissions).limit(1);
    const receipt = (await buildReceipt(t.db, await ownerOf(s!.id), "submission", s!.id))!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "receipt-"));
    const file = path.join(dir, "receipt.json");
    fs.writeFileSync(file, JSON.stringify(receipt));
    const run = (args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync("npx", ["tsx", "scripts/verify-receipt.ts", ...args], {
            encoding: "utf8",
            env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } as unknown as NodeJS.ProcessEnv,
          }),
        };
      } catch (err) {
        const e = err as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const ok = run([file, "--key", verifierKey(signer)]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/the receipt verifies/);
    fs.writeFileSync(file, JSON.stringify({ ...receipt, subject: { ...receipt.subject, digest: flipHex(receipt.subject.digest, 0) } }));
    const bad = run([file, "--key", verifierKey(signer)]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/does NOT verify/);
  }, 60_000);

  it("is refused to other vendors, observers and administrators", async () => {
    const [s] = await t.db.select({ id: attestationSubmissions.attestationId }).from(attestationSubmissions).limit(1);
    const owner = await ownerOf(s!.id);
    for (const x of who.values()) {
      if (x.organisationId === owner.organisationId) continue;
      if (x.role === "platform_reviewer") continue;
      expect(await buildReceipt(t.db, x, "submission", s!.id), x.role).toBeNull();
    }
    expect(await buildReceipt(t.db, owner, "submission", "not-a-uuid")).toBeNull();
    expect(await buildReceipt(t.db, owner, "report", crypto.randomUUID())).toBeNull();
  });
});
