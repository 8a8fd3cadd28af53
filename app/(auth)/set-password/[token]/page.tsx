import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { findValidPasswordToken } from "@/lib/identity/passwords";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findValidPasswordToken(await getDb(), token);
  if (!link) {
    return (
      <>
        <h1 className="mb-2 text-xl font-bold">This link cannot be used</h1>
        <p className="text-sm text-muted">It has expired, was already used, or the account is not active. Ask your Ringfence administrator for a new link.</p>
        <p className="mt-4 text-sm">
          <Link href="/login" className="text-brand-700 underline">
            Go to sign in
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-bold">{link.purpose === "invite" ? "Welcome to Ringfence" : "Choose a new password"}</h1>
      <p className="mb-6 text-sm text-muted">
        Set the password for <strong>{link.email}</strong>. Use at least 12 characters; a few unrelated words work well.
      </p>
      <SetPasswordForm token={token} email={link.email} />
    </>
  );
}
