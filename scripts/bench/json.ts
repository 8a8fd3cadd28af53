// The one-number-per-row results a throughput bench hands to `npm run bench`: when BENCH_JSON names a
// file, the bench writes its figures there as JSON, besides printing them.
import fs from "node:fs";

export function writeBenchJson(figures: Record<string, unknown>): void {
  const file = process.env.BENCH_JSON;
  if (file) fs.writeFileSync(file, JSON.stringify(figures, null, 2));
}
