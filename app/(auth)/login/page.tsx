import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { safeNext } from "@/lib/auth/safe-next";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next: raw } = await searchParams;
  // Only a normalised same-origin path ever reaches the form or a redirect.
  const next = safeNext(typeof raw === "string" ? raw : undefined);
  if (await getActor()) redirect(next);
  return (
    <>
      <h1 className="mb-1 text-xl font-bold">Sign in</h1>
      <p className="mb-6 text-sm text-muted">Use the email address and password of your Ringfence account.</p>
      <LoginForm next={next} />
    </>
  );
}
