import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  count,
  duration,
  formatBytes,
  labelOf,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPeriod,
  formatTime,
  formatUtc,
  isTimeZone,
  safeZone,
  zoneName,
} from "@/lib/format";

describe("formatDateTime", () => {
  const at = new Date("2026-12-02T17:52:41.920Z");
  it("shows the instant in the given zone and names the zone", () => {
    expect(formatDateTime(at, "UTC")).toBe("2 Dec 2026, 17:52 UTC");
    expect(formatDateTime(at, "Europe/Berlin")).toBe("2 Dec 2026, 18:52 CET");
    expect(formatDateTime(at, "America/New_York")).toBe("2 Dec 2026, 12:52 EST");
    expect(formatDateTime(at, "Asia/Kolkata")).toBe("2 Dec 2026, 23:22 GMT+5:30");
    // The day changes with the zone.
    expect(formatDateTime(at, "Australia/Sydney")).toBe("3 Dec 2026, 04:52 GMT+11");
  });

  it("accepts ISO strings and epoch milliseconds, and says — for nothing", () => {
    expect(formatDateTime("2026-12-02T17:52:41.920Z", "Europe/London")).toBe("2 Dec 2026, 17:52 GMT");
    expect(formatDateTime(at.getTime(), "UTC")).toBe("2 Dec 2026, 17:52 UTC");
    expect(formatDateTime(null, "UTC")).toBe("—");
    expect(formatDateTime("not a time", "UTC")).toBe("—");
  });

  it("follows daylight saving time across the boundary (Berlin, 29 March 2026, 01:00 UTC)", () => {
    expect(formatDateTime(new Date("2026-03-29T00:59:00Z"), "Europe/Berlin")).toBe("29 Mar 2026, 01:59 CET");
    expect(formatDateTime(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe("29 Mar 2026, 03:00 CEST");
    expect(formatDateTime(new Date("2026-10-25T00:59:00Z"), "Europe/Berlin")).toBe("25 Oct 2026, 02:59 CEST");
    expect(formatDateTime(new Date("2026-10-25T01:00:00Z"), "Europe/Berlin")).toBe("25 Oct 2026, 02:00 CET");
    expect(formatDateTime(new Date("2026-03-08T07:00:00Z"), "America/New_York")).toBe("8 Mar 2026, 03:00 EDT");
    expect(zoneName(new Date("2026-07-01T12:00:00Z"), "Europe/London")).toBe("BST");
  });

  it("always names a zone and never shows an ISO string", () => {
    const zones = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Chatham", "America/St_Johns"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (d, z) => {
          const text = formatDateTime(d, z);
          expect(text).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (UTC|GMT|[A-Z]{3,5}|GMT[+-]\d{1,2}(:\d{2})?)$/);
          expect(text).not.toMatch(/\d-\d\dT\d/);
        },
      ),
    );
  });
});

describe("formatTime", () => {
  it("is the clock time with the zone", () => {
    expect(formatTime(new Date("2026-07-01T12:05:00Z"), "Europe/Berlin")).toBe("14:05 CEST");
    expect(formatTime("2026-07-01T12:05:00Z", "UTC")).toBe("12:05 UTC");
  });
});

describe("formatDate", () => {
  it("never shifts a calendar date, whatever the zone", () => {
    for (const z of ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Los_Angeles"]) {
      expect(formatDate("2026-01-01", z)).toBe("1 Jan 2026");
      expect(formatDate("2026-12-31", z)).toBe("31 Dec 2026");
    }
    expect(formatPeriod("2026-01-01", "2026-06-30")).toBe("1 Jan 2026 to 30 Jun 2026");
  });

  it("shows an instant as the day it was in the zone", () => {
    const late = new Date("2026-12-02T23:30:00Z");
    expect(formatDate(late)).toBe("2 Dec 2026");
    expect(formatDate(late, "Europe/Berlin")).toBe("3 Dec 2026");
    expect(formatDate(late, "America/Los_Angeles")).toBe("2 Dec 2026");
  });

  it("shows a calendar date as the same day read as an instant at UTC midnight", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        expect(formatDate(day, "Asia/Tokyo")).toBe(formatDate(new Date(`${day}T00:00:00Z`), "UTC"));
      }),
    );
    expect(formatDate("2026-02-29")).toBe("1 Mar 2026");
  });

  it("says — for nothing", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate("")).toBe("—");
  });
});

describe("formatUtc", () => {
  it("keeps UTC, minute precision, and says so", () => {
    expect(formatUtc(new Date("2024-07-19T04:09:59.999Z"))).toBe("2024-07-19 04:09 UTC");
    expect(formatUtc("2024-07-19T06:09:00+02:00")).toBe("2024-07-19 04:09 UTC");
  });
});

describe("time zones", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("Europe/Berlin; Path=/")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
    expect(safeZone("<script>")).toBe("UTC");
    expect(safeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
  });
});

describe("formatBytes", () => {
  it("switches units at 1024 and rounds to at most one decimal", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1023)).toBe("1,023 bytes");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(102_400)).toBe("100 KB");
    expect(formatBytes(1024 * 1024 - 1)).toBe("1 MB");
    expect(formatBytes(10_485_760)).toBe("10 MB");
    expect(formatBytes(1024 ** 3)).toBe("1 GB");
    expect(formatBytes(5 * 1024 ** 5)).toBe("5,120 TB");
    expect(formatBytes(null)).toBe("—");
  });

  it("keeps the number below 1,024 of its unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 1024 ** 4 - 1 }), (n) => {
        expect(formatBytes(n)).toMatch(/^(\d{1,3}(\.\d)?|1,0[01]\d|1,02[0-3]) (KB|MB|GB)$|^1 TB$/);
      }),
    );
  });
});

describe("count and numbers", () => {
  it("picks the singular only for one", () => {
    expect(count(0, "ring")).toBe("0 rings");
    expect(count(1, "ring")).toBe("1 ring");
    expect(count(2, "ring")).toBe("2 rings");
    expect(count(1, "person", "people")).toBe("1 person");
    expect(count(20_000, "event")).toBe("20,000 events");
    expect(formatNumber(1234567)).toBe("1,234,567");
  });

  it("durations", () => {
    expect(duration(null)).toBe("—");
    expect(duration(45)).toBe("45 min");
    expect(duration(180)).toBe("3.0 h");
    expect(duration(3 * 1440)).toBe("3.0 days");
  });
});

describe("labelOf", () => {
  const table = { rollout_record: "Rollout record", url: "Web page" };
  it("uses the table, and reads unknown values as words", () => {
    expect(labelOf(table, "url")).toBe("Web page");
    expect(labelOf(table, "telemetry_export")).toBe("Telemetry export");
    expect(labelOf(table, "toString")).toBe("ToString");
  });
});
