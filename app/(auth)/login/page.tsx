import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getSessionState, pendingFactorPath } from "@/lib/auth/session";
import { safeNext } from "@/lib/auth/safe-next";
import { listSignInProviders } from "@/lib/auth/sso";
import { FormAlert } from "@/components/ui/form-alert";
import { loginErrorMessage } from "./error-message";
import { LoginForm } from "./login-form";
import { SsoButtons } from "./sso-buttons";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next: raw, error } = await searchParams;
  // Only a normalised same-origin path ever reaches the form or a redirect.
  const next = safeNext(typeof raw === "string" ? raw : undefined);
  // Signed in already: on to `next`, or to the second-factor step the session still owes.
  const state = await getSessionState();
  if (state) redirect(state.stage === "ready" ? next : `${pendingFactorPath(state.stage)}?next=${encodeURIComponent(next)}`);
  const providers = await listSignInProviders(await getDb());
  return (
    <>
      <h1 className="mb-1 text-xl font-bold">Sign in</h1>
      <p className="mb-6 text-sm text-muted">
        Use the email address and password of your Ringfence account{providers.length ? ", or your organisation's sign-in service" : ""}.
      </p>
      <FormAlert message={loginErrorMessage(typeof error === "string" ? error : undefined)} />
      <LoginForm next={next} />
      <SsoButtons providers={providers} next={next} />
    </>
  );
}
