const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 });

/** Numbers with thousands separators: "20,000", "12.5". */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** Sizes for people: "12.4 MB", "830 KB", "512 bytes" (1 MB = 1,048,576 bytes, as file managers count). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n < 1024) return `${formatNumber(n)} ${n === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  // Round first, so 1,048,575 bytes reads "1 MB" rather than "1024 KB".
  const rounded = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);
  while (rounded(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(rounded(v))} ${units[i]}`;
}

/** A label inside a sentence: "Crash rate" becomes "crash rate"; "CPU use" stays as it is. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** "developer, fuzzing and rollback": labels inside a sentence. */
export function listInSentence(labels: readonly string[]): string {
  const words = labels.map(inSentence);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** "3 items", "1 item", "1,200 items". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** "45 min", "3.5 h", "2.0 days"; "—" when unknown. */
export function duration(minutes: number | null): string {
  if (minutes === null) return "—";
  if (minutes < 120) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}
