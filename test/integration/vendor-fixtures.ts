import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { catalogControls, frameworkVersions, products } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { getPrincipalForSignIn } from "@/lib/identity/queries";

/** A private data folder per test file, set before anything reads the configuration. */
export function makeTempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rf-vendor-"));
  process.env.RINGFENCE_DATA_DIR = dir;
  return dir;
}

export async function actorFor(db: Db, email: string): Promise<Actor> {
  const p = await getPrincipalForSignIn(db, email);
  if (!p) throw new Error(`no demo account ${email}`);
  const { passwordHash: _h, active: _a, sessionVersion: _s, ...actor } = p;
  return actor;
}

export async function baselineVersionId(db: Db): Promise<string> {
  const [v] = await db.select({ id: frameworkVersions.id }).from(frameworkVersions).where(eq(frameworkVersions.version, "1.0"));
  return v!.id;
}

export async function productNamed(db: Db, organisationId: string, name: string): Promise<string> {
  const [p] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.organisationId, organisationId), eq(products.name, name)));
  return p!.id;
}

export async function controlUuid(db: Db, versionId: string, controlId: string): Promise<string> {
  const [c] = await db
    .select({ id: catalogControls.id })
    .from(catalogControls)
    .where(and(eq(catalogControls.versionId, versionId), eq(catalogControls.controlId, controlId)));
  return c!.id;
}

export const ANSWERED = { status: "implemented" as const, narrative: "We do this every release.", maturity: 3, justification: "", targetDate: null, plan: "" };

/**
 * Takes a submitted attestation through the real review path to "changes
 * requested": the demo administrator assigns the demo reviewer (lead) and
 * auditor, both declare no conflict, and the lead requests changes.
 */
export async function requestChangesOn(db: Db, attestationId: string): Promise<void> {
  const { assignPanel, declareConflict } = await import("@/lib/review/panels");
  const { requestChanges } = await import("@/lib/review/decision");
  const [admin, reviewer, auditor] = await Promise.all([
    actorFor(db, "admin@ringfence.example"),
    actorFor(db, "reviewer@contoso.example"),
    actorFor(db, "auditor@ncra.example"),
  ]);
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const steps = [
    await assignPanel(db, admin, { attestationId, memberIds: [reviewer.userId, auditor.userId], leadUserId: reviewer.userId, dueDate: due }),
    await declareConflict(db, reviewer, { attestationId, hasConflict: false, note: "" }),
    await declareConflict(db, auditor, { attestationId, hasConflict: false, note: "" }),
    await requestChanges(db, reviewer, { attestationId, message: "Please add the rollback drill reports for the period." }),
  ];
  for (const s of steps) if (!s.ok) throw new Error(`review step failed: ${s.formError ?? JSON.stringify(s.fieldErrors)}`);
}

let periods = 0;
/** A reporting period no other fixture in this file uses (and no demo attestation covers): a product cannot have two overlapping attestations. */
export function uniquePeriod(): { periodStart: string; periodEnd: string } {
  const year = 2000 + periods++;
  return { periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` };
}
