// Complete, unsigned attestations for the kill test to submit: made with the portal's own
// data-access functions (every control answered, must controls evidenced), as a vendor's
// officer would have left them before pressing "Sign and submit".
import { and, asc, eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { frameworkVersions, products } from "@/db/schema";
import { saveAnswer, setEvidenceLinks, startAttestation } from "@/lib/attestations/answers";
import { loadWorkspace } from "@/lib/attestations/queries";
import type { Actor } from "@/lib/auth/actor";
import { createUrlEvidence } from "@/lib/evidence/vault";
import { getPrincipalForSignIn } from "@/lib/identity/queries";

export async function completeDrafts(databaseUrl: string, email: string, count: number): Promise<string[]> {
  const handle = await openDatabase({ kind: "postgres", url: databaseUrl, poolMax: 4 });
  try {
    const db = handle.db;
    const p = await getPrincipalForSignIn(db, email);
    if (!p) throw new Error(`no account ${email}`);
    const actor: Actor = {
      userId: p.userId,
      name: p.name,
      email: p.email,
      role: p.role,
      organisationId: p.organisationId,
      organisationName: p.organisationName,
      organisationKind: p.organisationKind,
    };
    const [version] = await db
      .select({ id: frameworkVersions.id })
      .from(frameworkVersions)
      .where(eq(frameworkVersions.status, "published"))
      .orderBy(asc(frameworkVersions.version))
      .limit(1);
    const [product] = await db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.organisationId, actor.organisationId)))
      .orderBy(asc(products.name))
      .limit(1);
    if (!version || !product) throw new Error("the demo data has no published catalog or no product");
    const ev = await createUrlEvidence(db, actor, {
      title: "Fault test deployment policy",
      description: "",
      kind: "url",
      url: "https://vendor.example/sdp",
      evidenceDate: "2026-01-01",
      validUntil: null,
      classification: "publishable",
    });
    if (!ev.ok) throw new Error("evidence failed");
    const ids: string[] = [];
    // One product cannot have two attestations for overlapping periods: each draft gets a year of its own, skipping years already attested.
    for (let year = 2000; ids.length < count; year++) {
      if (year > 2000 + count + 100) throw new Error("no free reporting period for the fault test's drafts");
      const r = await startAttestation(db, actor, {
        productId: product.id,
        frameworkVersionId: version.id,
        kind: "new",
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
      });
      if (!r.ok && r.code === "conflict") continue;
      if (!r.ok) throw new Error("start failed");
      const ws = (await loadWorkspace(db, actor.organisationId, r.data.id))!;
      for (const c of ws.controls) {
        const saved = await saveAnswer(db, actor, {
          attestationId: r.data.id,
          controlId: c.id,
          version: 0,
          status: "implemented",
          narrative: "We do this every release.",
          maturity: 3,
          justification: "",
          targetDate: null,
          plan: "",
        });
        if (!saved.ok) throw new Error(`answer failed: ${saved.formError}`);
        if (c.must) await setEvidenceLinks(db, actor, { attestationId: r.data.id, controlId: c.id, evidenceIds: [ev.data.id] });
      }
      ids.push(r.data.id);
    }
    return ids;
  } finally {
    await handle.close();
  }
}
