import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";

export { TOKEN_SCOPE_VALUES as TOKEN_SCOPES } from "./scopes";
import type { TOKEN_SCOPE_VALUES } from "./scopes";
export type TokenScope = (typeof TOKEN_SCOPE_VALUES)[number];

export const hashToken = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");

export type TokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Creates a token and returns its secret once; only its SHA-256 is kept. */
export async function createApiToken(
  db: Db,
  actor: AuditActor & { organisationId: string },
  input: { name: string; scopes: TokenScope[] },
): Promise<{ id: string; token: string; prefix: string }> {
  const token = `rf_${crypto.randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, 9);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ organisationId: actor.organisationId, name: input.name, prefix, tokenHash: hashToken(token), scopes: input.scopes, createdBy: actor.userId, expiresAt: new Date(Date.now() + 90 * 86_400_000) })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, "api_token.created", { type: "api_token", id: row.id }, { name: input.name, prefix, scopes: input.scopes });
    return row.id;
  });
  return { id, token, prefix };
}

export async function listApiTokens(db: Db, organisationId: string): Promise<TokenSummary[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.organisationId, organisationId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes a token of the actor's organisation; false when there is no such active token. */
export async function revokeApiToken(db: Db, actor: AuditActor & { organisationId: string }, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.organisationId, actor.organisationId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    const row = rows[0];
    if (!row) return false;
    await recordAudit(tx, actor, "api_token.revoked", { type: "api_token", id }, { name: row.name });
    return true;
  });
}

/** The active token with this secret, or null. Records its use. */
export async function findActiveToken(db: Db, secret: string): Promise<{ id: string; organisationId: string; scopes: string[] } | null> {
  const [row] = await db
    .select({ id: apiTokens.id, organisationId: apiTokens.organisationId, scopes: apiTokens.scopes, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(secret)));
  if (!row || row.revokedAt) return null;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return { id: row.id, organisationId: row.organisationId, scopes: row.scopes };
}
