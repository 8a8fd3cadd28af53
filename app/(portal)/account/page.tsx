import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ChangePasswordForm } from "./change-password-form";
import { SignOutEverywhere } from "./sign-out-everywhere";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requirePermission("account.manage");
  return (
    <>
      <PageHeader title="Your account" description={`${actor.name} · ${actor.email} · ${ROLE_LABELS[actor.role]} at ${actor.organisationName}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">Change password</h2>
          <ChangePasswordForm email={actor.email} />
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Sign-in security</h2>
          <p className="mb-4 text-sm text-muted">Second factors (authenticator app, passkeys and security keys) and your recovery codes.</p>
          <Link href="/account/security" className="text-brand-700 underline">
            Manage second factors
          </Link>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Sign out everywhere</h2>
          <p className="mb-4 text-sm text-muted">
            Ends your sessions on every device and browser, including this one. Use it if you signed in on a shared machine or lost a device.
          </p>
          <SignOutEverywhere />
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Sessions</h2>
          <p className="mb-4 text-sm text-muted">See where your account is signed in (device, address, when) and end any session you do not recognise.</p>
          <Link href="/account/sessions" className="font-semibold text-brand-700 underline">
            Your sessions
          </Link>
        </Card>
      </div>
    </>
  );
}
