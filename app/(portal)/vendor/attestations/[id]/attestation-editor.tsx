"use client";
import { HydrationGate } from "@/components/forms/client-form";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SavedAnswer } from "@/lib/attestations/queries";
import { findGaps, gapAnchor, type AnswerRequirements, type Gap, type GapAnswer, type GapEvidence } from "@/lib/attestations/completeness";
import { count } from "@/lib/format";
import type { AnswerFields } from "@/lib/validations/vendor";
import { Button } from "@/components/ui/button";
import { AnswerCard, type CardControl } from "./answer-card";
import type { PickerItem } from "./evidence-picker";
import { controlStates, gapKey, nextGap, STATE_TEXT, type ControlState } from "@/lib/attestations/editor-state";

export type EditorControl = CardControl & { domainKey: string; domainTitle: string };

type Props = {
  attestationId: string;
  controls: EditorControl[];
  answers: Record<string, SavedAnswer>;
  links: Record<string, PickerItem[]>;
  today: string;
  /** The reader's IANA time zone (readerTimeZone()), for save and backup times. */
  zone: string;
  /** The catalog version's rules: what each status requires. */
  requirements: AnswerRequirements;
  /** The control to open first (`?control=` in the address), by its catalog id. */
  initialControlId: string | null;
};

const FIELD_SUFFIX = /-(status|narrative|justification|target|plan|evidence)$/;

/**
 * The draft editor: the controls by domain on one side, each with its state,
 * and the control being answered on the other. The states and the progress
 * figures follow every save (answers and evidence links), so they are true
 * without a reload. Cards are all mounted and only the chosen one is shown, so
 * moving on never loses text that is still being saved.
 */
