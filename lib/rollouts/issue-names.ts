import { formatIssuePath } from "@/lib/catalog/schema";
import { shortUtc } from "./instant";

/**
 * Validation messages that name what they are about: `Ring 'Staged' (rings[1]): …`,
 * `Event 'halt' at 2024-07-19T05:27Z (events[3]): …`, `Test 'fuzzing' (tests[2]): …`.
 * A position alone ("rings[7]") makes a reviewer count; a name alone can repeat.
 * Names come from the raw input, since the item may not have parsed.
 */

const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const label = (v: unknown, max = 60) => (typeof v === "string" && v.trim() !== "" ? `'${v.trim().slice(0, max)}'` : null);

/** The prefix naming the ring, event or test at the start of `path`, or "" for release-level fields. */
export function itemLabel(input: unknown, path: ReadonlyArray<PropertyKey>): string {
  const [list, index] = path;
  if (typeof index !== "number" || (list !== "rings" && list !== "events" && list !== "tests")) return "";
  const items = obj(input)?.[list];
  const item = Array.isArray(items) ? obj(items[index]) : null;
  const at = `${list}[${index}]`;
  if (list === "rings") return `Ring ${label(item?.name) ?? "(no name)"} (${at})`;
  if (list === "tests") return `Test ${label(item?.kind, 30) ?? "(no kind)"} (${at})`;
  const when = typeof item?.at === "string" && item.at.trim() !== "" ? ` at ${shortUtc(item.at.trim()).slice(0, 40)}` : "";
  return `Event ${label(item?.kind, 30) ?? "(no kind)"}${when} (${at})`;
}

/** One readable message per issue: the item's name and position, then what is wrong. */
export function describeIssue(input: unknown, issue: { path: ReadonlyArray<PropertyKey>; message: string }): { path: string; message: string } {
  const prefix = itemLabel(input, issue.path);
  return { path: formatIssuePath(issue.path), message: prefix ? `${prefix}: ${issue.message}` : issue.message };
}
