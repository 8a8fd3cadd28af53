import { describe, expect, it } from "vitest";
import { malformedFilters, parsePeriod } from "@/lib/reports/queries";

/** Found by the API property tests (test/server/api-properties.test.ts): filters the dashboard export took silently. */
describe("report filters", () => {
  it("a period of days that do not exist is no period (PostgreSQL's date type would refuse it mid-export)", () => {
    expect(parsePeriod("2025-13-01_2025-14-01")).toBeNull();
    expect(parsePeriod("2025-01-01_2025-06-30")).toEqual({ start: "2025-01-01", end: "2025-06-30" });
  });

  it("names every filter given but not understood", () => {
    expect(malformedFilters(new URLSearchParams("period=2025-02-30_2025-06-30&vendor=x&result=meets&framework=6f1c2d4e-0a5b-4c3d-9e8f-7a6b5c4d3e2f"))).toEqual([
      "period",
      "vendor",
    ]);
    expect(malformedFilters(new URLSearchParams("period=all&result=MEETS&framework=1"))).toEqual(["framework", "result"]);
    expect(malformedFilters(new URLSearchParams(""))).toEqual([]);
  });
});
