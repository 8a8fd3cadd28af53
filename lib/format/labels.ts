/**
 * A value's label from its table, for values typed only as string (snapshots, jsonb, audit
 * details). A value the table does not know (written by an older version) reads as words.
 */
export function labelOf(table: Readonly<Record<string, string>>, value: string): string {
  if (Object.hasOwn(table, value)) return table[value]!;
  const words = value.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
