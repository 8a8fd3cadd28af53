// The reports' charts, drawn on the server as plain SVG: no chart library and no JavaScript in the
// browser (recharts added about 100 KB gzip to the reports pages). Each chart is a figure whose
// caption states the main fact, and the page puts a table with the same values beside it; the chart
// itself is one image with that fact as its accessible name. The SVG has a fixed size and scales
// down on narrow screens (viewBox, see .chart in app/globals.css). Text is at least 7:1 against the
// white background; every value is also printed as text, so no reading depends on colour.
import type { ReactNode } from "react";

export const BAND_COLOURS = { low: "#b91c1c", weak: "#ea580c", fair: "#ca8a04", good: "#65a30d", strong: "#15803d" } as const;

function band(score: number): keyof typeof BAND_COLOURS {
  if (score < 1) return "low";
  if (score < 2) return "weak";
  if (score < 3) return "fair";
  if (score < 3.5) return "good";
  return "strong";
}

const FONT = 12;
/** A generous width of one character at 12 px in the portal's sans-serif font, for wrapping labels. */
const CHAR = 6.8;
const AXIS_TEXT = "#374151";
const VALUE_TEXT = "#111827";
const AXIS_LINE = "#6b7280";
const GRID = "#e5e7eb";

/** Splits a label into lines of at most `width` pixels (roughly), at spaces; a longer word keeps its own line. */
export function wrapLabel(text: string, width: number): string[] {
  const max = Math.max(1, Math.floor(width / CHAR));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

/** A label of several lines: `y` is the middle of the block (anchor "middle") or its top (anchor "top"). */
function Label({ x, y, lines, anchor, vertical }: { x: number; y: number; lines: string[]; anchor: "start" | "middle" | "end"; vertical: "middle" | "top" }) {
  const lineHeight = FONT + 2;
  const top = vertical === "middle" ? y - ((lines.length - 1) * lineHeight) / 2 : y + FONT * 0.8;
  return (
    <text x={x} y={top} textAnchor={anchor} fontSize={FONT} fill={AXIS_TEXT} dominantBaseline={vertical === "middle" ? "middle" : "auto"}>
      {lines.map((l, i) => (
        <tspan key={i} x={x} dy={i === 0 ? 0 : lineHeight}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/** The outer frame: one image whose accessible name is `title`; the drawing itself is hidden from assistive technology. */
function Chart({ title, width, height, children }: { title: string; width: number; height: number; children: ReactNode }) {
  return (
    <div className="chart" role="img" aria-label={title}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" fontFamily="inherit">
        {children}
      </svg>
    </div>
  );
}

/** Horizontal bars, 0–4, one per domain, value printed at the bar's end. */
export function DomainScoresChart({ data, title }: { data: { label: string; score: number }[]; title: string }) {
  const width = 640;
  const labelWidth = 192;
  const left = 8 + labelWidth + 8;
  const right = width - 48;
  const top = 8;
  const row = 36;
  const bottom = top + data.length * row;
  const height = bottom + 32;
  const x = (v: number) => left + (Math.min(4, Math.max(0, v)) / 4) * (right - left);
  return (
    <Chart title={title} width={width} height={height}>
      {[0, 1, 2, 3, 4].map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={bottom} stroke={GRID} />
          <line x1={x(t)} x2={x(t)} y1={bottom} y2={bottom + 6} stroke={AXIS_LINE} />
          <text x={x(t)} y={bottom + 20} textAnchor="middle" fontSize={FONT} fill={AXIS_TEXT}>
            {t}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const mid = top + i * row + row / 2;
        return (
          <g key={d.label}>
            <Label x={left - 8} y={mid} lines={wrapLabel(d.label, labelWidth)} anchor="end" vertical="middle" />
            <rect x={left} y={mid - 10} width={x(d.score) - left} height={20} fill={BAND_COLOURS[band(d.score)]} />
            <text x={x(d.score) + 5} y={mid} dominantBaseline="middle" fontSize={FONT} fill={VALUE_TEXT}>
              {d.score.toFixed(2)}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top} y2={bottom} stroke={AXIS_LINE} />
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={AXIS_LINE} />
    </Chart>
  );
}

const RESULT_COLOURS: Record<string, string> = { meets: "#15803d", meets_with_conditions: "#ca8a04", does_not_meet: "#b91c1c" };

/** Whole-number ticks from 0 covering `max` in four steps (0–4 when every count is 0 or 1). */
export function countTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  return [0, 1, 2, 3, 4].map((i) => i * step);
}

/** Vertical bars: how many reports have each outcome. */
export function OutcomesChart({ data, title }: { data: { result: string; label: string; n: number }[]; title: string }) {
  const width = 480;
  const left = 68;
  const right = width - 16;
  const top = 24;
  const bottom = 202;
  const slot = (right - left) / Math.max(1, data.length);
  const labels = data.map((d) => wrapLabel(d.label, slot - 8));
  const height = bottom + 14 + Math.max(1, ...labels.map((l) => l.length)) * (FONT + 2) + 4;
  const ticks = countTicks(Math.max(0, ...data.map((d) => d.n)));
  const yMax = ticks[ticks.length - 1]!;
  const y = (v: number) => bottom - (v / yMax) * (bottom - top);
  return (
    <Chart title={title} width={width} height={height}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={GRID} />
          <line x1={left - 6} x2={left} y1={y(t)} y2={y(t)} stroke={AXIS_LINE} />
          <text x={left - 10} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={FONT} fill={AXIS_TEXT}>
            {t}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const mid = left + slot * i + slot / 2;
        return (
          <g key={d.result}>
            <rect x={mid - 24} y={y(d.n)} width={48} height={bottom - y(d.n)} fill={RESULT_COLOURS[d.result] ?? "#4b5563"} />
            <text x={mid} y={y(d.n) - 6} textAnchor="middle" fontSize={FONT} fill={VALUE_TEXT}>
              {d.n}
            </text>
            <line x1={mid} x2={mid} y1={bottom} y2={bottom + 6} stroke={AXIS_LINE} />
            <Label x={mid} y={bottom + 8} lines={labels[i]!} anchor="middle" vertical="top" />
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top} y2={bottom} stroke={AXIS_LINE} />
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={AXIS_LINE} />
    </Chart>
  );
}

type Series = { name: string; colour: string; dash?: string; values: (number | null | undefined)[] };

/** The points of a series that have a value, joined in order (a missing period is bridged, not drawn as 0). */
export function linePoints(values: (number | null | undefined)[], x: (i: number) => number, y: (v: number) => number): [number, number][] {
  return values.flatMap((v, i) => (v === null || v === undefined ? [] : [[x(i), y(v)] as [number, number]]));
}

/** Lines across periods: the mean overall score of all vendors, and optionally one vendor's. */
export function TrendChart({
  data,
  title,
  vendorLabel,
}: {
  data: { period: string; all: number | null; vendor?: number | null }[];
  title: string;
  vendorLabel?: string;
}) {
  const width = 640;
  const left = 68;
  const right = width - 24;
  const top = 16;
  const bottom = 196;
  const slot = (right - left) / Math.max(1, data.length);
  const labels = data.map((d) => wrapLabel(d.period, slot - 6));
  const axisBottom = bottom + 12 + Math.max(1, ...labels.map((l) => l.length)) * (FONT + 2);
  const height = axisBottom + 30;
  const x = (i: number) => left + slot * i + slot / 2;
  const y = (v: number) => bottom - (Math.min(4, Math.max(0, v)) / 4) * (bottom - top);
  const series: Series[] = [{ name: "All vendors (mean)", colour: "#1d4ed8", values: data.map((d) => d.all) }];
  if (vendorLabel) series.push({ name: vendorLabel, colour: "#b45309", dash: "6 3", values: data.map((d) => d.vendor) });
  // The legend: a short line in each series' style, then its name, centred under the chart.
  const legendWidths = series.map((s) => 28 + s.name.length * CHAR);
  const legendStart = (width - legendWidths.reduce((a, b) => a + b + 16, -16)) / 2;
  const legendAt = legendWidths.map((_, i) => legendStart + legendWidths.slice(0, i).reduce((a, b) => a + b + 16, 0));
  const legendY = height - 12;
  return (
    <Chart title={title} width={width} height={height}>
      {[0, 1, 2, 3, 4].map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={GRID} />
          <line x1={left - 6} x2={left} y1={y(t)} y2={y(t)} stroke={AXIS_LINE} />
          <text x={left - 10} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={FONT} fill={AXIS_TEXT}>
            {t}
          </text>
        </g>
      ))}
      {data.map((d, i) => (
        <g key={d.period}>
          <line x1={x(i)} x2={x(i)} y1={top} y2={bottom} stroke={GRID} />
          <line x1={x(i)} x2={x(i)} y1={bottom} y2={bottom + 6} stroke={AXIS_LINE} />
          <Label x={x(i)} y={bottom + 8} lines={labels[i]!} anchor="middle" vertical="top" />
        </g>
      ))}
      <line x1={left} x2={left} y1={top} y2={bottom} stroke={AXIS_LINE} />
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={AXIS_LINE} />
      {series.map((s) => {
        const points = linePoints(s.values, x, y);
        return (
          <g key={s.name}>
            {points.length > 1 ? (
              <polyline points={points.map(([px, py]) => `${px},${py}`).join(" ")} fill="none" stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
            ) : null}
            {points.map(([px, py], i) => (
              <circle key={i} cx={px} cy={py} r={3.5} fill="#fff" stroke={s.colour} strokeWidth={2} />
            ))}
          </g>
        );
      })}
      {series.map((s, i) => {
        const at = legendAt[i]!;
        return (
          <g key={s.name}>
            <line x1={at} x2={at + 20} y1={legendY} y2={legendY} stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
            <circle cx={at + 10} cy={legendY} r={3.5} fill="#fff" stroke={s.colour} strokeWidth={2} />
            <text x={at + 26} y={legendY} dominantBaseline="middle" fontSize={FONT} fill={VALUE_TEXT}>
              {s.name}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}
