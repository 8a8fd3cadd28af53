import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getMfaPolicy } from "@/lib/auth/factor-admin";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/page-header";
import { PolicyForm } from "./policy-form";

export const metadata: Metadata = { title: "Sign-in policy" };

export default async function SecurityPolicyPage() {
  await requirePermission("admin.users");
  const policy = await getMfaPolicy(await getDb());
  return (
    <>
      <PageHeader
        title="Sign-in policy"
        description="Which roles must use a second factor (an authenticator app, a passkey or a security key) in addition to their password or single sign-on."
      />
      <Card>
        <PolicyForm roles={ROLES.map((r) => ({ role: r, label: ROLE_LABELS[r], required: policy[r] }))} />
      </Card>
    </>
  );
}
