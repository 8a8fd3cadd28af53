import type { SavedAnswer } from "@/lib/attestations/queries";
import { STATUS_LABELS } from "@/lib/validations/vendor";
import { ExpiryFlag } from "@/components/vendor/badges";
import { count } from "@/lib/format";

type Control = { id: string; controlId: string; title: string; domainKey: string; domainTitle: string; must: boolean };
type Linked = { id: string; title: string; validUntil: string | null };

/** The answers of a submitted revision, read-only, one collapsible section per domain so the page stays short. */
export function SubmittedAnswers({
  controls,
  answers,
  links,
  today,
}: {
  controls: Control[];
  answers: Map<string, SavedAnswer>;
  links: Map<string, Linked[]>;
  today: string;
}) {
  const domains: { key: string; title: string; controls: Control[] }[] = [];
  for (const c of controls) {
    const last = domains[domains.length - 1];
    if (last?.key === c.domainKey) last.controls.push(c);
    else domains.push({ key: c.domainKey, title: c.domainTitle, controls: [c] });
  }
  return (
    <section aria-labelledby="answers-h" className="mb-6">
      <h2 id="answers-h" className="mb-2 text-xl font-semibold">
        The answers ({count(controls.length, "control")})
      </h2>
      <div className="space-y-2">
        {domains.map((d) => (
          <details key={d.key} id={`domain-${d.key}`} className="rounded-lg border border-gray-300 bg-white">
            <summary className="cursor-pointer px-4 py-3 font-semibold">
              {d.title} <span className="font-normal text-muted">({count(d.controls.length, "control")})</span>
            </summary>
            <ul className="divide-y divide-gray-200 border-t border-gray-200">
              {d.controls.map((c) => {
                const a = answers.get(c.id);
                const linked = links.get(c.id) ?? [];
                return (
                  <li key={c.id} id={`control-${c.controlId}`} className="px-4 py-3 text-sm">
                    <h3 className="font-semibold">
                      {c.controlId} {c.title}
                      {c.must ? <span className="ml-1 rounded border border-brand-700 px-1 text-xs font-normal">must</span> : null}
                    </h3>
                    <p>
                      {a?.status ? STATUS_LABELS[a.status] : "No status"}
                      {a?.maturity !== null && a?.maturity !== undefined ? `; self-assessed maturity ${a.maturity}` : ""}
                    </p>
                    {a?.narrative ? <p className="mt-1 break-words whitespace-pre-wrap">{a.narrative}</p> : null}
                    {a?.justification ? <p className="mt-1 break-words whitespace-pre-wrap">Why it does not apply: {a.justification}</p> : null}
                    {a?.plan || a?.targetDate ? (
                      <p className="mt-1 break-words whitespace-pre-wrap">
                        Plan{a.targetDate ? ` (by ${a.targetDate})` : ""}: {a.plan}
                      </p>
                    ) : null}
                    {linked.length ? (
                      <ul className="mt-1 list-disc pl-5" aria-label={`Evidence for ${c.controlId}`}>
                        {linked.map((e) => (
                          <li key={e.id}>
                            {e.title} <ExpiryFlag validUntil={e.validUntil} today={today} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </details>
        ))}
      </div>
    </section>
  );
}
