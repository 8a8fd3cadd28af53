// The portal as deployed: `next start` on the built output, real sockets. Uploads, early
// refusals, cross-origin refusal and response headers, which calling a handler cannot show.
import fs from "node:fs";
import path from "node:path";
import { LINGER_MAX_BYTES } from "@/lib/http/linger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesReadBy, distDir, filesUnder, memoryOf, startProdServer, type ProdServer } from "./helpers/prod-server";
import { digestOf, generatedLog, rawPost } from "./helpers/raw-http";
import { signIn } from "./helpers/session";

const MB = 1024 * 1024;
const LIMIT = 420 * MB;
let server: ProdServer;
let cookie: string;

beforeAll(async () => {
  server = await startProdServer({ UPLOAD_MAX_BYTES: String(LIMIT) });
  cookie = await signIn(server.origin, "officer@aegis.example");
});
afterAll(async () => server?.stop());

const uploadPath = (fileName: string) => `/api/evidence/upload?${new URLSearchParams({ title: `Transport ${fileName}`, kind: "document", fileName })}`;
const objects = () => filesUnder(path.join(server.dataDir, "blobs", "objects")).length;
const temps = () => filesUnder(path.join(server.dataDir, "blobs", "tmp"));

/** Runs `fn` and reports how many bytes the server process read meanwhile (sockets included). */
/** What the server reads meanwhile besides the request (database answers to the checkpoint worker and the availability probe, counted in the same process I/O). */
const OTHER_READS = 1024 * 1024;

async function measured<T>(fn: () => Promise<T>): Promise<T & { serverRead: number }> {
  const before = bytesReadBy(server.pid);
  const r = await fn();
  await new Promise((res) => setTimeout(res, 200));
  return { ...r, serverRead: bytesReadBy(server.pid) - before };
}

