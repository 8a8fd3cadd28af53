import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { listFactors, unusedRecoveryCodes } from "@/lib/auth/factors";
import { getSessionState } from "@/lib/auth/session";
import { safeNext } from "@/lib/auth/safe-next";
import { FactorStep } from "./factor-step";
import { SignOutLink } from "../sign-out-link";

export const metadata: Metadata = { title: "Second factor" };

/** The second step of signing in, for sessions that owe a factor. Other sessions are sent on. */
export default async function FactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next: raw } = await searchParams;
  const next = safeNext(typeof raw === "string" ? raw : undefined);
  const state = await getSessionState();
  if (!state) redirect(`/login?next=${encodeURIComponent(next)}`);
  if (state.stage === "ready") redirect(next);
  if (state.stage === "enrol") redirect(`/login/enrol?next=${encodeURIComponent(next)}`);
  const db = await getDb();
  const factors = await listFactors(db, state.actor.userId);
  const kinds = {
    totp: factors.some((f) => f.kind === "totp"),
    passkey: factors.some((f) => f.kind === "webauthn"),
    recoveryLeft: await unusedRecoveryCodes(db, state.actor.userId),
  };
  return (
    <>
      <h1 className="mb-1 text-xl font-bold">Confirm it is you</h1>
      <p className="mb-6 text-sm text-muted">Your password was right. Now give your second factor to finish signing in as {state.actor.email}.</p>
      <FactorStep kinds={kinds} next={next} />
      <SignOutLink />
    </>
  );
}
