/** A moment as people compare it across offices: "2026-03-04 09:15 UTC", with the exact instant in the markup. */
export function DateTime({ value }: { value: Date }) {
  const iso = value.toISOString();
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
}
