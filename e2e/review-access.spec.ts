import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, storageStateFor, test, type AccountKey } from "./fixtures";

// Over real HTTP against the built server, the way a hostile client would: pages,
// the file route and server actions called by their ids. Aegis's seeded submission
// in review has the demo reviewer (lead) and auditor on its panel; the second
// auditor is a reviewer NOT on it, the observer and Bastion's officer have no
// business there at all.

type Action = { id: string; name: string; worker: string };
function actionsIn(file: string): Action[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node)
    .filter(([, a]) => a.filename === file)
    .map(([id, a]) => ({ id, name: a.exportedName, worker: Object.keys(a.workers)[0] ?? "app/page" }));
}

/** A page that uses the action, with the attestation's id in it. */
function pageOf(action: Action, id: string): string {
  const parts = action.worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !s.startsWith("("));
  return "/" + parts.map((s) => (s.startsWith("[") ? id : s)).join("/");
}

async function call(req: APIRequestContext, baseURL: string, id: string, action: Action, arg: unknown): Promise<string> {
  const res = await req.post(pageOf(action, id), {
    headers: { "next-action": action.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: baseURL },
    data: JSON.stringify([arg]),
    maxRedirects: 0,
  });
  return res.text();
}

const notFoundPage = (status: number, html: string) => status === 404 || html.includes("NEXT_HTTP_ERROR_FALLBACK;404");

test("people off the panel get not-found for every review page, file and action; members see no one's scores before their own", async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const ctx = async (who: AccountKey) => playwright.request.newContext({ baseURL, storageState: storageStateFor(who) });

  // The seeded Aegis submission in review, and one file of it, as its lead sees them.
  const officer = await ctx("officer");
  const list = await (await officer.get("/vendor/attestations")).text();
  const id = /\/vendor\/attestations\/([0-9a-f-]{36})"(?:(?!\/vendor\/attestations\/)[\s\S])*?\b1 Jul 2025 to /.exec(list)![1]!;
  const lead = await ctx("reviewer");
  const scorePage = await (await lead.get(`/review/${id}/score`)).text();
  const file = /\/api\/review\/[0-9a-f-]{36}\/evidence\/([0-9a-f-]{36})\?version=(\d+)/.exec(scorePage)!;
  const fileUrl = `/api/review/${id}/evidence/${file[1]}?version=${file[2]}`;
  const controlId = /\/review\/[0-9a-f-]{36}\/score\?control=([0-9a-f-]{36})/.exec(scorePage)![1]!;

  // The lead may open the file, as a download and as a sandboxed preview.
  const dl = await lead.get(fileUrl);
  expect(dl.status()).toBe(200);
  expect(dl.headers()["content-disposition"]).toMatch(/^attachment;/);
  const preview = await lead.get(`${fileUrl}&inline=1`);
  expect(preview.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(preview.headers()["content-security-policy"]).toMatch(/^sandbox/);
  // A version the submission did not sign is not served, even to the lead.
  expect((await lead.get(`/api/review/${id}/evidence/${file[1]}?version=${Number(file[2]) + 1}`)).status()).toBe(404);

  const reviewActions = actionsIn("app/(portal)/review/[attestationId]/actions.ts");
  const clarifyActions = actionsIn("app/(portal)/review/[attestationId]/clarifications/actions.ts");
  const args: Record<string, unknown> = {
    declareConflictAction: { attestationId: id, hasConflict: false, note: "" },
    saveScoreAction: { attestationId: id, controlId, score: 3, rationale: "", version: 1 },
    submitScorecardAction: { attestationId: id },
    requestChangesAction: { attestationId: id, message: "Please change everything at once." },
    addCommentAction: { attestationId: id, controlId, body: "A comment." },
    recordConsensusAction: { attestationId: id, controlId, score: 3, note: "" },
    recordFindingAction: { attestationId: id, rolloutRecordId: controlId, findingKey: "no_canary#0", note: "Addressed by someone." },
    signDecisionAction: { attestationId: id, summary: "A decision nobody should be able to sign.", remediation: [] },
    cosignDecisionAction: { attestationId: id },
    reviewRemediationAction: { itemId: controlId, accept: true, note: "" },
    askClarificationAction: { attestationId: id, controlId, body: "A question from outside the panel." },
  };
  expect(reviewActions.length + clarifyActions.length).toBeGreaterThanOrEqual(12);

  for (const who of ["auditor2", "observer", "bastion"] as const) {
    const req = await ctx(who);
    for (const page of [`/review/${id}`, `/review/${id}/score`, `/review/${id}/reconcile`, `/review/${id}/clarifications`]) {
      const res = await req.get(page, { maxRedirects: 0 });
      expect(notFoundPage(res.status(), res.status() < 300 ? await res.text() : ""), `${who} ${page}`).toBe(true);
    }
    expect((await req.get(fileUrl)).status(), `${who} file`).toBe(404);
    expect((await req.get(`${fileUrl}&inline=1`)).status(), `${who} preview`).toBe(404);
    for (const action of [...reviewActions, ...clarifyActions]) {
      if (!(action.name in args)) continue;
      const body = await call(req, baseURL!, id, action, args[action.name]);
      // Off the panel: not found (the attestation does not exist for them); without the permission: forbidden.
      expect(body, `${who} → ${action.name}`).toMatch(/"code":"(not_found|forbidden)"/);
    }
    await req.dispose();
  }

  // Blind, over HTTP: the lead saves a score with a rationale; the other member, who has not submitted, sees none of it.
  const saveScore = reviewActions.find((a) => a.name === "saveScoreAction")!;
  const marker = `Rationale ${Date.now()}: the canary ring is too large for content.`;
  const saved = await call(lead, baseURL!, id, saveScore, { attestationId: id, controlId, score: 1, rationale: marker, version: 1 });
  expect(saved).toMatch(/"ok":true/);
  const member = await ctx("auditor");
  for (const page of [`/review/${id}`, `/review/${id}/score?control=${controlId}`, `/review/${id}/reconcile`]) {
    const html = await (await member.get(page)).text();
    expect(html, page).not.toContain(marker);
  }
  expect(await (await member.get(`/review/${id}/reconcile`)).text()).toContain("Submit your own scorecard first.");
  // The lead, who has not submitted either, sees only their own.
  expect(await (await lead.get(`/review/${id}/reconcile`)).text()).toContain("Submit your own scorecard first.");
  await Promise.all([officer.dispose(), lead.dispose(), member.dispose()]);
});
