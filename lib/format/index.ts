/**
 * The one place that turns values into text for people: sizes, counts, numbers, durations,
 * dates and times. Pure and safe in client components; the reader's zone is read on the server
 * by readerTimeZone() in lib/format/reader-zone.ts. Label tables for enumerations live beside
 * their schemas (lib/validations/*, lib/auth/roles.ts, lib/review/*).
 */
export { count, duration, formatBytes, formatNumber, inSentence, listInSentence } from "./numbers";
export { labelOf } from "./labels";
export {
  DEFAULT_ZONE,
  ZONE_COOKIE,
  formatDate,
  formatDateTime,
  formatDateTimeNoZone,
  formatPeriod,
  formatTime,
  formatUtc,
  isTimeZone,
  safeZone,
  utc,
  zoneName,
  zoneNames,
} from "./time";
