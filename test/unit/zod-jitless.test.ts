import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// instrumentation-client.ts sets zod's `jitless` without importing zod (so pages without a form do not
// load it), by writing the object zod keeps its settings in. This checks zod still reads that object:
// a zod upgrade that moved its settings would bring back the eval probe the pages' policy refuses.
// Each case runs in a fresh Node process, since zod reads its settings once, when it loads.
function run(withInstrumentation: boolean): { jitless: unknown; functionCalls: number; parsed: unknown; rejected: boolean } {
  const code = `
    let functionCalls = 0;
    const F = globalThis.Function;
    globalThis.Function = new Proxy(F, {
      apply: (t, self, args) => (functionCalls++, Reflect.apply(t, self, args)),
      construct: (t, args) => (functionCalls++, Reflect.construct(t, args)),
    });
    ${withInstrumentation ? `await import(${JSON.stringify(path.resolve("instrumentation-client.ts"))});` : ""}
    const { z } = await import("zod");
    const schema = z.object({ email: z.email(), count: z.number().int() });
    const parsed = schema.parse({ email: "a@example.com", count: 2 });
    const rejected = !schema.safeParse({ email: "nope", count: 2 }).success;
    console.log(JSON.stringify({ jitless: z.config().jitless ?? null, functionCalls, parsed, rejected }));
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { encoding: "utf8", timeout: 30_000 });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!);
}

describe("instrumentation-client: zod without eval", () => {
  it("set before zod loads, zod adopts jitless and builds and parses an object schema without calling Function", () => {
    const r = run(true);
    expect(r.jitless).toBe(true);
    expect(r.parsed).toEqual({ email: "a@example.com", count: 2 });
    expect(r.rejected).toBe(true);
    expect(r.functionCalls).toBe(0);
  });

  it("without it, zod probes eval with Function when an object schema parses (what the setting avoids)", () => {
    const r = run(false);
    expect(r.jitless).toBe(null);
    expect(r.functionCalls).toBeGreaterThan(0);
  });
});
