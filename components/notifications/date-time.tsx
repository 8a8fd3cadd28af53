import { formatDateTime, formatUtc } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";

/**
 * A moment in the reader's time zone with the zone named ("3 Dec 2026, 15:05 CET"), the exact
 * instant in the markup and the UTC time on hover. Pass `zone` to fix it ("UTC" where every
 * reader must quote the same clock, e.g. the transparency log).
 */
export async function DateTime({ value, zone }: { value: Date; zone?: string }) {
  const z = zone ?? (await readerTimeZone());
  return (
    <time dateTime={value.toISOString()} title={formatUtc(value)}>
      {formatDateTime(value, z)}
    </time>
  );
}
