import { count } from "@/lib/format";
import "server-only";
import { getDb } from "@/db/client";
import { jsonResponse, problemResponse } from "@/lib/http/problem";
import { authenticateApi } from "../api-auth";
import { ANALYSER_VERSION, analyseRollout, checkRolloutRecord } from "../analysis";
import { currentThresholds } from "../thresholds";
import { isObject, readJsonRequest } from "./request";

/**
 * POST /api/v1/rollouts/dry-run: body `{ "record": RolloutRecord }`. Checks a
 * planned record against the current thresholds and answers with the findings
 * it would get. Reads only; nothing is stored (no record, history or audit row).
 */
export async function dryRunRolloutViaApi(request: Request): Promise<Response> {
  const caller = await authenticateApi(request, "rollouts:write");
  if (caller instanceof Response) return caller;
  const read = await readJsonRequest(request);
  if (read instanceof Response) return read;
  if (!isObject(read.body) || read.body.record === undefined)
    return problemResponse(422, "invalid-record", "Invalid request", 'Send an object { "record": { ... } }.', {
      errors: [{ path: "record", message: "Give the record." }],
    });
  const checked = checkRolloutRecord(read.body.record);
  if (!checked.ok)
    return problemResponse(422, "invalid-record", "Invalid rollout record", `${count(checked.reasons.length, "problem")} in the record.`, {
      errors: checked.reasons.map((r) => ({ path: r.path === "(document)" ? "record" : `record.${r.path}`, message: r.message })),
    });
  const policy = await currentThresholds(await getDb());
  const analysis = policy ? analyseRollout(checked.record, policy.thresholds) : null;
  return jsonResponse(200, {
    stored: false,
    frameworkVersionId: policy?.frameworkVersionId ?? null,
    analyserVersion: ANALYSER_VERSION,
    worstSeverity: analysis?.worstSeverity ?? null,
    findings: analysis?.findings ?? [],
    analysis,
  });
}
