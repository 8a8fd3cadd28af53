import { describe, expect, it } from "vitest";
import { shareScale } from "@/components/rollouts/share-scale";

describe("share axis", () => {
  it("stays linear when every ring is 5% or more", () => {
    const s = shareScale([5, 50, 100]);
    expect(s.kind).toBe("linear");
    expect(s.fraction(50)).toBe(0.5);
  });

  it("gives a 0.5% canary a visible height and keeps 0 and 100% at the ends", () => {
    const s = shareScale([0.5, 10, 100]);
    expect(s.kind).toBe("symlog");
    expect(s.fraction(0)).toBe(0);
    expect(s.fraction(100)).toBeCloseTo(1, 10);
    expect(s.fraction(0.5)).toBeGreaterThan(0.2); // about 60 px of a 236 px plot, not 1 px
    for (let p = 0; p < 100; p += 0.25) expect(s.fraction(p + 0.25)).toBeGreaterThan(s.fraction(p));
  });
});
