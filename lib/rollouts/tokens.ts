import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";

export { TOKEN_SCOPE_VALUES as TOKEN_SCOPES } from "./scopes";
import { DEFAULT_TOKEN_LIFETIME_DAYS, type TOKEN_SCOPE_VALUES, type TokenLifetimeDays } from "./scopes";
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
  expiresAt: Date;
};

/** Creates a token and returns its secret once; only its SHA-256 is kept. */
export async function createApiToken(
  db: Db,
  actor: AuditActor & { organisationId: string },
  input: { name: string; scopes: TokenScope[]; lifetimeDays?: TokenLifetimeDays },
  now: Date = new Date(),
): Promise<{ id: string; token: string; prefix: string; expiresAt: Date }> {
  const token = `rf_${crypto.randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, 9);
  const expiresAt = new Date(now.getTime() + (input.lifetimeDays ?? DEFAULT_TOKEN_LIFETIME_DAYS) * 86_400_000);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        organisationId: actor.organisationId,
        name: input.name,
        prefix,
        tokenHash: hashToken(token),
        scopes: input.scopes,
        createdBy: actor.userId,
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(
      tx,
      actor,
      "api_token.created",
      { type: "api_token", id: row.id },
      { name: input.name, prefix, scopes: input.scopes, expiresAt: expiresAt.toISOString() },
    );
    return row.id;
  });
  return { id, token, prefix, expiresAt };
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
      expiresAt: apiTokens.expiresAt,
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

export type TokenLookup =
  { status: "active"; id: string; organisationId: string; scopes: string[] } | { status: "unknown" | "revoked" } | { status: "expired"; expiresAt: Date };

/** The token with this secret and whether it may be used; an active token's use is recorded. */
export async function findActiveToken(db: Db, secret: string, now: Date = new Date()): Promise<TokenLookup> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      organisationId: apiTokens.organisationId,
      scopes: apiTokens.scopes,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(secret)));
  if (!row) return { status: "unknown" };
  if (row.revokedAt) return { status: "revoked" };
  if (row.expiresAt <= now) return { status: "expired", expiresAt: row.expiresAt };
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return { status: "active", id: row.id, organisationId: row.organisationId, scopes: row.scopes };
}
