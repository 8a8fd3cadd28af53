import { describe, expect, it } from "vitest";
import { buildZip } from "@/test/helpers/zip-builder";
import { extensionOf, fitName, fitZipName } from "./file-type";
import { sniffContentType } from "./sniff";

const enc = (s: string) => new TextEncoder().encode(s);
const PDF = enc("%PDF-1.7\n1 0 obj");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const ZIP = buildZip([{ name: "a.txt", data: enc("hi") }]);
const name = (head: Uint8Array, fileName: string) => {
  const r = sniffContentType(head, fileName);
  return r.ok ? r.fileName : `refused: ${r.reason}`;
};

describe("extensionOf", () => {
  it("takes the last extension, lower-case, ignoring trailing dots and spaces", () => {
    expect(extensionOf("Report.PDF")).toBe("pdf");
    expect(extensionOf("a.pdf.")).toBe("pdf");
    expect(extensionOf("a.pdf ")).toBe("pdf");
    expect(extensionOf("a.pdf . .")).toBe("pdf");
    expect(extensionOf("report.pdf.exe")).toBe("exe");
    expect(extensionOf("dir.v2/README")).toBe("");
    expect(extensionOf(".bashrc")).toBe("");
    expect(extensionOf("noext")).toBe("");
  });
});

describe("file name must agree with the content", () => {
  it("refuses a PDF with an active or executable extension, saying what it is and which endings fit", () => {
    for (const ext of ["html", "hta", "bat", "js", "exe", "lnk", "svg", "HTML"]) {
      expect(name(PDF, `statement.${ext}`)).toBe(
        `refused: This file is a PDF document, but its name ends in .${ext.toLowerCase()}. Rename it to end in .pdf and upload it again.`,
      );
    }
    expect(name(PDF, "report.pdf.exe")).toMatch(/ends in \.exe\. Rename it to end in \.pdf/);
  });

  it("refuses PNG and JPEG named .svg (or any other image type)", () => {
    expect(name(PNG, "logo.svg")).toBe("refused: This file is a PNG image, but its name ends in .svg. Rename it to end in .png and upload it again.");
    expect(name(JPEG, "photo.svg")).toBe(
      "refused: This file is a JPEG image, but its name ends in .svg. Rename it to end in .jpg or .jpeg and upload it again.",
    );
    expect(name(PNG, "photo.jpg")).toMatch(/PNG image.*\.jpg/);
    expect(name(JPEG, "photo.png")).toMatch(/JPEG image.*\.png/);
  });

  it("accepts fitting extensions whatever their case, trailing dots and spaces dropped", () => {
    expect(name(PDF, "Statement.PDF")).toBe("Statement.PDF");
    expect(name(PDF, "a.pdf.")).toBe("a.pdf");
    expect(name(PDF, "a.pdf ")).toBe("a.pdf");
    expect(name(PDF, "report.exe.pdf")).toBe("report.exe.pdf");
    expect(name(JPEG, "x.JPEG")).toBe("x.JPEG");
    expect(name(JPEG, "x.jpg")).toBe("x.jpg");
    expect(name(PNG, "x.png")).toBe("x.png");
    expect(name(enc("a,b\n1,2"), "t.CSV")).toBe("t.CSV");
    expect(name(enc("{}"), "t.json")).toBe("t.json");
    expect(name(enc("log line"), "t.log")).toBe("t.log");
    expect(name(enc("text"), "t.text")).toBe("t.text");
  });

  it("appends the detected extension to a name without one", () => {
    expect(name(PDF, "statement")).toBe("statement.pdf");
    expect(name(JPEG, "photo")).toBe("photo.jpg");
    expect(name(enc("plain notes"), "README")).toBe("README.txt");
    expect(name(ZIP, "bundle")).toBe("bundle"); // settled after inspection, by fitZipName
  });

  it("refuses text with a non-text extension, naming the text endings", () => {
    expect(name(enc("alert(1)"), "a.js")).toBe(
      "refused: This file is plain text, but its name ends in .js. Rename it to end in .txt, .text, .log, .csv or .json and upload it again.",
    );
    expect(name(enc("hello"), "notes.md")).toMatch(/plain text.*\.md/);
    expect(name(enc("hello"), "notes.pdf")).toMatch(/plain text.*\.pdf/);
  });

  it("refuses a ZIP named anything but .zip or an office extension", () => {
    for (const ext of ["exe", "jar", "apk", "html", "pdf"]) expect(name(ZIP, `x.${ext}`)).toMatch(/This file is a ZIP archive, but its name ends in \./);
    for (const ext of ["zip", "docx", "XLSX", "pptx", "odt", "ods", "odp"]) expect(name(ZIP, `x.${ext}`)).toBe(`x.${ext}`);
  });

  it("settles ZIP names by what the archive holds", () => {
    expect(fitZipName("docx", "report.docx")).toEqual({ ok: true, kind: "docx", fileName: "report.docx" });
    expect(fitZipName("docx", "report.zip")).toEqual({ ok: true, kind: "zip", fileName: "report.zip" });
    expect(fitZipName("docx", "report")).toEqual({ ok: true, kind: "docx", fileName: "report.docx" });
    expect(fitZipName(undefined, "bundle")).toEqual({ ok: true, kind: "zip", fileName: "bundle.zip" });
    expect(fitZipName(undefined, "report.docx")).toEqual({
      ok: false,
      reason: "This file is a ZIP archive, but its name ends in .docx. Rename it to end in .zip and upload it again.",
    });
    expect(fitZipName("xlsx", "report.docx")).toEqual({
      ok: false,
      reason: "This file is an Excel workbook, but its name ends in .docx. Rename it to end in .xlsx or .zip and upload it again.",
    });
  });

  it("keeps a long extension readable in the message", () => {
    const r = fitName("pdf", `a.${"x".repeat(100)}`);
    expect(!r.ok && r.reason).toMatch(/ends in \.x{20}…\./);
  });
});
