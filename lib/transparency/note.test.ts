import { describe, expect, it } from "vitest";
import {
  encodeSignerKey,
  formatCheckpoint,
  generateSignerKey,
  NoteError,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifierKey,
} from "./note";

// The reference vector of golang.org/x/mod/sumdb/note (its package documentation).
const GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe("C2SP signed notes", () => {
  it("signs and verifies byte for byte like the Go reference implementation", () => {
    const signer = parseSignerKey(GO_SIGNER);
    expect(verifierKey(signer)).toBe(GO_VERIFIER);
    expect(encodeSignerKey(signer)).toBe(GO_SIGNER);
    expect(signNote(GO_TEXT, signer)).toBe(GO_NOTE);
    expect(openNote(GO_NOTE, parseVerifierKey(GO_VERIFIER))).toBe(GO_TEXT);
  });

  it("refuses an altered text, an altered signature and another key", () => {
    const v = parseVerifierKey(GO_VERIFIER);
    expect(() => openNote(GO_NOTE.replace("problem,", "problem;"), v)).toThrow(NoteError);
    const sigAt = GO_NOTE.lastIndexOf(" ") + 5;
    const flipped = GO_NOTE.slice(0, sigAt) + (GO_NOTE[sigAt] === "A" ? "B" : "A") + GO_NOTE.slice(sigAt + 1);
    expect(() => openNote(flipped, v)).toThrow(NoteError);
    const other = parseSignerKey(generateSignerKey("PeterNeumann"));
    expect(() => openNote(signNote(GO_TEXT, other), v)).toThrow(/no signature by|does not verify/);
    expect(() => openNote(GO_TEXT, v)).toThrow(NoteError);
  });

  it("refuses malformed keys", () => {
    for (const bad of [
      "",
      "a+b",
      "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "PeterNeumann+c74f20a3+ApR=",
    ])
      expect(() => parseVerifierKey(bad)).toThrow(NoteError);
    expect(() => parseSignerKey(GO_SIGNER.replace("c74f20a3", "00000000"))).toThrow(NoteError);
  });

  it("formats and parses tlog checkpoints", () => {
    const root = Buffer.alloc(32, 7);
    const text = formatCheckpoint({ origin: "ringfence.example/log", size: 42, root, extensions: [] });
    expect(text).toBe(`ringfence.example/log\n42\n${root.toString("base64")}\n`);
    expect(parseCheckpoint(text)).toEqual({ origin: "ringfence.example/log", size: 42, root, extensions: [] });
    for (const bad of [
      "o\n-1\nAAAA\n",
      "o\n01\n" + root.toString("base64") + "\n",
      "o\n1\nAAAA\n",
      "\n1\n" + root.toString("base64") + "\n",
      "o\n1\n" + root.toString("base64"),
    ])
      expect(() => parseCheckpoint(bad)).toThrow(NoteError);
  });
});
