import { describe, expect, it, vi } from "vitest";
import { gateKind } from "@/lib/http/database-gate";
import { unavailableAnswer } from "@/lib/http/unavailable";
import { createAvailability } from "./availability";
import { isDatabaseUnreachable } from "./db-errors";

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("database availability", () => {
  it("trusts a probe's answer for its period, then asks again", async () => {
    const c = clock();
    let up = true;
    const probe = vi.fn(async () => {
      if (!up) throw new Error("ECONNREFUSED");
    });
    const a = createAvailability(probe, { okTtlMs: 1000, downTtlMs: 500, timeoutMs: 2000, now: c.now });
    expect(a.known()).toBe("stale");
    expect(await a.check()).toBe(true);
    expect(a.known()).toBe("ok");
    c.advance(999);
    expect(a.known()).toBe("ok");
    c.advance(1);
    expect(a.known()).toBe("stale");
    up = false;
    expect(await a.available()).toBe(false);
    expect(a.known()).toBe("down");
    expect(a.downSince()).toBe(c.now());
    c.advance(500);
    expect(a.known()).toBe("stale");
    up = true;
    expect(await a.available()).toBe(true);
    expect(a.downSince()).toBeNull();
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it("shares one probe between concurrent requests", async () => {
    let release: () => void = () => {};
    const probe = vi.fn(() => new Promise<void>((r) => (release = r)));
    const a = createAvailability(probe, { okTtlMs: 1000, downTtlMs: 1000, timeoutMs: 2000 });
    const answers = Promise.all([a.check(), a.check(), a.available()]);
    release();
    expect(await answers).toEqual([true, true, true]);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it("counts a probe that does not answer in time as down and reports the timeout", async () => {
    vi.useFakeTimers();
    try {
      const onTimeout = vi.fn();
      const a = createAvailability(() => new Promise<void>(() => {}), { okTtlMs: 1000, downTtlMs: 1000, timeoutMs: 2000, onTimeout });
      const answer = a.check();
      await vi.advanceTimersByTimeAsync(2000);
      expect(await answer).toBe(false);
      expect(onTimeout).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it("forgets a good answer when told the connection closed, never a bad one", async () => {
    let up = true;
    const a = createAvailability(
      async () => {
        if (!up) throw new Error("down");
      },
      { okTtlMs: 60_000, downTtlMs: 60_000, timeoutMs: 2000 },
    );
    await a.check();
    a.invalidate();
    expect(a.known()).toBe("stale");
    up = false;
    await a.check();
    a.invalidate();
    expect(a.known()).toBe("down");
  });
});

describe("what the gate answers", () => {
  it("leaves build assets and the health report alone and tells pages, the API and actions apart", () => {
    expect(gateKind("/_next/static/chunks/a.js", {})).toBeNull();
    expect(gateKind("/favicon.ico", {})).toBeNull();
    expect(gateKind("/api/health", {})).toBeNull();
    expect(gateKind("/api/health?x=1", {})).toBeNull();
    expect(gateKind("/api/evidence/upload?fileName=a", {})).toBe("api");
    expect(gateKind("/vendor", {})).toBe("page");
    expect(gateKind("/login?next=%2Fvendor", {})).toBe("page");
    expect(gateKind("/vendor/attestations/1", { "next-action": "7f00" })).toBe("action");
  });

  it("answers 503 with Retry-After: a page that runs no script, problem+json, plain text for actions", () => {
    const page = unavailableAnswer("page");
    expect(page.status).toBe(503);
    expect(page.headers["Retry-After"]).toBe("5");
    expect(page.headers["Content-Security-Policy"]).toContain("default-src 'none'");
    expect(page.body).toContain("temporarily unavailable");
    expect(page.body).not.toContain("<script");
    const api = unavailableAnswer("api");
    expect(api.headers["Content-Type"]).toBe("application/problem+json");
    expect(JSON.parse(api.body)).toMatchObject({ status: 503, title: "Service Unavailable" });
    // Next's client shows the message of a text/plain error answer to an action; it must be exactly text/plain.
    expect(unavailableAnswer("action").headers["Content-Type"]).toBe("text/plain");
  });
});

describe("unreachable-database errors", () => {
  it("recognises connection failures through drizzle's wrapping, and nothing else", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnreachable(new Error("Failed query: select 1", { cause: refused }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("closed"), { code: "CONNECTION_CLOSED" }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnreachable(new AggregateError([refused]))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error("syntax error"), { code: "42601" }))).toBe(false);
    expect(isDatabaseUnreachable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});
