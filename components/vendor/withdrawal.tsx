import Link from "next/link";
import type { Withdrawal } from "@/lib/attestations/withdrawals";
import { DateTime } from "@/components/notifications/date-time";

/** On a withdrawn attestation's own pages: who withdrew it, when and why, and that the signed record still stands. */
export function WithdrawalNotice({ withdrawal, attestationId, productName }: { withdrawal: Withdrawal; attestationId: string; productName: string }) {
  return (
    <section aria-labelledby="withdrawn-h" className="mb-4 rounded-md border-l-4 border-gray-600 bg-gray-100 p-3 text-sm">
      <h2 id="withdrawn-h" className="font-semibold">
        Withdrawn by {withdrawal.byName} on <DateTime value={withdrawal.at} />
      </h2>
      <p className="mt-1">
        Reason: <span className="whitespace-pre-wrap">{withdrawal.reason}</span>
      </p>
      <p className="mt-1">
        It no longer covers later versions of {productName}, and it cannot be edited or revised. The signed submission is kept as it was;{" "}
        <Link href={`/vendor/attestations/${attestationId}/verify`} className="underline">
          verify it
        </Link>
        .
      </p>
    </section>
  );
}

/** In lists, beside the status badge. */
export function WithdrawnLine({ at, byName, className = "block" }: { at: Date | null; byName: string | null; className?: string }) {
  if (!at) return null;
  return (
    <span className={`${className} text-xs text-muted`}>
      on <DateTime value={at} />
      {byName ? ` by ${byName}` : ""}
    </span>
  );
}
