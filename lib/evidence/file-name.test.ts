import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentDisposition, sanitizeFileName } from "./file-name";

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe("sanitizeFileName", () => {
  it("strips directory parts", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\x\\y.pdf")).toBe("y.pdf");
    expect(sanitizeFileName("a/b\\c/d.txt")).toBe("d.txt");
    expect(sanitizeFileName("dir/")).toBe("file");
  });

  it("removes control/bidi characters and replaces reserved characters", () => {
    expect(sanitizeFileName("a\u0000b\u001fc\u007f.txt")).toBe("abc.txt");
    expect(sanitizeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitizeFileName('what<>:"|?*.pdf')).toBe("what_______.pdf");
  });

  it("collapses whitespace and trims dots and spaces", () => {
    expect(sanitizeFileName("  my \t\n  report   .pdf ")).toBe("my report .pdf");
    expect(sanitizeFileName("...hidden")).toBe("hidden");
    expect(sanitizeFileName("name...")).toBe("name");
    expect(sanitizeFileName("..")).toBe("file");
    expect(sanitizeFileName("")).toBe("file");
    expect(sanitizeFileName(" \u200b ")).toBe("file");
  });

  it("defuses Windows device names", () => {
    expect(sanitizeFileName("CON")).toBe("_CON");
    expect(sanitizeFileName("nul.txt")).toBe("_nul.txt");
    expect(sanitizeFileName("com1.tar.gz")).toBe("_com1.tar.gz");
    expect(sanitizeFileName("Lpt9 .log")).toBe("_Lpt9 .log");
    expect(sanitizeFileName("console.txt")).toBe("console.txt");
  });

  it("normalises to NFC and keeps unicode", () => {
    expect(sanitizeFileName("Cafe\u0301 Prüfbericht.pdf")).toBe("Caf\u00e9 Prüfbericht.pdf");
    expect(sanitizeFileName("検証レポート.pdf")).toBe("検証レポート.pdf");
    expect(sanitizeFileName("😀 ok.txt")).toBe("😀 ok.txt");
  });

  it("limits very long names to 200 UTF-8 bytes, keeping the extension", () => {
    const ascii = sanitizeFileName("a".repeat(500) + ".pdf");
    expect(ascii).toBe("a".repeat(196) + ".pdf");
    const cjk = sanitizeFileName("検".repeat(300) + ".xlsx");
    expect(bytes(cjk)).toBeLessThanOrEqual(200);
    expect(cjk.endsWith("検.xlsx")).toBe(true);
    const emoji = sanitizeFileName("👩‍👩‍👧".repeat(40) + ".txt");
    expect(bytes(emoji)).toBeLessThanOrEqual(200);
    expect(emoji).toMatch(/^(👩‍👩‍👧)+\.txt$/);
    expect(bytes(sanitizeFileName("b".repeat(300)))).toBe(200);
  });

  it("is idempotent and always safe (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (name) => {
        const s = sanitizeFileName(name);
        expect(s.length).toBeGreaterThan(0);
        expect(bytes(s)).toBeLessThanOrEqual(200);
        expect(s).not.toMatch(/[\\/<>:"|?*\u0000-\u001f]/);
        expect(s).not.toMatch(/^[. ]|[. ]$/);
        expect(s).not.toBe("..");
        expect(sanitizeFileName(s)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe("contentDisposition", () => {
  it("builds an attachment header with ASCII fallback and UTF-8 name", () => {
    expect(contentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition("Prüfbericht (final).pdf")).toBe(
      `attachment; filename="Prufbericht (final).pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%28final%29.pdf`,
    );
    expect(contentDisposition("検証.txt")).toBe(`attachment; filename="__.txt"; filename*=UTF-8''%E6%A4%9C%E8%A8%BC.txt`);
    expect(contentDisposition("../../etc/passwd")).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
    expect(contentDisposition("100% it's;a.txt")).toBe(`attachment; filename="100_ it's_a.txt"; filename*=UTF-8''100%25%20it%27s%3Ba.txt`);
  });

  it("never contains characters that could break the header (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (name) => {
        const h = contentDisposition(name);
        expect(h).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
        const fallback = /filename="([^"]*)"/.exec(h)?.[1] ?? "";
        expect(fallback).not.toMatch(/["\\%;]/);
      }),
      { numRuns: 300 },
    );
  });
});
