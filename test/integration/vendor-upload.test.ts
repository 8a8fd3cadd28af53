import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { blobs, evidenceItems } from "@/db/schema";
import { saveAnswer, setEvidenceLinks, startAttestation } from "@/lib/attestations/answers";
import { loadWorkspace } from "@/lib/attestations/queries";
import { submitAttestation } from "@/lib/attestations/submit";
import { verifySubmission } from "@/lib/attestations/verify";
import { handleEvidenceUpload } from "@/lib/evidence/upload";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import type { Actor } from "@/lib/auth/session";
import { buildZip } from "../helpers/zip-builder";
import { openTestDb } from "./test-db";
import { actorFor, ANSWERED, baselineVersionId, productNamed, makeTempDataDir } from "./vendor-fixtures";

const dataDir = makeTempDataDir();
const store = new FsBlobStore(path.join(dataDir, "blobs"));
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor, bastion: Actor;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  officer = await actorFor(t.db, "officer@aegis.example");
  bastion = await actorFor(t.db, "officer@bastion.example");
});
afterAll(async () => t.dispose());

const PDF = new TextEncoder().encode("%PDF-1.7\n% a tiny test document\n1 0 obj << >> endobj\n%%EOF\n");

/** A real Request whose body is a stream, as a route handler receives it. */
function uploadRequest(body: ReadableStream<Uint8Array>, fileName: string, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({ title: `Evidence ${fileName}`, kind: "document", fileName, ...extra });
  return new Request(`http://localhost/api/evidence/upload?${q}`, { method: "POST", body, duplex: "half" } as RequestInit);
}
function streamOf(...chunks: Uint8Array[]) {
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}
const upload = (req: Request, maxBytes = 10 * 1024 * 1024, actor = officer) => handleEvidenceUpload(req, actor, { db: t.db, store, maxBytes });
const countRows = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(evidenceItems))[0]!.n;
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

