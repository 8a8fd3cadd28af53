import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listOrganisations } from "@/lib/identity/queries";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ORG_KIND_LABELS } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminLanding() {
  await requirePermission("admin.organisations");
  const orgs = await listOrganisations(await getDb());
  const people = orgs.reduce((n, o) => n + o.members, 0);
  return (
    <>
      <PageHeader title="Administration" description="You run the portal: organisations, the people in them and their roles." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">Organisations</h2>
          <p className="my-2 text-3xl font-bold">{orgs.length}</p>
          <p className="mb-3 text-sm text-muted">
            {Object.entries(ORG_KIND_LABELS)
              .map(([kind, label]) => `${orgs.filter((o) => o.kind === kind).length} ${label.toLowerCase()}`)
              .join(" · ")}
          </p>
          <Link className="text-brand-700 underline" href="/admin/organisations">
            Manage organisations
          </Link>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">People</h2>
          <p className="my-2 text-3xl font-bold">{people}</p>
          <p className="mb-3 text-sm text-muted">Invite people, assign roles, issue password links and deactivate accounts.</p>
          <Link className="text-brand-700 underline" href="/admin/users">
            Manage people
          </Link>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">Email outbox</h2>
          <p className="mb-3 text-sm text-muted">
            Every email the portal queued for a notification: sent, waiting, failed or held when email sending is not configured.
          </p>
          <Link className="text-brand-700 underline" href="/admin/outbox">
            Read the outbox
          </Link>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">Sign-in policy</h2>
          <p className="mb-3 text-sm text-muted">Which roles must use a second factor (authenticator app, passkey or security key).</p>
          <Link className="text-brand-700 underline" href="/admin/security">
            Set the sign-in policy
          </Link>
        </Card>
      </div>
    </>
  );
}
