import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/rollouts/tokens";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { TokenForm } from "./token-form";
import { RevokeButton } from "./revoke-button";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const actor = await requirePermission("vendor.tokens");
  const [tokens, zone] = await Promise.all([getDb().then((db) => listApiTokens(db, actor.organisationId)), readerTimeZone()]);
  const now = new Date();
  return (
    <>
      <PageHeader title="API tokens" description={<>Tokens let your deployment pipeline send rollout records to the <Link className="underline" href="/vendor/rollouts/api">rollout API</Link>. A token is shown once; only its SHA-256 hash is stored.</>} />
      <Card className="mb-6"><h2 className="mb-2 text-lg font-semibold">Create a token</h2><TokenForm zone={zone} /></Card>
      {tokens.length === 0 ? <EmptyState title="No tokens yet" /> : (
        <ScrollRegion label="API tokens" className="rounded-lg border border-gray-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="bg-gray-100"><tr>{["Name", "Starts with", "Scopes", "Created", "Last used", "Expires", "Status"].map((h) => <th key={h} scope="col" className="px-4 py-2">{h}</th>)}</tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-t border-gray-200">
                  <td className="px-4 py-2">{t.name}</td>
                  <td className="px-4 py-2 font-mono">{t.prefix}…</td>
                  <td className="px-4 py-2">{t.scopes.join(", ")}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(t.createdAt, zone)}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{t.lastUsedAt ? formatDateTime(t.lastUsedAt, zone) : "Never"}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(t.expiresAt, zone)}</td>
                  <td className="px-4 py-2">
                    {t.revokedAt ? `Revoked ${formatDateTime(t.revokedAt, zone)}` : t.expiresAt <= now ? "Expired" : <RevokeButton id={t.id} name={t.name} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
