import type { reviewForVendor } from "@/lib/review/remediation";
import { RESULT_LABELS } from "@/lib/review/outcome";
import { formatDate } from "@/lib/format";
import { CloseRemediationForm } from "./close-form";

type Review = NonNullable<Awaited<ReturnType<typeof reviewForVendor>>>;

/** The review as the vendor sees it: the panel's request for changes, then its decision and the conditions to meet. */
export function ReviewSection({
  review,
  status,
  officer,
  today,
  zone,
}: {
  review: Review;
  status: string;
  officer: boolean;
  today: string;
  /** The reader's IANA time zone: the days of the request and the signatures are the reader's. */
  zone: string;
}) {
  if (!review.changesRequested && !review.decision) return null;
  return (
    <section aria-labelledby="review-h" id="remediation" className="mb-6 rounded-lg border border-gray-300 bg-white p-4">
      <h2 id="review-h" className="mb-2 text-lg font-semibold">
        Review
      </h2>
      {review.changesRequested && status === "changes_requested" ? (
        <div className="mb-3 rounded-md border-l-4 border-orange-700 bg-orange-50 p-3 text-sm">
          <p className="font-semibold">The review panel requested changes on {formatDate(review.changesRequested.at, zone)}:</p>
          <p className="whitespace-pre-line">{review.changesRequested.message}</p>
          {officer ? (
            <p className="mt-1">
              Start the requested revision from the Submission page, make the changes and sign it again; controls you do not change keep their scores.
            </p>
          ) : null}
        </div>
      ) : null}
      {review.decision ? (
        <>
          <p className="text-lg font-semibold" data-testid="decision">
            Decision: {RESULT_LABELS[review.decision.result as keyof typeof RESULT_LABELS]}
          </p>
          <p className="text-sm text-muted">
            Signed {formatDate(review.decision.signedAt, zone)}
            {review.decision.cosignedAt ? `, co-signed ${formatDate(review.decision.cosignedAt, zone)}` : ""}. Overall score {review.decision.overall} of 4.
          </p>
          <p className="mt-2 whitespace-pre-line">{review.decision.summary}</p>
          {review.items.length ? (
            <>
              <h3 className="mt-4 font-semibold">Conditions: the plan of action and milestones</h3>
              <ul className="divide-y divide-gray-200">
                {review.items.map((item) => (
                  <li key={item.id} id={`remediation-${item.id}`} className="py-3 text-sm">
                    <p>
                      <span className="font-semibold">{item.controlKey}</span> {item.controlTitle}: {item.action}
                    </p>
                    <p className={item.status === "open" && item.dueDate < today ? "font-semibold text-red-800" : "text-muted"}>
                      Due {formatDate(item.dueDate)}
                      {item.status === "open" && item.dueDate < today ? " — overdue" : ""} ·{" "}
                      {item.status === "open" ? "Open" : item.status === "closed" ? "Closed, waiting for the panel's lead" : "Accepted"}
                    </p>
                    {item.vendorNote ? (
                      <p>
                        Your note: {item.vendorNote}
                        {item.evidenceTitle ? ` (evidence: ${item.evidenceTitle}, version ${item.evidenceVersion})` : ""}
                      </p>
                    ) : null}
                    {item.reviewNote ? <p>Panel&apos;s note: {item.reviewNote}</p> : null}
                    {officer && item.status === "open" ? <CloseRemediationForm itemId={item.id} /> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
