import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { countLiveSessions } from "@/lib/auth/sessions";
import { getUserForAdmin, listOrganisations } from "@/lib/identity/queries";
import { isUuid } from "@/lib/ids";
import { Card, PageHeader } from "@/components/ui/page-header";
import { UserForm } from "../user-form";
import { AccountControls } from "./account-controls";
import { SessionsControl } from "./sessions-control";
import { ResetFactors } from "./reset-factors";
import { listFactors } from "@/lib/auth/factors";

export const metadata: Metadata = { title: "Edit person" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("admin.users");
  const { id } = await params;
  const db = await getDb();
  const user = isUuid(id) ? await getUserForAdmin(db, id) : null;
  if (!user) notFound();
  const orgs = await listOrganisations(db);
  const liveSessions = await countLiveSessions(db, user.id);
  const factors = await listFactors(db, user.id);
  return (
    <>
      <PageHeader
        title={user.name}
        description={`${user.email} · ${user.active ? (user.hasPassword ? "active" : "invited, no password set yet") : "deactivated"}`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">Details and role</h2>
          <UserForm organisations={orgs.map(({ id: oid, name, kind }) => ({ id: oid, name, kind }))} existing={user} />
        </Card>
        <Card>
          <h2 className="mb-4 text-lg font-semibold">Access</h2>
          <AccountControls userId={user.id} name={user.name} active={user.active} isSelf={user.id === actor.userId} />
        </Card>
        <Card>
          <h2 className="mb-4 text-lg font-semibold">Sessions</h2>
          <SessionsControl userId={user.id} live={liveSessions} isSelf={user.id === actor.userId} />
        </Card>
        {user.id !== actor.userId && (
          <Card>
            <ResetFactors userId={user.id} name={user.name} factorCount={factors.length} />
          </Card>
        )}
      </div>
    </>
  );
}
