// Calls a server action over HTTP the way the browser's fetch does (Next-Action header, JSON
// arguments), by its id from the build's manifest, and reads its result from the RSC answer.
import fs from "node:fs";
import path from "node:path";
import { distDir } from "./prod-server";

type Manifest = { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };

export function actionId(name: string): { id: string; page: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir(), "server/server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === name);
  if (!found) throw new Error(`no server action named ${name} in the build`);
  // "app/(auth)/login/page" → "/login": any page that imports the action accepts it.
  const worker = Object.keys(found[1].workers)[0] ?? "app/page";
  const page =
    worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000") || "/";
  return { id: found[0], page };
}

export type ActionAnswer = {
  status: number;
  headers: Headers;
  text: string;
  result: { ok: boolean; data?: unknown; code?: string; formError?: string } | null;
};

export async function callAction(origin: string, name: string, args: unknown[], headers: Record<string, string> = {}): Promise<ActionAnswer> {
  const { id, page } = actionId(name);
  const res = await fetch(`${origin}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", ...headers },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  const line = text.split("\n").find((l) => l.startsWith("1:"));
  let result: ActionAnswer["result"] = null;
  try {
    result = line ? (JSON.parse(line.slice(2)) as ActionAnswer["result"]) : null;
  } catch {
    result = null;
  }
  return { status: res.status, headers: res.headers, text, result };
}
