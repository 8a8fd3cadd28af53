import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionState } from "@/lib/auth/session";
import { safeNext } from "@/lib/auth/safe-next";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { EnrolStep } from "./enrol-step";
import { SignOutLink } from "../sign-out-link";

export const metadata: Metadata = { title: "Set up a second factor" };

/** A person whose role requires a second factor and who has none sets one up here before anything else. */
export default async function EnrolPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next: raw } = await searchParams;
  const next = safeNext(typeof raw === "string" ? raw : undefined);
  const state = await getSessionState();
  if (!state) redirect(`/login?next=${encodeURIComponent(next)}`);
  if (state.stage === "ready") redirect(next);
  if (state.stage === "factor") redirect(`/login/factor?next=${encodeURIComponent(next)}`);
  return (
    <>
      <h1 className="mb-1 text-xl font-bold">Set up a second factor</h1>
      <p className="mb-6 text-sm text-muted">
        Ringfence requires a second factor for {ROLE_LABELS[state.actor.role].toLowerCase()}s. Set one up now to continue; you will give it each time you sign
        in and before you sign or create API tokens.
      </p>
      <EnrolStep next={next} />
      <SignOutLink />
    </>
  );
}
