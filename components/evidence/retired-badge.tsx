/** Retired evidence is marked in words, not colour alone. */
export function RetiredBadge() {
  return <span className="inline-block rounded border border-gray-600 bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-800">Retired</span>;
}