export function AttestationEditor({ attestationId, controls, answers, links, today, zone, requirements, initialControlId }: Props) {
  const [saved, setSaved] = useState<Map<string, GapAnswer>>(() => new Map(Object.entries(answers)));
  const [evidence, setEvidence] = useState<Map<string, GapEvidence[]>>(() => new Map(Object.entries(links)));
  const [selected, setSelected] = useState<string>(() => controls.find((c) => c.controlId === initialControlId)?.id ?? controls[0]?.id ?? "");
  const [listOpen, setListOpen] = useState(false);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number } | null>(null);
  const lastGap = useRef<string | null>(null);

  const gaps = useMemo(() => findGaps(controls, saved, evidence, today, requirements), [controls, saved, evidence, today, requirements]);
  const states = useMemo(() => controlStates(controls, gaps), [controls, gaps]);
  const answered = controls.filter((c) => saved.get(c.id)?.status).length;
  const complete = controls.filter((c) => states.get(c.id) === "complete").length;
  const index = Math.max(
    0,
    controls.findIndex((c) => c.id === selected),
  );
  const current = controls[index];

  /** Shows one control, records it in the address (so a reload or a shared link comes back to it) and moves focus to it. */
  const select = useCallback(
    (id: string, focusId?: string) => {
      const c = controls.find((x) => x.id === id);
      if (!c) return;
      setSelected(id);
      setListOpen(false);
      setFocusRequest((r) => ({ id: focusId ?? `${c.controlId}-h`, n: (r?.n ?? 0) + 1 }));
      const url = new URL(window.location.href);
      url.searchParams.set("control", c.controlId);
      url.hash = focusId ? focusId : "";
      window.history.replaceState(window.history.state, "", url);
    },
    [controls],
  );

  // Focus follows the selection once the chosen card is visible (also when it is the card already shown).
  useEffect(() => {
    if (focusRequest) focusField(focusRequest.id);
  }, [focusRequest]);

  const goNextGap = useCallback(() => {
    const g = nextGap(controls, gaps, selected, lastGap.current);
    lastGap.current = g ? gapKey(g) : null;
    if (!g) {
      setAnnounce("No gaps left: every control is complete. Check and submit when you are ready.");
      return;
    }
    setAnnounce(`${g.controlId}: ${g.message.replace(/^[^:]*: /, "")}`);
    select(g.controlUuid, gapAnchor(g));
  }, [controls, gaps, selected, select]);

  const step = useCallback(
    (delta: number) => {
      const to = controls[index + delta];
      lastGap.current = null;
      if (to) select(to.id);
    },
    [controls, index, select],
  );

  // A gap link from the check page (…#<control>-<field>) opens that control at that field.
  useEffect(() => {
    const fromHash = () => {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (!FIELD_SUFFIX.test(hash)) return;
      const c = controls.find((x) => x.controlId === hash.replace(FIELD_SUFFIX, ""));
      if (c) select(c.id, hash);
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, [controls, select]);

  // Keys, as on the reviewers' scoring screen: [ previous, ] next, g next gap; never while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing =
        t &&
        (t.isContentEditable ||
          ["TEXTAREA", "SELECT"].includes(t.tagName) ||
          (t.tagName === "INPUT" && !["radio", "checkbox", "button"].includes((t as HTMLInputElement).type)));
      if (e.altKey || e.ctrlKey || e.metaKey || typing) return;
      if (e.key === "g") goNextGap();
      else if (e.key === "[") step(-1);
      else if (e.key === "]") step(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [goNextGap, step]);

  const onSaved = useCallback((id: string, a: AnswerFields) => setSaved((m) => new Map(m).set(id, a)), []);
  const onLinksSaved = useCallback((id: string, items: PickerItem[]) => setEvidence((m) => new Map(m).set(id, items)), []);

  const domains = useMemo(() => {
    const out: { key: string; title: string; controls: EditorControl[] }[] = [];
    for (const c of controls) {
      const last = out[out.length - 1];
      if (last?.key === c.domainKey) last.controls.push(c);
      else out.push({ key: c.domainKey, title: c.domainTitle, controls: [c] });
    }
    return out;
  }, [controls]);

  if (!current) return <p>This catalog version has no controls that apply to this product.</p>;
  const gapCount = gaps.length;

  return (
    <HydrationGate>
      <section aria-labelledby="progress-h" className="mb-4 rounded-lg border border-gray-300 bg-white p-3">
        <h2 id="progress-h" className="sr-only">
          Progress
        </h2>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" aria-live="polite" data-testid="progress">
          <span>
            <strong>{answered}</strong> of {count(controls.length, "control")} answered
          </span>
          <span>
            <strong>{complete}</strong> complete
          </span>
          <span>{gapCount === 0 ? "No gaps: ready to check and submit" : `${count(gapCount, "gap")} to fix`}</span>
        </div>
        <progress className="mt-2 h-2 w-full accent-brand-700" max={controls.length} value={complete} aria-label="Controls complete" />
      </section>

      <div className="sticky top-0 z-10 -mx-4 mb-3 flex items-center gap-1.5 border-b border-gray-300 bg-white/95 px-4 py-2 text-sm sm:gap-2 sm:text-base lg:static lg:mx-0 lg:border-0 lg:bg-transparent lg:px-0">
        <Button
          variant="secondary"
          className="lg:hidden"
          aria-expanded={listOpen}
          aria-controls="control-list"
          aria-label={listOpen ? undefined : `Control ${index + 1} of ${controls.length}: show the list of controls`}
          onClick={() => setListOpen((o) => !o)}
        >
          {listOpen ? "Hide the list" : `Control ${index + 1} of ${controls.length}`}
        </Button>
        <Button variant="secondary" onClick={() => step(-1)} disabled={index === 0} aria-keyshortcuts="[">
          <span aria-hidden="true" className="sm:hidden">
            ‹
          </span>
          <span className="sr-only sm:not-sr-only">Previous</span>
        </Button>
        <Button variant="secondary" onClick={() => step(1)} disabled={index === controls.length - 1} aria-keyshortcuts="]">
          <span aria-hidden="true" className="sm:hidden">
            ›
          </span>
          <span className="sr-only sm:not-sr-only">Next</span>
        </Button>
        <Button onClick={goNextGap} aria-keyshortcuts="g">
          Next gap
        </Button>
        <p className="sr-only" aria-live="polite">
          {announce}
        </p>
        <p className="hidden text-xs text-muted xl:block">Keys: [ previous, ] next, g next gap.</p>
      </div>

      <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
        <nav id="control-list" aria-label="Controls" className={`${listOpen ? "block" : "hidden"} lg:block`}>
          <div className="rounded-lg border border-gray-300 bg-white lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
            <label className="flex items-center gap-2 border-b border-gray-200 px-3 py-2 text-sm">
              <input type="checkbox" className="h-6 w-6" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} />
              Only controls with gaps
            </label>
            {domains.map((d) => {
              const shown = d.controls.filter((c) => !onlyGaps || states.get(c.id) !== "complete" || c.id === selected);
              const done = d.controls.filter((c) => states.get(c.id) === "complete").length;
              if (shown.length === 0) return null;
              return (
                <div key={d.key}>
                  <h3
                    id={`nav-${d.key}`}
                    className="flex justify-between gap-2 bg-gray-50 px-3 py-1.5 text-xs font-semibold tracking-wide text-gray-700 uppercase"
                  >
                    <span>{d.title}</span>
                    <span aria-label={`${done} of ${d.controls.length} complete`}>
                      {done}/{d.controls.length}
                    </span>
                  </h3>
                  <ul aria-labelledby={`nav-${d.key}`}>
                    {shown.map((c) => {
                      const state = states.get(c.id) ?? "unanswered";
                      const here = c.id === selected;
                      return (
                        <li key={c.id} className="border-t border-gray-200">
                          <a
                            href={`?control=${encodeURIComponent(c.controlId)}`}
                            aria-current={here ? "step" : undefined}
                            onClick={(e) => {
                              if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                              e.preventDefault();
                              lastGap.current = null;
                              select(c.id);
                            }}
                            className={`flex min-h-11 items-start gap-2 px-3 py-2 text-sm hover:bg-brand-50 ${here ? "bg-brand-50 font-semibold" : ""}`}
                          >
                            <StateMark state={state} />
                            <span className="min-w-0">
                              <span className="block">
                                {c.controlId} {c.title}
                              </span>
                              <span className="block text-xs font-normal text-muted">
                                {STATE_TEXT[state]}
                                {c.must ? " · must" : ""}
                              </span>
                            </span>
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              );
            })}
          </div>
        </nav>

        <div className="min-w-0">
          <p className="mb-2 text-sm text-muted">
            {current.domainTitle} · control {index + 1} of {controls.length}
          </p>
          <GapsHere gaps={gaps.filter((g) => g.controlUuid === current.id)} />
          {controls.map((c) => (
            <AnswerCard
              key={c.id}
              hidden={c.id !== selected}
              attestationId={attestationId}
              control={c}
              initial={answers[c.id] ?? null}
              linked={links[c.id] ?? []}
              today={today}
              zone={zone}
              requirements={requirements}
              onSaved={(a) => onSaved(c.id, a)}
              onLinksSaved={(items) => onLinksSaved(c.id, items)}
            />
          ))}
        </div>
      </div>
    </HydrationGate>
  );
}

/** What is still missing on the control being edited, in words. */
function GapsHere({ gaps }: { gaps: Gap[] }) {
  if (gaps.length === 0) return <p className="mb-2 text-sm text-green-800">Nothing is missing on this control.</p>;
  return (
    <div className="mb-2 rounded-md border-l-4 border-amber-700 bg-amber-50 p-3 text-sm">
      <p className="font-semibold">Still missing on this control:</p>
      <ul className="list-disc pl-5">
        {gaps.map((g, i) => (
          <li key={i}>
            <a
              href={`#${gapAnchor(g)}`}
              className="underline"
              onClick={(e) => {
                e.preventDefault();
                focusField(gapAnchor(g));
              }}
            >
              {g.message.replace(/^[^:]*: /, "")}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function StateMark({ state }: { state: ControlState }) {
  const style: Record<ControlState, string> = {
    complete: "border-green-700 bg-green-700 text-white",
    unanswered: "border-gray-500 bg-white text-gray-700",
    evidence: "border-amber-700 bg-amber-50 text-amber-900",
    incomplete: "border-amber-700 bg-amber-50 text-amber-900",
  };
  const mark: Record<ControlState, string> = { complete: "✓", unanswered: "", evidence: "!", incomplete: "…" };
  return (
    <span
      aria-hidden="true"
      className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full border text-xs font-bold ${style[state]}`}
    >
      {mark[state]}
    </span>
  );
}

/** Moves focus to a field of the editor: a form control itself, or the first control inside a group (the evidence fieldset). */
function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches("input, select, textarea, button, a, [tabindex]") ? el : el.querySelector<HTMLElement>("input, select, textarea, button, a[href]");
  (target ?? el).scrollIntoView({ block: "center" });
  (target ?? el).focus({ preventScroll: true });
}
