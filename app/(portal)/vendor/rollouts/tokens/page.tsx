import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/rollouts/tokens";
import { Card, PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { TokenForm } from "./token-form";
import { RevokeButton } from "./revoke-button";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const actor = await requirePermission("vendor.tokens");
  const [tokens, zone] = await Promise.all([getDb().then((db) => listApiTokens(db, actor.organisationId)), readerTimeZone()]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let your deployment pipeline send rollout records to the{" "}
            <Link className="underline" href="/vendor/rollouts/api">
              rollout API
            </Link>
            . A token is shown once; only its SHA-256 hash is stored.
          </>
        }
      />
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Create a token</h2>
        <TokenForm zone={zone} />
      </Card>
      {/* Scrolls sideways on a phone rather than stacking: each row holds a revoke form. */}
      <DataTable
        caption="API tokens"
        phone="scroll"
        rows={tokens}
        rowKey={(t) => t.id}
        empty={{ reason: "none", title: "No tokens yet" }}
        columns={[
          { key: "name", header: "Name", cell: (t) => t.name },
          { key: "prefix", header: "Starts with", className: "font-mono", cell: (t) => `${t.prefix}…` },
          { key: "scopes", header: "Scopes", cell: (t) => t.scopes.join(", ") },
          { key: "created", header: "Created", className: "whitespace-nowrap", cell: (t) => formatDateTime(t.createdAt, zone) },
          { key: "used", header: "Last used", className: "whitespace-nowrap", cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt, zone) : "Never") },
          { key: "expires", header: "Expires", className: "whitespace-nowrap", cell: (t) => formatDateTime(t.expiresAt, zone) },
          {
            key: "status",
            header: "Status",
            cell: (t) =>
              t.revokedAt ? `Revoked ${formatDateTime(t.revokedAt, zone)}` : t.expiresAt <= now ? "Expired" : <RevokeButton id={t.id} name={t.name} />,
          },
        ]}
      />
    </>
  );
}
