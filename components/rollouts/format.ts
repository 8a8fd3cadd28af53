/** "2024-07-19 04:09 UTC": times are stored and shown in UTC so every reader sees the same clock. */
export function utc(d: Date | string): string {
  const iso = typeof d === "string" ? d : d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function duration(minutes: number | null): string {
  if (minutes === null) return "—";
  if (minutes < 120) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}
