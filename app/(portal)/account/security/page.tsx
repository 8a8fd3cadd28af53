import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listFactors, roleRequiresFactor, unusedRecoveryCodes } from "@/lib/auth/factors";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { SecurityPanel } from "./security-panel";

export const metadata: Metadata = { title: "Sign-in security" };

export default async function SecurityPage() {
  const actor = await requirePermission("account.manage");
  const db = await getDb();
  const [factors, recoveryLeft, required, zone] = await Promise.all([
    listFactors(db, actor.userId),
    unusedRecoveryCodes(db, actor.userId),
    roleRequiresFactor(db, actor.role),
    readerTimeZone(),
  ]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/account" className="text-brand-700 underline">
          Your account
        </Link>
      </p>
      <PageHeader
        title="Sign-in security"
        description={
          required
            ? "Your role requires a second factor: you give it at each sign-in, and again before signing, co-signing or creating API tokens if the last time was more than 15 minutes ago."
            : "A second factor protects your account if your password is ever stolen. Once you add one, it is asked at each sign-in."
        }
      />
      <SecurityPanel
        factors={factors.map((f) => ({
          id: f.id,
          kind: f.kind,
          label: f.label,
          added: formatDateTime(f.createdAt, zone),
          lastUsed: f.lastUsedAt ? formatDateTime(f.lastUsedAt, zone) : null,
        }))}
        recoveryLeft={recoveryLeft}
        required={required}
      />
    </>
  );
}
