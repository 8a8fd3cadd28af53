import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { countTicks, DomainScoresChart, linePoints, OutcomesChart, TrendChart, wrapLabel } from "@/components/reports/charts";

const texts = (svg: string) => [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => m[1]);

describe("report charts (server-rendered SVG)", () => {
  it("wraps labels at spaces to the width given, keeping long words whole", () => {
    expect(wrapLabel("Governance and accountability", 120)).toEqual(["Governance and", "accountability"]);
    expect(wrapLabel("Short", 120)).toEqual(["Short"]);
    expect(wrapLabel("2024-07-01 to 2024-12-31", 100)).toEqual(["2024-07-01 to", "2024-12-31"]);
    expect(wrapLabel("Supercalifragilistic", 30)).toEqual(["Supercalifragilistic"]);
  });

  it("counts on whole-number axes in four steps", () => {
    expect(countTicks(0)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(1)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(9)).toEqual([0, 3, 6, 9, 12]);
  });

  it("bridges a missing period instead of drawing it as 0", () => {
    expect(
      linePoints(
        [1, null, 3, undefined],
        (i) => i * 10,
        (v) => v,
      ),
    ).toEqual([
      [0, 1],
      [20, 3],
    ]);
  });

  it("domain scores: one image named by its title, a bar per domain as long as its score, every value printed", () => {
    const html = renderToStaticMarkup(
      createElement(DomainScoresChart, {
        title: "Domain scores out of 4. Highest: A.",
        data: [
          { label: "Governance and accountability", score: 4 },
          { label: "Staged rollout", score: 2 },
          { label: "Recovery", score: 0.5 },
        ],
      }),
    );
    expect(html).toMatch(/^<div class="chart" role="img" aria-label="Domain scores out of 4. Highest: A.">/);
    expect(html).toContain('aria-hidden="true"');
    const widths = [...html.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.5);
    expect(widths[2]! / widths[0]!).toBeCloseTo(0.125);
    expect(texts(html)).toEqual(expect.arrayContaining(["4.00", "2.00", "0.50", "Staged rollout", "Governance and", "accountability"]));
    expect(html).not.toContain("NaN");
  });

  it("outcomes: bar heights follow the counts, the counts and outcome names are printed", () => {
    const html = renderToStaticMarkup(
      createElement(OutcomesChart, {
        title: "Outcomes.",
        data: [
          { result: "meets", label: "Meets the principles", n: 6 },
          { result: "meets_with_conditions", label: "Meets with conditions", n: 3 },
          { result: "does_not_meet", label: "Does not meet", n: 0 },
        ],
      }),
    );
    const heights = [...html.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights[1]! / heights[0]!).toBeCloseTo(0.5);
    expect(heights[2]).toBe(0);
    expect(texts(html)).toEqual(expect.arrayContaining(["6", "3", "0", "Does not meet", "8"]));
    expect(html).not.toContain("NaN");
  });

  it("trend: a line per series with a point per period that has a value, and a legend naming the vendor only when one is chosen", () => {
    const data = [
      { period: "2024-07-01 to 2024-12-31", all: 3.45, vendor: 2.95 },
      { period: "2025-01-01 to 2025-06-30", all: 2.57, vendor: null },
      { period: "2025-07-01 to 2025-12-31", all: 3, vendor: 3.65 },
    ];
    const withVendor = renderToStaticMarkup(createElement(TrendChart, { title: "Trend.", data, vendorLabel: "Aegis Endpoint Security" }));
    expect(withVendor.match(/<polyline /g)).toHaveLength(2);
    // 3 + 2 points, and one marker in each legend entry.
    expect(withVendor.match(/<circle /g)).toHaveLength(7);
    expect(texts(withVendor)).toEqual(
      expect.arrayContaining(["All vendors (mean)", "Aegis Endpoint Security", "2024-07-01 to 2024-12-31", "2025-01-01 to 2025-06-30"]),
    );
    const allOnly = renderToStaticMarkup(createElement(TrendChart, { title: "Trend.", data: data.map(({ period, all }) => ({ period, all })) }));
    expect(allOnly.match(/<polyline /g)).toHaveLength(1);
    expect(allOnly).not.toContain("Aegis");
    expect(allOnly).not.toContain("NaN");
  });
});
