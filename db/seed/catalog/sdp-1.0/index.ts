import { DEFAULT_ANSWER_REQUIREMENTS } from "@/lib/catalog/answer-requirements";
import type { FrameworkDocument } from "@/lib/catalog/schema";
import { customerControl } from "./customer-control";
import { governance } from "./governance";
import { healthGates } from "./health-gates";
import { incidentResponse } from "./incident-response";
import { independentAssurance } from "./independent-assurance";
import { kernel } from "./kernel";
import { recovery } from "./recovery";
import { rollout } from "./rollout";
import { secureDevelopment } from "./secure-development";
import { testing } from "./testing";

export const sdp10: FrameworkDocument = {
  format: "ringfence.framework/v1",
  slug: "safe-deployment-principles",
  title: "Safe Deployment Principles",
  version: "1.0",
  publisher: "Ringfence Operator (on behalf of the Windows endpoint security ecosystem)",
  description:
    "Baseline principles for shipping code and content updates to Windows endpoint security products safely: staged rollout, health-gated halts, pre-release testing, rollback and recovery, customer control, limited and safe kernel-mode code, incident response and transparency, independent assurance and secure development. Written after the faulty content update of 19 July 2024 that crashed about 8.5 million Windows devices. Each control states the requirement, what the vendor should provide, what reviewers should check, and a five-level rubric from 0 (absent) to 4 (measured and independently verified). Controls marked 'must' are the core of safe deployment. Figures in the controls (first ring size, bake times, halt time, notification times) are this catalog's own thresholds; Windows Resiliency Initiative references are Ringfence shorthand for the platform's published expectations, not official identifiers.",
  thresholds: {
    // At most 1% of the fleet first: the July 2024 fault would have stayed within a small canary.
    maxFirstRingPct: 1,
    // Code changes kernel-mode drivers and needs a full daily usage cycle (24 h); content ships daily, so one hour is the floor that still shows crashes.
    minBakeMinutes: { code: 1440, content: 60 },
    // No single promotion may add more than 90 points, which forbids a 0-to-100% push yet allows a ~10% staged ring to go broad.
    maxExposureStepPct: 90,
    // A failing gate must stop distribution within 30 minutes; the July 2024 revert took 78.
    maxMinutesToHalt: 30,
    // The test kinds named in the July 2024 root-cause analysis and commitments, split by channel (content_interface and validator exist only for content).
    requiredTestKinds: {
      code: ["developer", "fuzzing", "fault_injection", "stress", "stability", "rollback"],
      content: ["developer", "content_interface", "validator", "stability", "rollback"],
    },
    // Kernel-mode releases (kernel code, or content kernel code interprets) bake longer: 48 h for code (the platform's
    // critical time-delay channel), 4 h for content (in July 2024 such content crashed hosts within about an hour). See SDP-ROL-04.
    kernelModeMinBakeMinutes: { code: 2880, content: 240 },
    // A step from canary size (at most maxFirstRingPct) to 90% or more of the fleet is a global push (SDP-ROL-05).
    globalPushPct: 90,
  },
  // A narrative for every answer but "not applicable" (which needs a justification); target date and plan for partial and planned; evidence for implemented and partial must controls.
  answerRequirements: DEFAULT_ANSWER_REQUIREMENTS,
  domains: [governance, rollout, healthGates, testing, recovery, customerControl, kernel, incidentResponse, independentAssurance, secureDevelopment],
};
