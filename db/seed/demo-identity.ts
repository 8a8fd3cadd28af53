import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { seedEvent } from "./log";
import { hashPassword } from "@/lib/auth/password";
import type { OrgKind, Role } from "@/lib/auth/roles";

/** Documented in the README. Demo data only: never use it on a real deployment. */
export const DEMO_PASSWORD = "Ringfence-demo-2026!";

export const DEMO_ORGANISATIONS: { slug: string; name: string; kind: OrgKind }[] = [
  { slug: "aegis-endpoint", name: "Aegis Endpoint Security", kind: "vendor" },
  { slug: "bastion-sensor", name: "Bastion Sensor Labs", kind: "vendor" },
  { slug: "cobalt-shield", name: "Cobalt Shield", kind: "vendor" },
  { slug: "contoso-platform", name: "Contoso OS Platform", kind: "platform" },
  { slug: "ncra", name: "National Cyber Resilience Agency", kind: "government" },
  { slug: "ringfence-operator", name: "Ringfence Operations", kind: "operator" },
];

export const DEMO_USERS: { email: string; name: string; org: string; role: Role }[] = [
  { email: "officer@aegis.example", name: "Olivia Officer", org: "aegis-endpoint", role: "vendor_officer" },
  { email: "contributor@aegis.example", name: "Carlos Contributor", org: "aegis-endpoint", role: "vendor_contributor" },
  { email: "officer@bastion.example", name: "Bea Bastion", org: "bastion-sensor", role: "vendor_officer" },
  { email: "officer@cobalt.example", name: "Cole Cobalt", org: "cobalt-shield", role: "vendor_officer" },
  { email: "reviewer@contoso.example", name: "Riya Reviewer", org: "contoso-platform", role: "platform_reviewer" },
  { email: "auditor@ncra.example", name: "Aaron Auditor", org: "ncra", role: "gov_auditor" },
  { email: "auditor2@ncra.example", name: "Greta Auditor", org: "ncra", role: "gov_auditor" },
  { email: "observer@ncra.example", name: "Oona Observer", org: "ncra", role: "gov_observer" },
  { email: "admin@ringfence.example", name: "Ada Admin", org: "ringfence-operator", role: "admin" },
];

/** Creates the demo organisations and people that are missing; existing ones are left as they are. */
export async function seedDemoIdentity(db: Db): Promise<{ created: number }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  await db.transaction(async (tx) => {
    for (const o of DEMO_ORGANISATIONS) {
      const [made] = await tx.insert(organisations).values(o).onConflictDoNothing({ target: organisations.slug }).returning({ id: organisations.id });
      if (made) await seedEvent(tx, "organisation.created", { type: "organisation", id: made.id }, { kind: o.kind });
    }
    const orgRows = await tx.select({ id: organisations.id, slug: organisations.slug }).from(organisations);
    const orgId = new Map(orgRows.map((r) => [r.slug, r.id]));
    for (const u of DEMO_USERS) {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, u.email));
      if (existing) continue;
      const [row] = await tx.insert(users).values({ email: u.email, name: u.name, passwordHash: hash }).returning({ id: users.id });
      const organisationId = orgId.get(u.org);
      if (!row || !organisationId) throw new Error(`seed: cannot create ${u.email}`);
      await tx.insert(memberships).values({ userId: row.id, organisationId, role: u.role });
      await seedEvent(tx, "user.invited", { type: "user", id: row.id }, { role: u.role, organisationId });
      created++;
    }
    if (created > 0) {
      await seedEvent(tx, "seed.demo_identity", { type: "system" }, { people: created });
    }
  });
  return { created };
}

export function demoSignInTable(): string {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  const lines = DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role}`);
  return `Demo sign-ins (password for all: ${DEMO_PASSWORD}):\n${lines.join("\n")}`;
}
