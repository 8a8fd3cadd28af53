import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A form handled in the browser must not take input before the page has hydrated: react-hook-form
// overwrites what was typed when it registers the fields, and a native submit would post the form
// (a password in the address, for a GET). ClientForm disables its controls until then; plain
// <form> is for forms that work without scripts (method="get" filters, server-action forms).

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx$/.test(e.name) ? [p] : [];
  });
}

/** Every `<form ...>` opening tag in a file, attributes included (they may span lines). */
function formTags(source: string): string[] {
  return [...source.matchAll(/<form\b[^>]*>/gs)].map((m) => m[0]);
}

describe("forms", () => {
  const files = [...sourceFiles("app"), ...sourceFiles("components")].filter((f) => !f.endsWith(path.join("forms", "client-form.tsx")));

  it("finds the portal's forms", () => {
    const all = files.flatMap((f) => formTags(fs.readFileSync(f, "utf8")));
    expect(all.length).toBeGreaterThan(5);
    expect(files.some((f) => fs.readFileSync(f, "utf8").includes("<ClientForm"))).toBe(true);
  });

  it("every form submitted by a script is a ClientForm", () => {
    const offenders = files.flatMap((f) =>
      formTags(fs.readFileSync(f, "utf8"))
        .filter((tag) => /\bonSubmit=/.test(tag))
        .map((tag) => `${f}: ${tag.replace(/\s+/g, " ").slice(0, 80)}`),
    );
    expect(offenders).toEqual([]);
  });

  it("every plain form works without scripts: a GET, or a server action", () => {
    const offenders = files.flatMap((f) =>
      formTags(fs.readFileSync(f, "utf8"))
        .filter((tag) => !/\baction=/.test(tag) && !/\bmethod="get"/.test(tag))
        .map((tag) => `${f}: ${tag.replace(/\s+/g, " ").slice(0, 80)}`),
    );
    expect(offenders).toEqual([]);
  });
});
