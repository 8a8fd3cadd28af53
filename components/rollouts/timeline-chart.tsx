import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { shareScale } from "./share-scale";
import { timelineData, type TimelineMark } from "./timeline-data";
import { formatDateTimeNoZone, formatNumber, zoneNames } from "@/lib/format";
import { ScrollRegion } from "@/components/ui/scroll-region";

const W = 720,
  H = 300,
  L = 56,
  R = 16,
  T = 16,
  B = 48;
const MARK_COLOUR = { "gate-pass": "#166534", "gate-fail": "#b91c1c", halt: "#b91c1c", rollback: "#7c2d12", other: "#374151" } as const;

/**
 * Cumulative share of the fleet over time as a step line, with ring starts,
 * gates (✓ passed, ✗ failed), halts and rollbacks. The table beside it carries
 * the same data for screen readers; `summary` is the chart's text alternative.
 */
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Passed-gate circles closer than their own width would merge into a bar: keep the first of each cluster. */
function spreadPassMarks(marks: TimelineMark[], x: (ms: number) => number): TimelineMark[] {
  const out: TimelineMark[] = [];
  let lastPass = -Infinity;
  for (const m of [...marks].sort((a, b) => a.at - b.at)) {
    if (m.kind === "gate-pass") {
      if (x(m.at) - lastPass < 14) continue;
      lastPass = x(m.at);
    }
    out.push(m);
  }
  return out;
}

export function TimelineChart({ record, summary, zone }: { record: RolloutRecord; summary: string; zone: string }) {
  const { start, end, steps, marks, ringStarts, hiddenMarks } = timelineData(record);
  const scale = shareScale(record.rings.map((r) => r.sharePct));
  // One decimal is finer than a pixel of the 720-unit view box, and keeps a 500-ring path small.
  const x = (ms: number) => round1(L + ((ms - start) / (end - start)) * (W - L - R));
  const y = (pct: number) => round1(T + (1 - scale.fraction(pct)) * (H - T - B));
  const drawn = spreadPassMarks(marks, x);
  const merged = marks.length - drawn.length;
  let path = `M${x(steps[0]!.at)},${y(0)}`;
  for (const s of steps.slice(1)) path += ` H${x(s.at)} V${y(s.pct)}`;
  path += ` H${x(end)}`;
  const ticks = Array.from({ length: 5 }, (_, i) => start + ((end - start) * i) / 4);
  return (
    <ScrollRegion label="Rollout timeline chart">
      <figure>
        <svg role="img" aria-label={summary} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-3xl min-w-[600px] bg-white">
          {scale.ticks.map((p) => (
            <g key={p}>
              <line x1={L} x2={W - R} y1={y(p)} y2={y(p)} stroke="#e5e7eb" />
              <text x={L - 6} y={y(p) + 4} fontSize="13" textAnchor="end" fill="#374151">
                {p}%
              </text>
            </g>
          ))}
          {ticks.map((tk, i) => (
            <text key={i} x={x(tk)} y={H - B + 16} fontSize="12" textAnchor={i === 0 ? "start" : i === 4 ? "end" : "middle"} fill="#374151">
              {formatDateTimeNoZone(tk, zone)}
            </text>
          ))}
          <text x={(L + W - R) / 2} y={H - 8} fontSize="13" textAnchor="middle" fill="#111827">
            Time ({zoneNames(start, end, zone)})
          </text>
          <text x={14} y={(T + H - B) / 2} fontSize="13" textAnchor="middle" fill="#111827" transform={`rotate(-90 14 ${(T + H - B) / 2})`}>
            Fleet with the release (%)
          </text>
          {ringStarts.map((at, i) => (
            <line key={i} x1={x(at)} x2={x(at)} y1={T} y2={H - B} stroke="#9ca3af" strokeDasharray="2 3" />
          ))}
          <path d={path} fill="none" stroke="#1d4ed8" strokeWidth="2.5" />
          {drawn.map((m, i) => {
            const cx = x(m.at);
            const c = MARK_COLOUR[m.kind];
            if (m.kind === "halt" || m.kind === "rollback" || m.kind === "other")
              return (
                <g key={i}>
                  <line x1={cx} x2={cx} y1={T} y2={H - B} stroke={c} strokeWidth="1.5" strokeDasharray={m.kind === "halt" ? "6 3" : "2 2"} />
                  <text x={cx - 3} y={T + 10 + (i % 3) * 12} fontSize="12" textAnchor="end" fill={c}>
                    {m.label}
                  </text>
                </g>
              );
            return (
              <g key={i}>
                <circle cx={cx} cy={H - B - 10} r="7" fill="white" stroke={c} strokeWidth="2" />
                <text x={cx} y={H - B - 6} fontSize="12" textAnchor="middle" fill={c} fontWeight="bold">
                  {m.kind === "gate-pass" ? "✓" : "✗"}
                </text>
              </g>
            );
          })}
          <line x1={L} x2={L} y1={T} y2={H - B} stroke="#111827" />
          <line x1={L} x2={W - R} y1={H - B} y2={H - B} stroke="#111827" />
        </svg>
        <figcaption className="mt-1 text-sm text-muted">
          Blue: share of the fleet with the release. Dotted grey: ring starts. ✓/✗: health gates. Red dashed: halt; brown dotted: rollback.
          {scale.kind === "symlog" ? " The share axis is logarithmic above 0.1%, so small first rings stay visible." : ""}
          {hiddenMarks + merged ? ` ${formatNumber(hiddenMarks + merged)} further markers are not drawn; every gate and event is in the tables below.` : ""}
        </figcaption>
      </figure>
    </ScrollRegion>
  );
}
