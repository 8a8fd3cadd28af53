"use client";

// Charts drawn by recharts at a fixed size, without animation, so the server
// renders the whole SVG (no layout measuring, nothing to wait for). Each chart
// is a figure whose caption states the main fact; the page puts a table with
// the same values beside it. The SVG scales down on narrow screens (viewBox).
// Every axis shows every tick (interval 0): by default recharts drops
// ticks it measures as overlapping, which only the browser can measure, so the
// server's SVG and the browser's differed and React re-rendered the whole page,
// losing what the reader had already chosen in the filters.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, XAxis, YAxis } from "recharts";

export const BAND_COLOURS = { low: "#b91c1c", weak: "#ea580c", fair: "#ca8a04", good: "#65a30d", strong: "#15803d" } as const;

function band(score: number): keyof typeof BAND_COLOURS {
  if (score < 1) return "low";
  if (score < 2) return "weak";
  if (score < 3) return "fair";
  if (score < 3.5) return "good";
  return "strong";
}

const axis = { fontSize: 12, fill: "#374151" };

/** Horizontal bars, 0–4, one per domain, value printed at the bar's end. */
export function DomainScoresChart({ data, title }: { data: { label: string; score: number }[]; title: string }) {
  const height = 40 + data.length * 36;
  return (
    <div className="chart" role="img" aria-label={title}>
      <BarChart width={640} height={height} data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
        <CartesianGrid horizontal={false} stroke="#e5e7eb" />
        <XAxis type="number" domain={[0, 4]} ticks={[0, 1, 2, 3, 4]} tick={axis} interval={0} />
        <YAxis type="category" dataKey="label" width={200} tick={axis} interval={0} />
        <Bar dataKey="score" isAnimationActive={false} barSize={20}>
          {data.map((d) => (
            <Cell key={d.label} fill={BAND_COLOURS[band(d.score)]} />
          ))}
          <LabelList dataKey="score" position="right" formatter={(v: number) => v.toFixed(2)} style={{ fontSize: 12, fill: "#111827" }} />
        </Bar>
      </BarChart>
    </div>
  );
}

const RESULT_COLOURS: Record<string, string> = { meets: "#15803d", meets_with_conditions: "#ca8a04", does_not_meet: "#b91c1c" };

/** Vertical bars: how many reports have each outcome. */
export function OutcomesChart({ data, title }: { data: { result: string; label: string; n: number }[]; title: string }) {
  return (
    <div className="chart" role="img" aria-label={title}>
      <BarChart width={480} height={240} data={data} margin={{ top: 24, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e5e7eb" />
        <XAxis dataKey="label" tick={axis} interval={0} />
        <YAxis allowDecimals={false} tick={axis} interval={0} />
        <Bar dataKey="n" isAnimationActive={false} barSize={48}>
          {data.map((d) => (
            <Cell key={d.result} fill={RESULT_COLOURS[d.result] ?? "#4b5563"} />
          ))}
          <LabelList dataKey="n" position="top" style={{ fontSize: 12, fill: "#111827" }} />
        </Bar>
      </BarChart>
    </div>
  );
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
  return (
    <div className="chart" role="img" aria-label={title}>
      <LineChart width={640} height={260} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e7eb" />
        <XAxis dataKey="period" tick={axis} interval={0} />
        <YAxis domain={[0, 4]} ticks={[0, 1, 2, 3, 4]} tick={axis} interval={0} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line type="linear" dataKey="all" name="All vendors (mean)" stroke="#1d4ed8" strokeWidth={2} isAnimationActive={false} dot connectNulls />
        {vendorLabel ? (
          <Line
            type="linear"
            dataKey="vendor"
            name={vendorLabel}
            stroke="#b45309"
            strokeWidth={2}
            strokeDasharray="6 3"
            isAnimationActive={false}
            dot
            connectNulls
          />
        ) : null}
      </LineChart>
    </div>
  );
}
