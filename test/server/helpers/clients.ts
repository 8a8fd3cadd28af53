// Callers of the built portal for property tests: signed-in sessions, API tokens created
// through the portal's own server action, and a pool that keeps each token under the API's
// per-token rate limit so that requests reach the checks under test instead of the limiter.
import fs from "node:fs";
import path from "node:path";
import { distDir } from "./prod-server";
import { signIn } from "./session";

/** The id of a server action in this build, by its exported name. */
export function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir(), "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in the build`);
  return found[0];
}

/** Calls a server action the way the page's form does; returns the RSC answer as text. */
export async function callAction(origin: string, cookie: string, page: string, name: string, arg: unknown): Promise<string> {
  const res = await fetch(`${origin}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId(name), accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin, cookie },
    body: JSON.stringify([arg]),
  });
  return res.text();
}

/** A new API token of the signed-in officer's organisation, made by the token page's action. */
export async function createToken(origin: string, officerCookie: string, name: string, scopes = ["rollouts:write", "rollouts:read"]): Promise<string> {
  const text = await callAction(origin, officerCookie, "/vendor/rollouts/tokens", "createApiTokenAction", { name, scopes });
  const token = /"token":"(rf_[A-Za-z0-9_-]+)"/.exec(text)?.[1];
  if (!token) throw new Error(`token creation failed: ${text.slice(0, 500)}`);
  return token;
}

export type Sessions = Record<string, string>;

/** One session per demo account named. */
export async function signInAll(origin: string, emails: string[]): Promise<Sessions> {
  const out: Sessions = {};
  for (const email of emails) out[email] = await signIn(origin, email);
  return out;
}

/**
 * Tokens used round-robin, each at most `perMinute` times in any 60 s (the API's limit is 60
 * per token). `take()` waits when every token is at its limit. A 429 answer is counted by the
 * caller, which then retries the same request (the limiter may count more than this pool knows,
 * e.g. per organisation).
 */
export class TokenPool {
  private readonly uses: number[][];
  rateLimited = 0;
  constructor(
    readonly tokens: { token: string; org: string }[],
    private readonly perMinute = 50,
  ) {
    this.uses = tokens.map(() => []);
  }

  /** A token (of organisation `org`, when given) that has room under the limit; waits for one. */
  async take(org?: string): Promise<{ token: string; org: string }> {
    for (;;) {
      const now = Date.now();
      let best = -1;
      let wait = Infinity;
      this.uses.forEach((u, i) => {
        while (u.length && u[0]! <= now - 60_000) u.shift();
        if (org !== undefined && this.tokens[i]!.org !== org) return;
        if (u.length < this.perMinute && (best < 0 || u.length < this.uses[best]!.length)) best = i;
        else if (u.length) wait = Math.min(wait, u[0]! + 60_000 - now);
      });
      if (best >= 0) {
        this.uses[best]!.push(now);
        return this.tokens[best]!;
      }
      await new Promise((r) => setTimeout(r, Math.max(50, Math.min(wait, 5_000))));
    }
  }
}
