import type { SigningSummary } from "@/lib/attestations/summary";
import { STATUS_LABELS } from "@/lib/validations/vendor";
import { count, formatDate, formatPeriod } from "@/lib/format";

const label = (s: SigningSummary["byStatus"][number]["status"]) => (s === "unanswered" ? "Not answered yet" : STATUS_LABELS[s]);

/** What the signature will cover, read from the same data the submission snapshot freezes. */
export function SigningSummaryCard({ summary: s }: { summary: SigningSummary }) {
  const row = "grid gap-1 border-t border-gray-200 py-2 sm:grid-cols-[12rem_1fr]";
  return (
    <section aria-labelledby="summary-h" className="mb-4 max-w-3xl rounded-lg border border-gray-300 bg-white p-4">
      <h3 id="summary-h" className="text-base font-semibold">
        What you are signing
      </h3>
      <p className="mb-2 text-sm text-muted">Signing freezes exactly this: the answers and the evidence as they stand now.</p>
      <dl className="text-sm">
        <div className={row}>
          <dt className="font-semibold">Product</dt>
          <dd>{s.product}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Catalog</dt>
          <dd>
            {s.framework.title}, version {s.framework.version}
          </dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Period covered</dt>
          <dd>{formatPeriod(s.period.start, s.period.end)}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Revision</dt>
          <dd>{s.revision}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Answers</dt>
          <dd>
            {count(s.controls, "control")} in total:
            <ul aria-label="Answers by status" className="mt-1">
              {s.byStatus
                .filter((b) => b.count > 0 || b.status !== "unanswered")
                .map((b) => (
                  <li key={b.status}>
                    {label(b.status)}: {b.count}
                  </li>
                ))}
            </ul>
          </dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Evidence included</dt>
          <dd>
            {s.evidenceItems === 0 ? (
              "None"
            ) : (
              <>
                {count(s.evidenceItems, "item")}, linked {count(s.evidenceLinks, "time")} across the controls
              </>
            )}
          </dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Expired evidence</dt>
          <dd>
            {s.expired.length === 0 ? (
              "None"
            ) : (
              <ul aria-label="Expired evidence">
                {s.expired.map((e) => (
                  <li key={e.id} className="font-semibold text-red-800">
                    “{e.title}”, expired on {formatDate(e.validUntil)} (linked to {e.controlIds.join(", ")})
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
