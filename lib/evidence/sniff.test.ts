import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildZip } from "@/test/helpers/zip-builder";
import { sniffContentType, type SniffResult } from "./sniff";

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);
const kindOf = (r: SniffResult) => (r.ok ? r.kind : `refused: ${r.reason}`);

describe("sniffContentType", () => {
  it("accepts each allowed kind", () => {
    expect(kindOf(sniffContentType(enc("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "report.pdf"))).toBe("pdf");
    expect(kindOf(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), "a.png"))).toBe("png");
    expect(kindOf(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46), "a.jpg"))).toBe("jpeg");
    expect(kindOf(sniffContentType(enc("2024-01-01 deploy ok\r\nline two\ttab\f"), "deploy.log"))).toBe("text");
    expect(kindOf(sniffContentType(enc("plain notes"), "notes.txt"))).toBe("text");
    expect(kindOf(sniffContentType(enc("plain notes"), "README"))).toBe("text");
    expect(kindOf(sniffContentType(enc("a,b,c\n1,2,3\n"), "data.csv"))).toBe("csv");
    expect(kindOf(sniffContentType(enc('\ufeff  {"a": [1, 2]}'), "data.json"))).toBe("json");
    expect(kindOf(sniffContentType(enc("[1,2]"), "DATA.JSON"))).toBe("json");
    const zip = buildZip([{ name: "a.txt", data: enc("hi") }]);
    const r = sniffContentType(zip, "bundle.zip");
    expect(r).toEqual({ ok: true, kind: "zip", mime: "application/zip", fileName: "bundle.zip", container: "zip" });
    expect(kindOf(sniffContentType(buildZip([]), "empty.zip"))).toBe("zip");
    for (const ext of ["docx", "xlsx", "pptx", "odt", "ods", "odp"]) {
      expect(kindOf(sniffContentType(zip, `doc.${ext}`))).toBe(ext);
    }
    const docx = sniffContentType(zip, "x.docx");
    expect(docx.ok && docx.mime).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("accepts non-ASCII UTF-8 text, including a multi-byte sequence cut at the end of the head", () => {
    const text = enc("Überprüfung – 検証 ✓ 😀");
    expect(kindOf(sniffContentType(text, "t.txt"))).toBe("text");
    const cut = text.subarray(0, text.length - 2); // inside the 4-byte emoji
    expect(kindOf(sniffContentType(cut, "t.txt"))).toBe("text");
  });

  it("refuses executables whatever the name says", () => {
    const elf = bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0);
    const pe = new Uint8Array([...enc("MZ"), 0x90, 0, 3, 0, 0, 0, 4, 0]);
    const macho = bytes(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1);
    for (const [bin, what] of [
      [elf, /ELF/],
      [pe, /MZ/],
      [macho, /Mach-O/],
    ] as const) {
      const r = sniffContentType(bin, "report.pdf");
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/executable/);
      expect(!r.ok && r.reason).toMatch(what);
    }
    const script = sniffContentType(enc("#!/bin/sh\nrm -rf /\n"), "notes.txt");
    expect(!script.ok && script.reason).toMatch(/shebang/);
  });

  it("refuses HTML, SVG and XML even with a text extension", () => {
    const cases = [
      "<!DOCTYPE html><html><body>hi</body></html>",
      "  \n<html>",
      "\ufeff<HTML lang=en>",
      "<script>alert(1)</script>",
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><svg/>',
      "<!-- comment --><div>",
      "<iframe src=x>",
    ];
    for (const c of cases) {
      const r = sniffContentType(enc(c), "page.txt");
      expect(r.ok, c).toBe(false);
    }
    const svg = sniffContentType(enc("<svg><script>x</script></svg>"), "logo.svg");
    expect(!svg.ok && svg.reason).toMatch(/SVG/);
  });

  it("refuses binary garbage, control characters, empty files and other extensions", () => {
    expect(sniffContentType(new Uint8Array(0), "a.txt").ok).toBe(false);
    expect(sniffContentType(bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0), "a.gif").ok).toBe(false);
    expect(sniffContentType(enc("abc\u0000def"), "a.txt").ok).toBe(false);
    expect(sniffContentType(enc("abc\u001bdef"), "a.log").ok).toBe(false);
    expect(sniffContentType(enc("abc\u0085def"), "a.log").ok).toBe(false);
    expect(sniffContentType(bytes(0x61, 0xc3, 0x28), "a.txt").ok).toBe(false); // invalid UTF-8
    expect(sniffContentType(bytes(0xed, 0xa0, 0x80), "a.txt").ok).toBe(false); // UTF-16 surrogate
    expect(sniffContentType(enc("alert(1)"), "a.js").ok).toBe(false);
    expect(sniffContentType(enc("not json"), "a.json").ok).toBe(false);
  });

  it("never throws on arbitrary bytes and names", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.string(), (head, name) => {
        const r = sniffContentType(head, name);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});
