import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser } from "@playwright/test";
import { ACCOUNTS, expect, storageStateFor, test, type AccountKey } from "./fixtures";
import { ACTIONS, PAGES, ROUTE_HANDLERS, SAMPLES, type Access } from "./access-matrix";
import type { Role } from "../lib/auth/roles";

const ROLE_OF: Record<Exclude<AccountKey, "bastion" | "auditor2" | "cobalt">, Role> = {
  officer: "vendor_officer",
  contributor: "vendor_contributor",
  reviewer: "platform_reviewer",
  auditor: "gov_auditor",
  observer: "gov_observer",
  admin: "admin",
};
type Who = keyof typeof ROLE_OF | "anonymous";
const EVERYONE: Who[] = [...(Object.keys(ROLE_OF) as (keyof typeof ROLE_OF)[]), "anonymous"];

const allowed = (access: Access, who: Who) => access === "public" || (who !== "anonymous" && access.includes(ROLE_OF[who]));
const stateFor = (who: Who) => (who === "anonymous" ? undefined : storageStateFor(who));

function walk(dir: string, name: RegExp, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, name, out);
    else if (name.test(e.name)) out.push(p.split(path.sep).join("/"));
  }
  return out;
}

type ManifestAction = { id: string; key: string; pagePath: string };
function manifestActions(): ManifestAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({ id, key: `${a.filename}#${a.exportedName}`, pagePath: Object.keys(a.workers)[0] ?? "app/page" }));
}

/** "app/(portal)/admin/users/[id]/page" → "/admin/users/00000000-…" */
function urlOfWorker(worker: string): string {
  const parts = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !s.startsWith("("));
  return "/" + parts.map((s) => (s.startsWith("[") ? "00000000-0000-4000-8000-000000000000" : s)).join("/");
}

test.describe("every page, route handler and action is in the matrix", () => {
  test("pages and route handlers", () => {
    const pages = walk("app", /^page\.tsx$/).sort();
    expect(pages).toEqual(Object.keys(PAGES).sort());
    const handlers = walk("app", /^route\.ts$/).sort();
    expect(handlers).toEqual(Object.keys(ROUTE_HANDLERS).sort());
    for (const file of handlers) {
      const src = fs.readFileSync(file, "utf8");
      const methods = new Set<string>();
      for (const m of src.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]!);
      for (const m of src.matchAll(/export const \{([^}]+)\}/g)) m[1]!.split(",").forEach((s) => methods.add(s.trim()));
      expect([...methods].sort(), file).toEqual(Object.keys(ROUTE_HANDLERS[file]!.methods).sort());
    }
  });

  test("server actions", () => {
    const built = manifestActions()
      .map((a) => a.key)
      .sort();
    expect(built).toEqual(Object.keys(ACTIONS).sort());
  });
});

/** Real ids for the URL placeholders the matrix uses, each looked up as a role that can see it. */
async function resolveUrl(browser: Browser, url: string): Promise<string> {
  let out = url;
  for (const m of url.matchAll(/\{(\w+)\}/g)) {
    const sample = SAMPLES[m[1]!];
    if (!sample) throw new Error(`no SAMPLES entry for {${m[1]}}`);
    const ctx = await browser.newContext({ storageState: storageStateFor(sample.as) });
    // A sample's page may itself hold placeholders (a file found on a review's page).
    const html = await (await ctx.request.get(await resolveUrl(browser, sample.page))).text();
    await ctx.close();
    const id = sample.pattern.exec(html)?.[1];
    if (!id) throw new Error(`could not find a sample id for {${m[1]}} on ${sample.page}`);
    out = out.replace(m[0], id);
  }
  return out;
}

for (const [file, entry] of Object.entries(PAGES)) {
  test(`page ${entry.url} (${file})`, async ({ browser, playwright, baseURL }) => {
    const url = await resolveUrl(browser, entry.url);
    for (const who of EVERYONE) {
      const req = await playwright.request.newContext({ baseURL, storageState: stateFor(who) });
      // Plain HTTP, no browser: anonymous callers are redirected to sign-in, refused roles get the not-found page.
      const res = await req.get(url, { maxRedirects: 0 });
      const location = res.headers()["location"] ?? "";
      const html = res.status() < 300 ? await res.text() : "";
      // Pages stream (loading.tsx), so a refusal inside the page arrives as a marker in the
      // payload rather than as a status: Next's digest for notFound() and redirect().
      const toLogin =
        (res.status() >= 300 && res.status() < 400 && new URL(location, baseURL).pathname === "/login") || /NEXT_REDIRECT;\w+;\/login[;?]/.test(html);
      const notFound = res.status() === 404 || html.includes("NEXT_HTTP_ERROR_FALLBACK;404");
      const refused = (toLogin && entry.url !== "/login") || notFound;
      expect(refused, `${who} on ${url} → ${res.status()} ${location}`).toBe(!allowed(entry.access, who));
      await req.dispose();
    }
  });
}

async function requestAs(who: Who, playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, baseURL: string) {
  return playwright.request.newContext({
    baseURL,
    storageState: stateFor(who),
    // Anonymous callers carry a bogus cookie so the proxy lets them through: the endpoint itself must refuse.
    extraHTTPHeaders: who === "anonymous" ? { cookie: "authjs.session-token=not-a-valid-token" } : {},
  });
}

for (const [file, entry] of Object.entries(ROUTE_HANDLERS)) {
  test(`route handler ${entry.url} (${file})`, async ({ playwright, baseURL, browser }) => {
    const url = await resolveUrl(browser, entry.url);
    for (const [method, access] of Object.entries(entry.methods)) {
      for (const who of EVERYONE) {
        const req = await requestAs(who, playwright, baseURL!);
        // A probe body no handler accepts: allowed callers get a 4xx other than 401/403/404, never a change.
        const res = await req.fetch(url, {
          method,
          maxRedirects: 0,
          ...(method === "GET" || method === "HEAD" ? {} : { data: "matrix-probe", headers: { "content-type": "text/plain" } }),
        });
        const refused = [401, 403, 404].includes(res.status());
        expect(refused, `${who} ${method} ${url} → ${res.status()}`).toBe(!allowed(access, who));
        await req.dispose();
      }
    }
  });
}

const ENDS_OWN_SESSION = new Set(["app/(auth)/actions.ts#signOutAction"]);

test("server actions refuse every role the matrix does not allow", async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  const actions = manifestActions();
  for (const who of EVERYONE) {
    for (const action of actions) {
      // Sign-out revokes the session on the server: probing it with a role's stored
      // session would end that session for every other test. It needs no permission
      // (public) and e2e/sign-in.spec.ts tests it with a session of its own.
      if (who !== "anonymous" && ENDS_OWN_SESSION.has(action.key)) continue;
      // A fresh context per probe.
      const req = await requestAs(who, playwright, baseURL!);
      const access = ACTIONS[action.key]!;
      // A probe argument that no action schema accepts: an allowed caller gets "invalid", never a change.
      const res = await req.post(urlOfWorker(action.pagePath), {
        headers: { "next-action": action.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: baseURL! },
        data: JSON.stringify(["matrix-probe"]),
        maxRedirects: 0,
      });
      const body = await res.text();
      const refused = /"code":"(forbidden|unauthenticated)"/.test(body) || [401, 403, 404].includes(res.status());
      expect(refused, `${who} → ${action.key} (${res.status()})`).toBe(!allowed(access, who));
      await req.dispose();
    }
  }
});

test("demo accounts cover every role", () => {
  expect(Object.keys(ACCOUNTS)).toEqual(expect.arrayContaining(Object.keys(ROLE_OF)));
});
