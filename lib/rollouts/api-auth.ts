import "server-only";
import { getDb } from "@/db/client";
import { problemResponse } from "@/lib/http/problem";
import { recordAudit } from "@/lib/server/audit";
import { takeRateLimit } from "./rate-limit";
import { findActiveToken, type TokenScope } from "./tokens";

export type ApiCaller = { tokenId: string; organisationId: string };

const unauthorised = (detail: string) =>
  problemResponse(401, "unauthorized", "Authentication required", detail, { headers: { "www-authenticate": 'Bearer realm="ringfence"' } });

/**
 * API routes accept only `Authorization: Bearer <token>` of an organisation's
 * API token (never a session cookie). Returns the caller, or the problem
 * response to send: 401 unknown or revoked, 429 over the rate limit, 403 scope.
 */
export async function authenticateApi(request: Request, scope: TokenScope): Promise<ApiCaller | Response> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return unauthorised("Send an API token in the Authorization header: Authorization: Bearer <token>.");
  const token = await findActiveToken(await getDb(), match[1]!);
  if (!token) return unauthorised("This API token is unknown or has been revoked.");
  const wait = takeRateLimit(token.id);
  if (wait !== null)
    return problemResponse(429, "rate-limited", "Too many requests", `This token may make 60 requests a minute. Try again in ${wait} seconds.`, {
      headers: { "retry-after": String(wait) },
    });
  if (!token.scopes.includes(scope)) return problemResponse(403, "forbidden", "Missing scope", `This token lacks the ${scope} scope.`);
  // Every accepted use is in the log, attributed to the token's organisation (no person acts).
  await recordAudit(await getDb(), { userId: null, organisationId: token.organisationId, role: null }, "api_token.used", { type: "api_token", id: token.id }, { method: request.method, path: new URL(request.url).pathname, scope });
  return { tokenId: token.id, organisationId: token.organisationId };
}
