import fc from "fast-check";
import { promises as fsp } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildZip, type ZipEntryInput } from "@/test/helpers/zip-builder";
import { inspectZip, type ZipLimits } from "./zip-inspect";

let dir: string;
let n = 0;
const enc = (s: string) => new TextEncoder().encode(s);
const limits: ZipLimits = { maxEntries: 100, maxExpandedBytes: 50 * 1024 * 1024 };

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), "ringfence-zip-"));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function write(data: Uint8Array): Promise<string> {
  const p = path.join(dir, `${n++}.zip`);
  await fsp.writeFile(p, data);
  return p;
}

async function inspect(entries: ZipEntryInput[], l: ZipLimits = limits, zip64 = false) {
  return inspectZip(await write(buildZip(entries, { zip64 })), l);
}

describe("inspectZip", () => {
  it("accepts a normal zip with stored and deflated entries", async () => {
    const r = await inspect([
      { name: "readme.txt", data: enc("hello") },
      { name: "logs/deploy.log", data: enc("line\n".repeat(1000)), method: "deflate" },
      { name: "inner/archive.zip", data: buildZip([{ name: "x", data: enc("x") }]) },
    ]);
    // The nested archive is opened: its entry and its bytes count too.
    expect(r).toMatchObject({ ok: true, entries: 4, nestedArchives: 1 });
    expect(r.ok && r.expandedBytes).toBe(5 + 5000 + buildZip([{ name: "x", data: enc("x") }]).length + 1);
    expect(r.ok && r.officeKind).toBeUndefined();
  });

  it("accepts an empty zip", async () => {
    expect(await inspect([])).toEqual({ ok: true, entries: 0, expandedBytes: 0, nestedArchives: 0 });
  });

  it("detects OOXML kinds", async () => {
    const ct = { name: "[Content_Types].xml", data: enc("<Types/>"), method: "deflate" as const };
    const docx = await inspect([ct, { name: "_rels/.rels", data: enc("<r/>") }, { name: "word/document.xml", data: enc("<w/>") }]);
    expect(docx.ok && docx.officeKind).toBe("docx");
    const xlsx = await inspect([ct, { name: "xl/workbook.xml", data: enc("<x/>") }]);
    expect(xlsx.ok && xlsx.officeKind).toBe("xlsx");
    const pptx = await inspect([ct, { name: "ppt/presentation.xml", data: enc("<p/>") }]);
    expect(pptx.ok && pptx.officeKind).toBe("pptx");
    const noCt = await inspect([{ name: "word/document.xml", data: enc("<w/>") }]);
    expect(noCt.ok && noCt.officeKind).toBeUndefined();
  });

  it("detects OpenDocument kinds from the stored mimetype entry", async () => {
    const odt = await inspect([
      { name: "mimetype", data: enc("application/vnd.oasis.opendocument.text") },
      { name: "content.xml", data: enc("<office:document-content/>"), method: "deflate" },
    ]);
    expect(odt.ok && odt.officeKind).toBe("odt");
    const ods = await inspect([{ name: "mimetype", data: enc("application/vnd.oasis.opendocument.spreadsheet") }]);
    expect(ods.ok && ods.officeKind).toBe("ods");
  });

  it("refuses a zip bomb by compression ratio", async () => {
    const zeros = new Uint8Array(10 * 1024 * 1024);
    const r = await inspect([{ name: "zeros.bin", data: zeros, method: "deflate" }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/ratio/);
    // The same archive passes when the ratio limit is lifted (size is within limits).
    const relaxed = await inspect([{ name: "zeros.bin", data: zeros, method: "deflate" }], { ...limits, maxRatio: 10_000 });
    expect(relaxed.ok).toBe(true);
  });

  it("refuses archives whose expanded size is too large, counted while inflating", async () => {
    const r = await inspect([{ name: "big.bin", data: new Uint8Array(6 * 1024 * 1024).fill(7), method: "deflate" }], {
      ...limits,
      maxExpandedBytes: 5 * 1024 * 1024,
      maxRatio: 10_000,
    });
    expect(!r.ok && r.reason).toMatch(/expands to more than/);
    const many = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(600) }));
    const sum = await inspect(many, { ...limits, maxExpandedBytes: 5000 });
    expect(!sum.ok && sum.reason).toMatch(/expands/);
  });

  it("refuses too many entries", async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: enc("x") }));
    const r = await inspect(entries, { ...limits, maxEntries: 10 });
    expect(!r.ok && r.reason).toMatch(/11 entries \(limit 10/);
    expect((await inspect(entries.slice(0, 10), { ...limits, maxEntries: 10 })).ok).toBe(true);
  });

  it("refuses path traversal and absolute paths", async () => {
    for (const name of ["../evil", "a/../../evil", "a\\..\\evil", "/etc/passwd", "\\windows\\x", "C:/x.txt"]) {
      const r = await inspect([{ name, data: enc("x") }]);
      expect(r.ok, name).toBe(false);
    }
    expect((await inspect([{ name: "a/..b/c..", data: enc("x") }])).ok).toBe(true);
  });

  it("refuses encrypted and duplicate entries", async () => {
    const enc1 = [{ name: "secret.txt", data: enc("x"), flags: 0x1, method: "deflate" as const }];
    const r = await inspect(enc1);
    expect(!r.ok && r.reason).toMatch(/encrypted/);
    const dup = await inspect([
      { name: "a", data: enc("1") },
      { name: "a", data: enc("2") },
    ]);
    expect(!dup.ok && dup.reason).toMatch(/duplicate/);
  });

  it("refuses non-zip and truncated files without throwing", async () => {
    const notZip = await inspectZip(await write(enc("just some text, definitely not a zip archive")), limits);
    expect(!notZip.ok && notZip.reason).toMatch(/not a valid ZIP/);
    const full = buildZip([{ name: "a.txt", data: enc("hello world") }]);
    const truncated = await inspectZip(await write(full.subarray(0, full.length - 5)), limits);
    expect(truncated.ok).toBe(false);
    const cutCd = new Uint8Array([...full.subarray(0, 30), ...full.subarray(full.length - 22)]);
    expect((await inspectZip(await write(cutCd), limits)).ok).toBe(false);
  });

  it("reads ZIP64 end records and extra fields", async () => {
    const entries = [
      { name: "[Content_Types].xml", data: enc("<Types/>") },
      { name: "xl/workbook.xml", data: enc("<w/>".repeat(100)), method: "deflate" as const },
    ];
    const r = await inspect(entries, limits, true);
    expect(r).toEqual({ ok: true, entries: 2, expandedBytes: 8 + 400, nestedArchives: 0, officeKind: "xlsx" });
    // A ZIP64 header declaring 5 GiB for 10 stored bytes is a lie: refused, nothing trusted.
    const huge = await inspect([{ name: "big.bin", data: new Uint8Array(10), declaredSize: 5 * 1024 ** 3 }], limits, true);
    expect(huge.ok).toBe(false);
  });

  describe("measured while inflating", () => {
    const zeros = (n: number) => new Uint8Array(n);
    const production = { maxEntries: 10_000, maxExpandedBytes: 2 * 1024 ** 3, maxRatio: 100 };
    /** 42.zip-style: `width` copies of the level below at each of `levels` levels, 8 MiB of zeros at the bottom. */
    function nestedBomb(levels: number, width: number): Uint8Array {
      let layer = buildZip([{ name: "zeros.bin", data: zeros(8 * 1024 * 1024), method: "deflate" }]);
      for (let l = 0; l < levels; l++) {
        layer = buildZip(Array.from({ length: width }, (_, i) => ({ name: `${l}-${i}.zip`, data: layer, method: "deflate" as const })));
      }
      return layer;
    }

    it("refuses a nested zip bomb quickly, whichever limit it meets first", async () => {
      const bomb = nestedBomb(2, 16); // 16 × 16 × 8 MiB = 2 GiB from a few KB
      const file = await write(bomb);
      const started = Date.now();
      const r = await inspectZip(file, production);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/ratio|zip bomb/);
      expect(Date.now() - started).toBeLessThan(2000);
      // Without the ratio limit the expanded-bytes budget stops it, still early.
      const bytes = await inspectZip(file, { ...production, maxRatio: Number.MAX_SAFE_INTEGER, maxExpandedBytes: 64 * 1024 * 1024 });
      expect(!bytes.ok && bytes.reason).toMatch(/expands to more than 67108864 bytes/);
      // One level deeper than allowed is refused before anything inside it is inflated.
      const deep = await inspectZip(await write(nestedBomb(3, 2)), { ...production, maxRatio: Number.MAX_SAFE_INTEGER });
      expect(!deep.ok && deep.reason).toMatch(/nested more than 2 deep/);
    });

    it("refuses an entry whose header understates what it inflates to", async () => {
      const data = new Uint8Array(4 * 1024 * 1024).fill(65);
      const r = await inspect([{ name: "small.txt", data, method: "deflate", declaredSize: 100 }], { ...limits, maxRatio: 10_000 });
      expect(!r.ok && r.reason).toMatch(/different size than its header declares/);
      // Even with the header right, the bytes produced are what is limited.
      const honest = await inspect([{ name: "big.txt", data, method: "deflate" }], { ...limits, maxRatio: 10_000, maxExpandedBytes: 1024 * 1024 });
      expect(!honest.ok && honest.reason).toMatch(/expands to more than/);
    });

    it("refuses archives nested deeper than the limit, detected by content not name", async () => {
      const inner = buildZip([{ name: "x.txt", data: enc("x") }]);
      const level2 = buildZip([{ name: "innocent.pdf", data: inner }]);
      const level3 = buildZip([{ name: "photo.jpg", data: level2 }]);
      expect(await inspect([{ name: "notes.txt", data: level2 }])).toMatchObject({ ok: true, nestedArchives: 2, entries: 3 });
      const r = await inspect([{ name: "notes.txt", data: level3 }]);
      expect(!r.ok && r.reason).toMatch(/nested more than 2 deep/);
      const shallow = await inspect([{ name: "notes.txt", data: level2 }], { ...limits, maxDepth: 1 });
      expect(!shallow.ok && shallow.reason).toMatch(/nested more than 1 deep/);
    });

    it("counts entries across nested archives", async () => {
      const inner = buildZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: enc(`${i}`) })));
      const outer = Array.from({ length: 4 }, (_, i) => ({ name: `part${i}.zip`, data: inner }));
      expect(await inspect(outer, { ...limits, maxEntries: 124 })).toMatchObject({ ok: true, entries: 124, nestedArchives: 4 });
      const r = await inspect(outer, { ...limits, maxEntries: 123 });
      expect(!r.ok && r.reason).toMatch(/entries \(limit 123, nested archives included\)/);
    });

    it("refuses unsafe names and encryption inside nested archives too", async () => {
      const evil = buildZip([{ name: "../../evil.sh", data: enc("x") }]);
      const r = await inspect([{ name: "a.zip", data: evil }]);
      expect(!r.ok && r.reason).toMatch(/unsafe|escapes/);
      const locked = buildZip([{ name: "s.txt", data: enc("x"), flags: 0x1, method: "deflate" }]);
      const e = await inspect([{ name: "b.zip", data: locked }]);
      expect(!e.ok && e.reason).toMatch(/encrypted/);
    });

    it("refuses a nested archive larger than the per-archive memory cap", async () => {
      const inner = buildZip([{ name: "data.bin", data: new Uint8Array(300_000).map((_, i) => (i * 7919) % 251) }]);
      const r = await inspect([{ name: "inner.zip", data: inner, method: "deflate" }], { ...limits, maxNestedArchiveBytes: 200_000 });
      expect(!r.ok && r.reason).toMatch(/nested archive "inner.zip" is larger than/);
    });

    it("accepts ordinary office documents, including one with an embedded workbook", async () => {
      const xlsx = buildZip([
        { name: "[Content_Types].xml", data: enc("<Types/>"), method: "deflate" },
        { name: "xl/workbook.xml", data: enc("<workbook/>"), method: "deflate" },
        { name: "xl/worksheets/sheet1.xml", data: enc("<row/>".repeat(2000)), method: "deflate" },
      ]);
      const docx = await inspect(
        [
          { name: "[Content_Types].xml", data: enc("<Types/>"), method: "deflate" },
          { name: "_rels/.rels", data: enc("<Relationships/>"), method: "deflate" },
          { name: "word/document.xml", data: enc("<w:document>text</w:document>".repeat(500)), method: "deflate" },
          { name: "word/media/image1.png", data: new Uint8Array(20_000).map((_, i) => (i * 31) % 256) },
          { name: "word/embeddings/Microsoft_Excel_Worksheet.xlsx", data: xlsx },
        ],
        production,
      );
      expect(docx).toMatchObject({ ok: true, officeKind: "docx", nestedArchives: 1, entries: 8 });
      const odt = await inspect(
        [
          { name: "mimetype", data: enc("application/vnd.oasis.opendocument.text") },
          { name: "META-INF/manifest.xml", data: enc("<manifest/>"), method: "deflate" },
          { name: "content.xml", data: enc("<office:text/>".repeat(100)), method: "deflate" },
        ],
        production,
      );
      expect(odt).toMatchObject({ ok: true, officeKind: "odt" });
    });
  });

  it("never throws on corrupted archives (property)", async () => {
    const base = buildZip([
      { name: "a.txt", data: enc("hello world"), method: "deflate" },
      { name: "b/c.txt", data: enc("x".repeat(100)) },
    ]);
    const base64 = buildZip([{ name: "a.txt", data: enc("hello") }], { zip64: true });
    const nested = buildZip([{ name: "in.zip", data: buildZip([{ name: "x.txt", data: enc("x".repeat(50)), method: "deflate" }], { zip64: true }) }]);
    const p = path.join(dir, "fuzz.zip");
    const seed = Number(process.env.FC_SEED ?? Date.now());
    console.log("fast-check seed", seed);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        async (which, edits, cut) => {
          const data = new Uint8Array([base, base64, nested][which]!);
          for (const [at, value] of edits) data[at % data.length] = value;
          await fsp.writeFile(p, data.subarray(0, data.length - (cut % 4 === 0 ? cut % data.length : 0)));
          const r = await inspectZip(p, limits);
          expect(typeof r.ok).toBe("boolean");
        },
      ),
      { numRuns: 1000, seed },
    );
  });
});