describe(`evidence upload (${process.env.TEST_DB_DRIVER})`, () => {
  it("stores a PDF once and offers the existing item for the same content", async () => {
    const res = await upload(uploadRequest(streamOf(PDF), "report.pdf"));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ existing: false, mime: "application/pdf", size: PDF.length });
    expect(await store.exists(body.sha256)).toBe(true);
    const again = await upload(uploadRequest(streamOf(PDF), "copy.pdf"));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(expect.objectContaining({ existing: true, id: body.id }));
    // Another vendor uploading the same bytes gets its own item; the content is still stored once.
    const other = await upload(uploadRequest(streamOf(PDF), "theirs.pdf"), undefined, bastion);
    expect(other.status).toBe(201);
    expect((await t.db.select().from(blobs).where(eq(blobs.sha256, body.sha256))).length).toBe(1);
  });

  it("cuts an over-limit upload off while streaming, with a clear problem body", async () => {
    const before = await countRows();
    let pulled = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024 - 1) + "\n");
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += chunk.length;
        if (pulled > 100 * 1024 * 1024) c.close();
        else c.enqueue(chunk);
      },
    });
    const res = await upload(uploadRequest(body, "big.log"), 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 413, title: "File too large" });
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
    expect(await countRows()).toBe(before);
    expect(filesUnder(path.join(dataDir, "blobs", "tmp"))).toEqual([]);
  });

  it("refuses a renamed ELF or PE executable and an HTML file", async () => {
    const elf = await upload(uploadRequest(streamOf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0])), "manual.pdf"));
    expect(elf.status).toBe(415);
    expect((await elf.json()).detail).toMatch(/executables are not accepted/);
    const pe = await upload(uploadRequest(streamOf(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])), "report.docx"));
    expect(pe.status).toBe(415);
    const html = await upload(uploadRequest(streamOf(new TextEncoder().encode("<!DOCTYPE html><html><script>alert(1)</script></html>")), "notes.txt"));
    expect(html.status).toBe(415);
    expect((await html.json()).detail).toMatch(/HTML/);
  });

  it("refuses a ZIP bomb", async () => {
    const bomb = buildZip([{ name: "zeros.txt", data: new Uint8Array(30 * 1024 * 1024), method: "deflate" }]);
    const res = await upload(uploadRequest(streamOf(bomb), "logs.zip"));
    expect(res.status).toBe(422);
    expect((await res.json()).title).toBe("Archive refused");
    const lying = buildZip([{ name: "a.txt", data: new Uint8Array(10), declaredSize: 3 * 1024 * 1024 * 1024 }], { zip64: true });
    expect((await upload(uploadRequest(streamOf(lying), "lying.zip"))).status).toBe(422);
  });

  it("refuses a name whose extension does not fit the content, and names one that has none", async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const html = await upload(uploadRequest(streamOf(enc("%PDF-1.7\n% statement\n")), "statement.html"));
    expect(html.status).toBe(415);
    expect(await html.json()).toMatchObject({
      title: "File name does not match its content",
      detail: "This file is a PDF document, but its name ends in .html. Rename it to end in .pdf and upload it again.",
    });
    expect((await upload(uploadRequest(streamOf(enc("%PDF-1.7\n% double\n")), "report.pdf.exe"))).status).toBe(415);
    const bare = await upload(uploadRequest(streamOf(enc("%PDF-1.7\n% no extension\n")), "statement"));
    expect(bare.status).toBe(201);
    const [row] = await t.db
      .select({ fileName: evidenceItems.fileName })
      .from(evidenceItems)
      .where(eq(evidenceItems.id, (await bare.json()).id));
    expect(row!.fileName).toBe("statement.pdf");
    const plainZip = buildZip([{ name: "a.txt", data: enc("hello") }]);
    const fakeDocx = await upload(uploadRequest(streamOf(plainZip), "report.docx"));
    expect(fakeDocx.status).toBe(415);
    expect((await fakeDocx.json()).detail).toMatch(/ZIP archive, but its name ends in \.docx/);
    const docx = buildZip([
      { name: "[Content_Types].xml", data: enc("<Types/>") },
      { name: "word/document.xml", data: enc("<w:document/>") },
    ]);
    const ok = await upload(uploadRequest(streamOf(docx), "Report.DOCX"));
    expect(ok.status).toBe(201);
    expect((await ok.json()).mime).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("refuses a nested zip bomb quickly, leaving nothing behind", async () => {
    let layer = buildZip([{ name: "zeros.bin", data: new Uint8Array(8 * 1024 * 1024), method: "deflate" }]);
    for (let l = 0; l < 2; l++) layer = buildZip(Array.from({ length: 16 }, (_, i) => ({ name: `${l}-${i}.zip`, data: layer, method: "deflate" as const })));
    const before = await countRows();
    const started = Date.now();
    const res = await upload(uploadRequest(streamOf(layer), "bundle.zip"));
    expect(res.status).toBe(422);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await countRows()).toBe(before);
    expect(filesUnder(path.join(dataDir, "blobs", "tmp"))).toEqual([]);
  });

  it("leaves neither a row nor a file when the stream fails midway", async () => {
    const before = await countRows();
    const objectsBefore = filesUnder(path.join(dataDir, "blobs", "objects")).length;
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (++n > 5) c.error(new Error("connection reset"));
        else c.enqueue(new TextEncoder().encode(`line ${n} of a log that never finishes\n`));
      },
    });
    const res = await upload(uploadRequest(body, "dropped.log"));
    expect(res.status).toBe(400);
    expect(await countRows()).toBe(before);
    expect(filesUnder(path.join(dataDir, "blobs", "objects")).length).toBe(objectsBefore);
    expect(filesUnder(path.join(dataDir, "blobs", "tmp"))).toEqual([]);
  });

  it("reports a tampered evidence file by name on verification", async () => {
    const text = new TextEncoder().encode("Rollout log for the tamper test\nring 1 ok\n");
    const res = await upload(uploadRequest(streamOf(text), "rollout-log.txt"));
    const { id, sha256 } = await res.json();
    const productId = await productNamed(t.db, officer.organisationId, "Aegis Cloud Console");
    const started = await startAttestation(t.db, officer, {
      productId,
      frameworkVersionId: await baselineVersionId(t.db),
      kind: "new",
      periodStart: "2026-01-01",
      periodEnd: "2026-03-31",
    });
    const attestationId = started.ok ? started.data.id : "";
    const ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    for (const c of ws.controls) {
      await saveAnswer(t.db, officer, { attestationId, controlId: c.id, version: 0, ...ANSWERED });
      if (c.must) await setEvidenceLinks(t.db, officer, { attestationId, controlId: c.id, evidenceIds: [id] });
    }
    const submitted = await submitAttestation(t.db, officer, { attestationId, signerName: "Olivia Officer", signerTitle: "CISO", confirm: true });
    expect(submitted.ok).toBe(true);
    expect((await verifySubmission(t.db, officer.organisationId, attestationId, store))!.matches).toBe(true);
    const file = path.join(dataDir, "blobs", "objects", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, "Rollout log for the tamper test\nring 1 FAILED\n");
    const v = (await verifySubmission(t.db, officer.organisationId, attestationId, store))!;
    expect(v.matches).toBe(false);
    expect(v.snapshotMatches).toBe(true);
    expect(v.problems).toEqual([`evidence file rollout-log.txt (sha256 ${sha256}) no longer matches: its stored content has changed`]);
  });
});
