import { describe, expect, it } from "vitest";
import { TEST_KINDS, UPDATE_CHANNELS } from "@/lib/catalog/schema";
import { sdp10 } from "@/db/seed/catalog/sdp-1.0";
import { CONTROL_IDS, findingControls, TEST_CONTROL_IDS } from "@/lib/rollouts/analysis";
import { baselineThresholds } from "@/lib/rollouts/fixtures/thresholds";
import { FINDING_CODES } from "./types";

const catalogIds = new Set(sdp10.domains.flatMap((d) => d.controls.map((c) => c.id)));

describe("finding controls", () => {
  it("name controls that exist in the baseline catalog", () => {
    const used = new Set<string>([...Object.values(CONTROL_IDS), ...Object.values(TEST_CONTROL_IDS)]);
    for (const code of FINDING_CODES) {
      if (code === "missing_tests" || code === "failed_tests") continue;
      for (const channel of UPDATE_CHANNELS) for (const id of findingControls(code, channel)) used.add(id);
    }
    expect([...used].filter((id) => !catalogIds.has(id))).toEqual([]);
    expect(TEST_KINDS.every((k) => TEST_CONTROL_IDS[k])).toBe(true);
  });

  it("use the catalog's thresholds", () => {
    expect(sdp10.thresholds).toEqual(baselineThresholds);
  });
});
