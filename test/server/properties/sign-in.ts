// The credentials sign-in (Auth.js's POST /api/auth/callback/credentials) over real HTTP:
// arbitrary and near-valid form bodies never get a 5xx, never a session unless the email and
// password are a real account's (and the CSRF token is right), never a redirect off the site.
import fc from "fast-check";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { hostileString } from "@/test/helpers/hostile";
import { expectSafe, send } from "../helpers/answers";
import type { World } from "../helpers/world";
import { count, runProperty, sometimes, type Tally } from "./run";

const ACCOUNTS = ["officer@aegis.example", "reviewer@contoso.example", "observer@ncra.example"];
const SESSION = /^(__Secure-)?authjs\.session-token=[^;]+/;

export async function signInProperty(world: World): Promise<Tally> {
  const csrf = await send(world.origin, "/api/auth/csrf");
  const { csrfToken } = csrf.json() as { csrfToken: string };
  const jar = csrf.setCookies.map((c) => c.split(";")[0]).join("; ");
  const arb = fc.record({
    email: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ACCOUNTS, "OFFICER@AEGIS.EXAMPLE ", "nobody@example.org") },
      { weight: 2, arbitrary: hostileString },
    ),
    password: fc.oneof(
      { weight: 2, arbitrary: fc.constant(DEMO_PASSWORD) },
      { weight: 2, arbitrary: fc.constantFrom("wrong-password-1", "", " ", DEMO_PASSWORD.toUpperCase(), "x".repeat(10_000)) },
      { weight: 1, arbitrary: hostileString },
    ),
    csrf: fc.constantFrom("good", "good", "good", "missing", "wrong"),
    callback: fc.constantFrom(
      "/",
      "/vendor",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "http://127.0.0.1:1/",
      "\u0000",
      "",
    ),
    type: fc.constantFrom(
      "application/x-www-form-urlencoded",
      "application/x-www-form-urlencoded",
      "application/json",
      "text/plain",
      "multipart/form-data; boundary=x",
    ),
    extra: sometimes(fc.dictionary(fc.constantFrom("__proto__", "constructor", "redirect", "json", "email"), hostileString, { maxKeys: 2 }), 4),
  });
  return runProperty("POST /api/auth/callback/credentials", arb, async (c, t) => {
    const fields: Record<string, string> = { email: c.email, password: c.password, callbackUrl: c.callback };
    if (c.csrf !== "missing") fields.csrfToken = c.csrf === "good" ? csrfToken : "0".repeat(64);
    const form = new URLSearchParams(fields);
    for (const [k, v] of Object.entries(c.extra ?? {})) form.append(k, v);
    const body = c.type === "application/json" ? JSON.stringify(Object.fromEntries(form)) : form.toString();
    const what = `POST /api/auth/callback/credentials ${body.slice(0, 300)} (${c.type})`;
    const a = await send(world.origin, "/api/auth/callback/credentials", { method: "POST", headers: { "content-type": c.type, cookie: jar }, body });
    count(t, a);
    expectSafe(a, what, { api: false });
    const session = a.setCookies.some((s) => SESSION.test(s) && !/authjs\.session-token=;/.test(s));
    // Auth.js reads form and JSON bodies alike; the CSRF token is required either way.
    const right =
      ACCOUNTS.includes(c.email.trim().toLowerCase()) &&
      c.password === DEMO_PASSWORD &&
      c.csrf === "good" &&
      (c.type === "application/x-www-form-urlencoded" || c.type === "application/json");
    if (session && !right) throw new Error(`${what}: a session for credentials that are not right`);
    if (session) t.accepted++;
    const location = a.headers.get("location");
    if (location !== null) {
      // Auth.js may name the server "localhost" rather than 127.0.0.1: the same site.
      const to = new URL(location, world.origin);
      const here = new URL(world.origin);
      if (to.protocol !== here.protocol || to.port !== here.port || !["127.0.0.1", "localhost"].includes(to.hostname))
        throw new Error(`${what}: redirected off the site to ${location}`);
    }
    t.verified++;
  });
}
