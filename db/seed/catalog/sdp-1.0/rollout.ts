import type { Domain } from "@/lib/catalog/schema";

export const rollout: Domain = {
  key: "ROL",
  title: "Staged rollout",
  description:
    "How updates reach the fleet: in rings of growing size, starting with the vendor's own devices and a small canary, with time to observe each ring before the next. Applies to content exactly as to code.",
  controls: [
    {
      id: "SDP-ROL-01",
      title: "Staged ring deployment of code updates",
      statement:
        "The vendor delivers every sensor and driver update to the production fleet in successive rings of increasing size, beginning with internal devices and then a canary ring of at most 1% of the production fleet, and promotes the update to the next ring only after the current ring has baked for at least 24 hours and passed its health gates.",
      vendorGuidance:
        "Describe the ring plan for code: each ring's population (share of the fleet and how devices are chosen), minimum bake time, health gate and approver. Attach system-generated rollout records for at least the last three code releases giving, per ring, start and end time, cumulative exposure and the gate decision. Say which rings customers choose for themselves (see SDP-CUS-01).",
      reviewerGuidance:
        "Compare the rollout records with this catalog's thresholds: first production ring at most 1% of the fleet, bake of at least 24 hours per ring, no promotion adding more than 90 percentage points of exposure. Check that records come from the delivery system (timestamps and device counts), not reconstructed by hand. Red flags: all rings starting on the same day; a 'first ring' made only of the vendor's own devices followed directly by the whole fleet.",
      applicability: { channels: ["code"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["rollout_record", "document", "telemetry_export"],
      rubric: [
        "No staged delivery: code updates go to the whole fleet at once, or no rollout records exist.",
        "Rings exist but are informal or skipped: records show a first production ring above 1% of the fleet, or bakes under 24 hours, on some releases without a documented exception.",
        "A defined ring plan is followed on most code releases (first ring at most 1%, bake at least 24 hours per ring), but records are partial or kept by hand.",
        "Every code release of the period followed the ring plan (first ring at most 1%, bake at least 24 hours, exposure steps at most 90 points) with system-generated rollout records; every exception was approved and recorded.",
        "As level 3, the delivery system itself prevents skipping a ring or shortening a bake without a recorded override, ring outcomes are tracked over time, and an independent review has checked the records against delivery telemetry.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
        { scheme: "vendor-commitments-2024", ref: "canary-deployment" },
      ],
    },
    {
      id: "SDP-ROL-02",
      title: "Staged ring deployment of content updates",
      statement:
        "The vendor delivers every content update (detection logic, configuration, template types, template instances and any other data the sensor interprets) in successive rings, beginning with internal devices and then a canary ring of at most 1% of the production fleet, with a bake of at least 60 minutes per ring and a passed health gate before each promotion. That an update is 'only data' is never a reason to skip staging.",
      vendorGuidance:
        "List the content types and the ring plan each follows; content rings may differ from code rings. Explain how the delivery system prevents a publish to all hosts at once. Attach rollout records for a sample of recent content releases, including at least one new template instance or other content that changes what the interpreter is asked to do.",
      reviewerGuidance:
        "This is the central lesson of July 2024: the faulty file reached every online Windows host running the affected sensor versions at once. Check that every content class is staged, including those the vendor considers low risk. Check first ring at most 1%, bake at least 60 minutes, steps at most 90 points. Red flags: staging for new template types but not for new instances of existing types; a global publish action in the tooling; exposure reaching 100% within the first hour.",
      applicability: { channels: ["content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["rollout_record", "document", "telemetry_export"],
      rubric: [
        "Content is published to the whole fleet at once, or no content rollout records exist.",
        "Some content types are staged, but others (for example new instances of existing template types) still go to all hosts at once, or first rings exceed 1% of the fleet.",
        "All content types follow a ring plan with a first ring of at most 1% and bakes of at least 60 minutes, but the records are partial or the plan is skipped on some releases without recorded approval.",
        "Every content release of the period was staged (first ring at most 1%, bake at least 60 minutes, steps at most 90 points) with system-generated records; each exception was approved and recorded.",
        "As level 3, the delivery system has no path that publishes content to the whole fleet in one step, content ring outcomes are tracked over time, and an independent review has checked the records against delivery telemetry.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
        { scheme: "vendor-commitments-2024", ref: "canary-deployment" },
        {
          scheme: "other",
          ref: "CF291-RCA-no-staged-template-instances",
          note: "Root-cause analysis of 6 August 2024: template instances were not deployed in stages.",
        },
      ],
    },
    {
      id: "SDP-ROL-03",
      title: "Internal and canary rings",
      statement:
        "The vendor runs every update, before it reaches general customer rings, on its own production-like devices (an internal ring) and then on a canary ring of no more than 1% of the production fleet, whose devices are chosen so that faults likely to affect the wider fleet show up there first.",
      vendorGuidance:
        "Give the size and make-up of the internal and canary rings: Windows versions and builds, hardware, virtual machines, workstation and server roles, sensor versions, regions. Explain how devices are selected and rotated, and how customers whose devices sit in the canary ring agreed to it.",
      reviewerGuidance:
        "Check that the canary covers the oldest supported sensor version and the main Windows builds, servers as well as workstations. Red flags: a canary made of idle virtual machines that never exercise the changed code path; a canary drawn from a single region or customer; an internal ring smaller than a few hundred devices for a fleet of millions.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["rollout_record", "document"],
      rubric: [
        "No internal or canary ring: updates go from the build straight to general customer rings, or no evidence of such rings is provided.",
        "An internal ring exists, but there is no canary of customer or representative devices, or the canary exceeds 1% of the fleet.",
        "An internal ring and a canary of at most 1% exist for code and content, but their make-up is not documented or not compared with the fleet.",
        "The canary's make-up is documented and matches the fleet on Windows version, device role and sensor version within stated tolerances, and every release of the period passed through both rings.",
        "As level 3, the vendor measures how often faults were caught in the internal or canary ring rather than later, adjusts ring make-up from that data, and an independent review has confirmed the analysis.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "canary-deployment" },
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
      ],
    },
    {
      id: "SDP-ROL-04",
      title: "Minimum bake times",
      statement:
        "The vendor holds each ring for a defined minimum bake time before promotion, at least 24 hours for code and at least 60 minutes for content, longer where the change's risk class requires it, and counts the bake from the moment most online devices in the ring have received the update.",
      vendorGuidance:
        "State the bake time per ring and risk class for code and for content, and how the start of the bake is determined. Kernel-mode releases bake longer: at least 48 hours per ring for kernel-mode code (the platform's own critical time-delay channel) and at least 4 hours for content that kernel-mode code interprets, because a fault there crashes the operating system rather than the sensor (in July 2024 such content crashed hosts within about an hour). The portal measures a bake from the ring's start to the earlier of its recorded promotion and the actual start of the next ring. Show from rollout records the actual bake per ring for recent releases, and how bakes are handled over nights, weekends and holidays when many devices are off.",
      reviewerGuidance:
        "Recompute bake times from the rollout records and compare them with the 24-hour (code) and 60-minute (content) minimums. Check that the bake is long enough for the health signals of SDP-GATE-01 to arrive. Red flags: a bake that starts at publish time although delivery took hours; bakes that ran while most ring devices were offline.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["rollout_record", "telemetry_export"],
      rubric: [
        "No bake time is defined; promotion follows immediately or at will.",
        "Bake times are defined, but records show promotions before 24 hours (code) or 60 minutes (content) on a noticeable share of releases.",
        "Bake times of at least 24 hours (code) and 60 minutes (content) are defined and met in the sample, but are measured from publish time rather than from delivery to the ring.",
        "Every release of the period met the minimum bake in every ring, measured from delivery to most online ring devices, with longer bakes applied to higher risk classes.",
        "As level 3, the delivery system enforces the bake automatically, extends it when too few devices have reported, and an independent review has confirmed the enforcement.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
        { scheme: "vendor-commitments-2024", ref: "monitoring-during-rollout" },
      ],
    },
    {
      id: "SDP-ROL-05",
      title: "Bounded exposure steps and representative rings",
      statement:
        "The vendor increases exposure in bounded steps, so that no promotion adds more than 90 percentage points of the fleet, and makes each ring representative of the rings that follow it, so that a fault cannot first appear in a kind of device that no earlier ring contained.",
      vendorGuidance:
        "Give the cumulative exposure after each ring and the largest step. Explain how representativeness is checked (Windows versions, hardware, sensor versions, workstation and server roles, regions, sectors) and how customers running essential services are placed.",
      reviewerGuidance:
        "Compute each step in cumulative exposure from the rollout records; any step above 90 points fails the threshold, and a single step from canary size (at most 1%) to 90% or more of the fleet is a global push, judged critical whatever the canary's size. Check that device types present in late rings also appear earlier. Red flags: servers or a whole sector first exposed in the last ring; a plan of 1% then 100%.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["rollout_record", "telemetry_export"],
      rubric: [
        "No limit on exposure steps; rollouts jump from a small group straight to the whole fleet.",
        "Steps are planned, but records show promotions adding more than 90 points of exposure, or ring make-up is unknown.",
        "Every promotion in the sample added at most 90 points, but representativeness of rings is asserted rather than measured.",
        "Every promotion of the period added at most 90 points, and the vendor shows, per release, that each device class in later rings was present in an earlier ring.",
        "As level 3, ring membership is computed automatically to keep rings representative, the result is monitored per release, and an independent review has confirmed the method.",
      ],
      mappings: [{ scheme: "windows-resiliency", ref: "WRI-gradual-rollout" }],
    },
    {
      id: "SDP-ROL-06",
      title: "Expedited releases for active threats",
      statement:
        "The vendor, when an active threat calls for faster delivery, uses a documented expedited path that shortens rings and bakes but does not skip them, keeps health gates and automatic halts active, needs release-authority approval, and records why it was used.",
      vendorGuidance:
        "Describe the expedited path: shortest permitted bakes, which rings may be shortened, who approves. Provide the list of expedited releases in the period with the reason for each and their rollout records.",
      reviewerGuidance:
        "Check that the expedited path is still staged and gated. Compare the number of expedited releases with all releases: an expedited path used for routine content is a red flag, as is any 'emergency' release without a rollout record.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["rollout_record", "document"],
      rubric: [
        "Urgent updates bypass staging entirely, or the vendor cannot say which releases were urgent.",
        "An urgent path exists but is informal; some urgent releases were not staged or not recorded.",
        "A documented expedited path keeps at least a canary ring and the health gates, but approvals or reasons are missing for some expedited releases.",
        "Every expedited release of the period was staged, gated, approved and recorded with its reason, and expedited releases are a small minority of all releases.",
        "As level 3, the vendor reviews each expedited release afterwards to judge whether speed was needed, tracks the share over time, and an independent review has confirmed the records.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
        { scheme: "vendor-commitments-2024", ref: "canary-deployment" },
      ],
    },
  ],
};
