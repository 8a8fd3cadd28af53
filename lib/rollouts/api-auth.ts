import "server-only";
import { getDb } from "@/db/client";
import { problemResponse } from "@/lib/http/problem";
import { describeLimit, takeRateLimits, tryAgainIn } from "@/lib/http/rate-limit";
import { recordAudit } from "@/lib/server/audit";
import { findActiveToken, type TokenScope } from "./tokens";

export type ApiCaller = { tokenId: string; organisationId: string };

const unauthorised = (detail: string) =>
  problemResponse(401, "unauthorized", "Authentication required", detail, { headers: { "www-authenticate": 'Bearer realm="ringfence"' } });

/**
 * API routes accept only `Authorization: Bearer <token>` of an organisation's
 * API token (never a session cookie). Returns the caller, or the problem
 * response to send: 401 unknown, revoked or expired, 429 over the token's or
 * its organisation's rate limit (lib/http/rate-limit-policy.ts), 403 scope.
 */
export async function authenticateApi(request: Request, scope: TokenScope): Promise<ApiCaller | Response> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return unauthorised("Send an API token in the Authorization header: Authorization: Bearer <token>.");
  const db = await getDb();
  const token = await findActiveToken(db, match[1]!);
  if (token.status === "expired")
    return unauthorised(
      `This API token expired at ${token.expiresAt.toISOString()}. An officer of your organisation can create a new one under Rollouts, API tokens.`,
    );
  if (token.status !== "active") return unauthorised("This API token is unknown or has been revoked.");
  const refused = await takeRateLimits(db, [
    { limit: "api.token", subject: token.id },
    { limit: "api.organisation", subject: token.organisationId },
  ]);
  if (refused) {
    const whose = refused.limit === "api.token" ? "one token" : "all of your organisation's tokens together";
    return problemResponse(
      429,
      "rate-limited",
      "Too many requests",
      `The API accepts ${describeLimit(refused.rule, "requests")} with ${whose}. ${tryAgainIn(refused.retryAfterSeconds)}`,
      {
        headers: { "retry-after": String(refused.retryAfterSeconds) },
      },
    );
  }
  if (!token.scopes.includes(scope)) return problemResponse(403, "forbidden", "Missing scope", `This token lacks the ${scope} scope.`);
  // Every accepted use is in the log, attributed to the token's organisation (no person acts).
  await recordAudit(
    await getDb(),
    { userId: null, organisationId: token.organisationId, role: null },
    "api_token.used",
    { type: "api_token", id: token.id },
    { method: request.method, path: new URL(request.url).pathname, scope },
  );
  return { tokenId: token.id, organisationId: token.organisationId };
}
