import type { Domain } from "@/lib/catalog/schema";

export const customerControl: Domain = {
  key: "CUS",
  title: "Customer control",
  description:
    "What customers can decide about when and where updates reach their devices: ring choice, version pinning and content delays, and what the vendor discloses about updates that override those choices.",
  controls: [
    {
      id: "SDP-CUS-01",
      title: "Customer choice of deployment ring",
      statement:
        "The vendor lets each customer assign its devices, or groups of them, to early, general or late rings, separately for code and for content; documents the default ring; honours the assignment in every rollout; and shows customers where each update stands in its rollout.",
      vendorGuidance:
        "Describe the ring choices offered for code and content, the defaults, how assignments are applied in the delivery system, and what rollout status customers can see. Provide console screenshots or documentation and a rollout record showing customer assignments honoured.",
      reviewerGuidance:
        "Check that ring choice exists for content and not only for code. Red flags: choices that apply only to code; assignments that 'critical' content ignores without disclosure (see SDP-CUS-03); no way for customers to see rollout progress.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["document", "rollout_record", "url"],
      rubric: [
        "Customers have no say in which ring their devices join.",
        "Customers can choose a ring for code only, or only through a support request.",
        "Customers can choose early, general or late rings for code and content in the console, but defaults are undocumented or rollout status is not visible to them.",
        "Ring choice for code and content is documented, defaults are stated, rollout records of the period show assignments honoured, and customers can see each update's rollout status.",
        "As level 3, the vendor reports how customers use the options, tests that assignments are honoured in every release, and an independent review has confirmed it.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "customer-control" },
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
      ],
    },
    {
      id: "SDP-CUS-02",
      title: "Version pinning of sensor code (N-1)",
      statement:
        "The vendor lets customers pin sensor code at least to the current release (N) or the previous one (N-1), keeps each pinnable version supported with tested content updates for as long as it is offered, and states the support period for each version.",
      vendorGuidance:
        "Describe the pinning options (N, N-1, and N-2 if offered), the support period for each version, and how content is tested against pinned versions (see SDP-TST-02).",
      reviewerGuidance:
        "Pinning code alone did not protect customers in July 2024: the faulty content went to every online host on sensor 7.11 or later, so a sensor version policy did not hold it back. Check that the vendor explains this limit and that content compatibility with pinned versions is tested. Red flags: pinned versions receiving untested content; support periods not published.",
      applicability: { channels: ["code"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "url", "test_report"],
      rubric: [
        "Customers cannot pin sensor versions; every device follows the vendor's current release.",
        "Pinning is possible only through support or for some platforms, or pinned versions lose content support without notice.",
        "Customers can pin to N or N-1 in the console; support periods are stated, but content testing against pinned versions is not shown.",
        "Customers can pin to N or N-1, support periods are published, every content release of the period was tested on every pinnable version, and the limits of code pinning are explained to customers.",
        "As level 3, N-2 pinning is offered too, pinning use and any incidents on pinned versions are tracked, and an independent review has confirmed content testing across pinned versions.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "customer-control" },
        {
          scheme: "secure-by-design",
          ref: "SbD-4",
          note: "Partial: pinning trades patch speed for stability; the vendor should show it does not leave customers on unpatched versions.",
        },
      ],
    },
    {
      id: "SDP-CUS-03",
      title: "Content delays and disclosed overrides",
      statement:
        "The vendor lets customers delay content updates for chosen device groups (by ring or by a set number of hours), explains the effect of each option on protection, and discloses which content, if any, ignores customer settings, why, and how that content is still staged and gated.",
      vendorGuidance:
        "Describe the content delay options, the guidance given to customers on protection trade-offs, and the published list of content classes that override customer settings, with the staging each still follows.",
      reviewerGuidance:
        "Check that override classes are narrow, disclosed and still staged under SDP-ROL-02 and SDP-ROL-06. Red flags: a broad 'critical' class that bypasses both customer settings and staging; delay options that cannot be set per device group.",
      applicability: { channels: ["content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["document", "url", "rollout_record"],
      rubric: [
        "Customers cannot delay content updates for any device, or the vendor provides no evidence of such an option.",
        "A single on or off setting for the whole tenant, with no explanation of its effect on protection.",
        "Per-group content delays are available and explained, but overrides of customer settings are not disclosed.",
        "Per-group delays are available and explained, every override class is published with its reason and staging, and rollout records of the period show delays honoured and overrides staged.",
        "As level 3, the vendor reports how often overrides were used and why, and an independent review has confirmed that overrides stayed within the published classes.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "customer-control" },
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
      ],
    },
  ],
};