describe("uploads through next start", () => {
  it.each([11, 100, 400])("round-trips a %i MB file with the same SHA-256 and size", async (size) => {
    const file = generatedLog(size * MB, `round-trip-${size}`);
    const res = await rawPost({ port: server.port, path: uploadPath(`rt-${size}.log`), headers: { cookie }, body: file, declaredLength: size * MB });
    expect(res.status, res.body).toBe(201);
    const stored = JSON.parse(res.body) as { id: string; sha256: string; size: number };
    expect(stored).toMatchObject({ sha256: file.digest(), size: size * MB });
    const download = await fetch(`${server.origin}/api/evidence/${stored.id}/download`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await digestOf(download)).toEqual({ sha256: stored.sha256, size: size * MB });
  });

  it("cuts a chunked upload off at the limit with 413 and stores nothing", async () => {
    const before = objects();
    const res = await measured(() =>
      rawPost({ port: server.port, path: uploadPath("too-big.log"), headers: { cookie }, body: generatedLog(LIMIT + 60 * MB, "over") }),
    );
    expect(res.status, res.body).toBe(413);
    expect(res.headers.connection).toBe("close");
    expect(res.cutOff).toBe(true);
    expect(res.serverRead).toBeLessThan(LIMIT + 16 * MB);
    expect(objects()).toBe(before);
    expect(temps()).toEqual([]);
  });

  it("answers a declared length over the limit with 413 before reading the body", async () => {
    const res = await measured(() =>
      rawPost({
        port: server.port,
        path: uploadPath("declared.log"),
        headers: { cookie },
        body: generatedLog(LIMIT + MB, "declared"),
        declaredLength: LIMIT + MB,
      }),
    );
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe("close");
    expect(res.msToResponse).toBeLessThan(2000);
    expect(res.serverRead).toBeLessThan(4 * MB + OTHER_READS);
  });

  it("stores nothing when the client declares more than it sends and gives up", async () => {
    const before = objects();
    await rawPost({
      port: server.port,
      path: uploadPath("lying.log"),
      headers: { cookie },
      body: generatedLog(5 * MB, "lying"),
      declaredLength: 50 * MB,
      endAfterBody: true,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(objects()).toBe(before);
    expect(temps()).toEqual([]);
    expect((await fetch(`${server.origin}/api/health`)).status).toBe(200);
  });

  it.each([
    ["a form", "application/x-www-form-urlencoded", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["a text/plain fetch", "text/plain", { origin: "https://evil.example" }],
    ["a sibling site", "text/plain", { "sec-fetch-site": "same-site" }],
  ])("refuses %s posted from another site, creating nothing", async (_what, type, headers) => {
    const before = objects();
    const res = await rawPost({
      port: server.port,
      path: uploadPath("csrf.txt"),
      headers: { cookie, "content-type": type, ...headers },
      body: generatedLog(1000, "csrf"),
      declaredLength: 1000,
    });
    expect(res.status).toBe(403);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect(objects()).toBe(before);
  });
});

describe("anonymous bodies", () => {
  const actionId = (name: string) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(distDir(), "server/server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName: string }>;
    };
    return Object.entries(manifest.node).find(([, a]) => a.exportedName === name)![0];
  };

  it.each([
    ["the upload route", uploadPath("anon.log"), {}],
    ["a page", "/", {}],
    ["a portal page", "/vendor", {}],
    ["a portal page as a form", "/vendor", { "content-type": "multipart/form-data; boundary=x" }],
    ["a server action", "/vendor/evidence/new", { "next-action": "createUrlEvidenceAction", "content-type": "text/plain;charset=UTF-8" }],
    ["an unknown server action", "/vendor", { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" }],
    ["a route without POST", "/api/health", {}],
  ])("300 MB to %s: answered within 2 s having read at most a few MB", async (_what, target, headers: Record<string, string>) => {
    if (headers["next-action"] === "createUrlEvidenceAction") headers = { ...headers, "next-action": actionId("createUrlEvidenceAction") };
    const rssBefore = memoryOf(server.pid).rss;
    const res = await measured(() => rawPost({ port: server.port, path: target, headers, body: generatedLog(300 * MB, "anon"), declaredLength: 300 * MB }));
    expect(res.status).not.toBeNull();
    expect(res.msToResponse).toBeLessThan(2000);
    // A few MB before the answer, plus what was already in flight, which the lingering close drains and drops (lib/http/linger.ts).
    expect(res.serverRead).toBeLessThan(4 * MB + LINGER_MAX_BYTES);
    expect(res.bytesWritten).toBeLessThan(16 * MB);
    expect(memoryOf(server.pid).rss - rssBefore).toBeLessThan(64 * MB);
  });
});

describe("headers and server actions without the proxy", () => {
  it("pages get a nonce policy, route handlers a closed one, both the static headers", async () => {
    const login = await fetch(`${server.origin}/login`);
    expect(login.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    const health = await fetch(`${server.origin}/api/health`);
    expect(health.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const redirect = await fetch(`${server.origin}/vendor`, { redirect: "manual" });
    expect(redirect.status).toBe(307);
    for (const res of [login, health, redirect]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
    }
  });

  it("a signed-in server action works and its answer carries the security headers", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(distDir(), "server/server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName: string }>;
    };
    const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === "createUrlEvidenceAction")![0];
    const res = await fetch(`${server.origin}/vendor/evidence/new`, {
      method: "POST",
      headers: { cookie, "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: server.origin },
      body: JSON.stringify([{ title: "Status page", kind: "document", url: "https://status.example/" }]),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"ok":true');
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("new versions of a file through next start", () => {
  const versionPath = (id: string, fileName: string) => `/api/evidence/${id}/versions?${new URLSearchParams({ fileName })}`;

  it("replaces an 11 MB file with a 12 MB version; both versions download byte for byte", async () => {
    const v1 = generatedLog(11 * MB, "version-1");
    const first = await rawPost({ port: server.port, path: uploadPath("versioned.log"), headers: { cookie }, body: v1, declaredLength: 11 * MB });
    expect(first.status, first.body).toBe(201);
    const { id } = JSON.parse(first.body) as { id: string };
    const v1sha = v1.digest();
    const v2 = generatedLog(12 * MB, "version-2");
    const second = await rawPost({ port: server.port, path: versionPath(id, "versioned-2.log"), headers: { cookie }, body: v2 });
    expect(second.status, second.body).toBe(201);
    const v2sha = v2.digest();
    expect(JSON.parse(second.body)).toMatchObject({ version: 2, sha256: v2sha, size: 12 * MB });
    const current = await fetch(`${server.origin}/api/evidence/${id}/download`, { headers: { cookie } });
    expect(await digestOf(current)).toEqual({ sha256: v2sha, size: 12 * MB });
    const old = await fetch(`${server.origin}/api/evidence/${id}/download?version=1`, { headers: { cookie } });
    expect(await digestOf(old)).toEqual({ sha256: v1sha, size: 11 * MB });

    // Another vendor, an anonymous client and another site are all refused before the body is read.
    const bastion = await signIn(server.origin, "officer@bastion.example");
    for (const [headers, status] of [
      [{ cookie: bastion }, 404],
      [{}, 401],
      [{ cookie, origin: "https://evil.example" }, 403],
    ] as const) {
      const res = await measured(() =>
        rawPost({ port: server.port, path: versionPath(id, "x.log"), headers, body: generatedLog(100 * MB, "refused"), declaredLength: 100 * MB }),
      );
      expect(res.status).toBe(status);
      expect(res.serverRead).toBeLessThan(4 * MB + OTHER_READS);
    }
    expect((await fetch(`${server.origin}/api/evidence/${id}/download?version=3`, { headers: { cookie } })).status).toBe(404);
  });
});
