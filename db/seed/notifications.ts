import { seedEvent } from "./log";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, notifications, users } from "@/db/schema";
import { LANDING } from "@/lib/auth/navigation";
import type { Role } from "@/lib/auth/roles";
import { DEMO_USERS } from "./demo-identity";

/** What every demo person finds in their notification list; no email is queued for them. */
function demoNotifications(role: Role) {
  return [
    {
      title: "Welcome to Ringfence",
      body: "Notifications tell you when something needs your attention, such as a review assigned to you, a question about an answer or a decision. This one was created with the demo data.",
      link: LANDING[role],
    },
    {
      title: "Check your account details",
      body: "Your name, email address and role are on your account page, where you can also change your password. This notification was created with the demo data.",
      link: "/account",
    },
    {
      title: "The control catalog",
      body: "The controls that vendors attest against are published in the catalog. This notification was created with the demo data.",
      link: "/catalog",
    },
  ];
}

/** Gives each demo person who has no notifications the three above, an hour apart. Idempotent. */
export async function seedDemoNotifications(db: Db): Promise<number> {
  const people = await db
    .select({ id: users.id, role: memberships.role, has: sql<boolean>`exists (select 1 from ${notifications} where ${notifications.userId} = ${users.id})` })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(
      inArray(
        sql`lower(${users.email})`,
        DEMO_USERS.map((u) => u.email),
      ),
    );
  const now = Date.now();
  const rows = people
    .filter((p) => !p.has)
    .flatMap((p) => demoNotifications(p.role).map((n, i) => ({ ...n, userId: p.id, kind: "demo", createdAt: new Date(now - (2 - i) * 60 * 60 * 1000) })));
  if (rows.length) {
    await db.transaction(async (tx) => {
      await tx.insert(notifications).values(rows);
      await seedEvent(tx, "seed.notifications", { type: "system" }, { count: rows.length });
    });
  }
  return rows.length;
}
