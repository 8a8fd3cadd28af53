/**
 * The chart's vertical scale for the fleet share. When the smallest ring is
 * under 5% a linear axis would draw a 0.5% canary one pixel high, so the axis
 * becomes symmetric-logarithmic (linear near 0, logarithmic above): every ring
 * stays visible and the 100% line is still the top.
 */
export type ShareScale = { kind: "linear" | "symlog"; fraction: (pct: number) => number; ticks: number[] };

const C = 0.1; // the share (in %) below which the symlog axis is close to linear

export function shareScale(shares: readonly number[]): ShareScale {
  const positive = shares.filter((s) => s > 0);
  const smallest = positive.length ? Math.min(...positive) : 100;
  if (smallest >= 5) return { kind: "linear", fraction: (p) => clamp(p) / 100, ticks: [0, 25, 50, 75, 100] };
  const top = Math.log10(1 + 100 / C);
  return { kind: "symlog", fraction: (p) => Math.log10(1 + clamp(p) / C) / top, ticks: [0, 0.1, 1, 10, 50, 100] };
}

function clamp(p: number): number {
  return Math.min(100, Math.max(0, p));
}
