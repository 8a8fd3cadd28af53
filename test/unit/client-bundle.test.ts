import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 15: first-load JavaScript of at most 180 KB gzip on every page. zod (about 33 KB gzip) and
// its react-hook-form resolver must not reach a page's first load: a form loads its schema when it
// is first used (components/forms/lazy-resolver.ts), and lists and labels come from zod-free
// modules (lib/validations/*-labels.ts, lib/catalog/constants.ts, lib/rollouts/record-constants.ts).
// This follows every static import of every "use client" module under app/ and components/
// (type-only imports and dynamic import() are left out: they add nothing to the first load).

const ROOT = process.cwd();
const FORBIDDEN = ["zod", "@hookform/resolvers/zod"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const isClient = (source: string) => /^\s*(\/\/[^\n]*\n\s*)*["']use client["']/.test(source);
const isServerActions = (source: string) => /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(source);

/** The modules a file loads when it loads: `import … from`, `import "…"`, `export … from`, without `import type` / `export type`. */
function staticImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specs: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*["']([^"']+)["']/gm)) {
    if (m[2]) continue; // import type / export type
    const clause = m[3]!.trim();
    // `import { type A, type B } from` loads nothing either.
    const names = /^\{([\s\S]*)\}$/.exec(clause)?.[1];
    if (names !== undefined && names.split(",").every((n) => !n.trim() || /^type\s/.test(n.trim()))) continue;
    specs.push(m[4]!);
  }
  for (const m of code.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) specs.push(m[1]!);
  return specs;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return null;
}

/** The chain of modules by which `file` loads a forbidden package, or null. */
function zodChain(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const source = fs.readFileSync(file, "utf8");
  if (seen.size > 1 && isServerActions(source)) return null; // a client gets a reference to a server action, not its module
  for (const spec of staticImports(source)) {
    if (FORBIDDEN.includes(spec)) return [path.relative(ROOT, file), spec];
    const local = resolveLocal(file, spec);
    const chain = local && zodChain(local, seen);
    if (chain) return [path.relative(ROOT, file), ...chain];
  }
  return null;
}

describe("client bundles", () => {
  const clientFiles = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "components"))].filter((f) =>
    isClient(fs.readFileSync(f, "utf8")),
  );

  it("reads imports as the bundler does", () => {
    expect(staticImports(`import { z } from "zod";`)).toEqual(["zod"]);
    expect(staticImports(`import type { z } from "zod";`)).toEqual([]);
    expect(staticImports(`import { type A, type B } from "./x";`)).toEqual([]);
    expect(staticImports(`import { type A, b } from "./x";`)).toEqual(["./x"]);
    expect(staticImports(`export * from "./labels";`)).toEqual(["./labels"]);
    expect(staticImports(`import "./side-effect";`)).toEqual(["./side-effect"]);
    expect(staticImports(`const m = await import("zod");`)).toEqual([]);
    expect(staticImports(`import {\n  a,\n  b,\n} from "@/lib/validations/vendor";`)).toEqual(["@/lib/validations/vendor"]);
  });

  it("finds the client components, and a module that loads zod", () => {
    expect(clientFiles.length).toBeGreaterThan(20);
    expect(zodChain(path.join(ROOT, "lib/validations/vendor.ts"))).not.toBeNull();
  });

  it("no client component loads zod or its resolver with the page", () => {
    const offenders = clientFiles.map((f) => zodChain(f)).filter((c): c is string[] => c !== null);
    expect(offenders.map((c) => c.join(" -> "))).toEqual([]);
  });
});
