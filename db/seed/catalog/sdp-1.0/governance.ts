import type { Domain } from "@/lib/catalog/schema";

export const governance: Domain = {
  key: "GOV",
  title: "Governance and accountability",
  description:
    "Who owns safe deployment at the vendor, what the written rules are, who may release an update, and how the vendor keeps its attestation true after it is signed.",
  controls: [
    {
      id: "SDP-GOV-01",
      title: "Written safe deployment policy covering code and content",
      statement:
        "The vendor maintains a written, approved safe deployment policy that applies to every update it ships to Windows endpoints: sensor code, drivers and every form of content (detection logic, configuration, template types and template instances, and any other data the sensor interprets). The policy classifies changes by risk and sets, for each class, the required testing, ring plan, bake times, health gates and approval.",
      vendorGuidance:
        "Provide the current policy with its owner, approval date and revision history, and the risk classification table. Show where each update type sits, including content that is read by kernel-mode components. Add a sample of three recent releases (at least one code and one content release) showing the class each was given and the plan that followed from it.",
      reviewerGuidance:
        "Check that content is in scope on the same footing as code; a policy that speaks only of 'software releases' is a red flag. A new template type, or a new instance of a template type that has shipped only a few times, should be classed at least as high as a routine code change. Check that the policy's numbers are at least as strict as this catalog's thresholds, or that each difference is explained. Red flags: no revision since July 2024; no named owner; risk classes that make no difference to the ring plan.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "rollout_record"],
      rubric: [
        "No written safe deployment policy, or the vendor cannot produce it.",
        "A policy exists but covers code only, or has no risk classification, or has no named owner or approval.",
        "An approved policy with a named owner covers code and content, classifies changes by risk and states the testing and ring plan for each class; adherence has not yet been shown on real releases.",
        "As level 2, the policy was reviewed within the last 12 months, and every sampled release (at least one code and one content release) was classified and shipped as the policy requires.",
        "As level 3, adherence is measured across all releases of the period (share that followed their class's plan, each exception explained), and an independent party has confirmed that measurement.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PO.1.1" },
        { scheme: "nist-ssdf", ref: "PO.1.2" },
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
      ],
    },
    {
      id: "SDP-GOV-02",
      title: "Accountable release authority",
      statement:
        "The vendor names the roles that authorise an update to leave internal rings and to be promoted to each wider ring, requires that the approver is not the author of the change, enforces approval in its release tooling for code and content alike, and records each decision with the evidence it relied on (test results, validator output, health-gate results).",
      vendorGuidance:
        "Describe the roles (release owner, approver, on-call holder of halt authority) and how the release tooling enforces separation of duties. Provide an extract of approval records for recent code and content releases, and senior management's written commitment to safe deployment.",
      reviewerGuidance:
        "Check that approval is enforced by the pipeline and not by procedure alone, and that content releases need approval too. Check that the on-call engineer can halt any rollout at any hour without waiting for further sign-off. Red flags: a content author can publish to production alone; approvals dated after the release; a single approver for all releases with no deputy.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "rollout_record"],
      rubric: [
        "No defined release authority; anyone with pipeline access can publish.",
        "Approvers are named on paper, but records show releases, or content releases, going out without a recorded approval.",
        "Roles are defined and every release in the sample has a recorded approval by someone other than the author, but the tooling does not prevent an unapproved release.",
        "The release tooling blocks any code or content release or promotion without an approval from a different person, and each approval record links to the test and gate results it relied on.",
        "As level 3, approval records for the whole period are reconciled automatically against delivery records with no unexplained gaps, and an independent review has confirmed the enforcement.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PO.2.1" },
        { scheme: "nist-ssdf", ref: "PO.2.3" },
      ],
    },
    {
      id: "SDP-GOV-03",
      title: "Attestation currency and notice of lapse",
      statement:
        "The vendor keeps its Ringfence attestation true for every version it ships after signing it, informs the portal operator and its reviewers within 30 days when a practice it attested to lapses or changes materially, and keeps a plan of action and milestones (POA&M) for every principle it cannot yet meet.",
      vendorGuidance:
        "Name the role that watches for changes to attested practices and list the events that trigger a review of the attestation (for example new rollout tooling, a ring retired, a new kernel-mode component, a change of content format). Provide any open POA&M with dates and owners, and any past lapse notices.",
      reviewerGuidance:
        "Check that POA&M items have owners and dates and that past dates were met or re-planned with reasons. Compare the attestation with the vendor's published incident reports and release notes. Red flags: full conformance claimed while public reports show unstaged releases; POA&M items that slip every period without explanation.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 2,
      must: false,
      evidenceKinds: ["attestation_letter", "document"],
      rubric: [
        "No process keeps the attestation current; gaps are not tracked.",
        "The vendor would update the attestation on request, but no trigger list, owner or POA&M exists.",
        "An owner and a trigger list exist, and gaps are listed in a POA&M with dates, but no review of the attestation has yet taken place.",
        "The attestation was reviewed after every triggering event of the period, each lapse was notified within 30 days, and POA&M dates were met or re-planned with recorded reasons.",
        "As level 3, the attestation review is built into the change process (a triggering change cannot close without it), and an independent party has confirmed that no lapse went unreported.",
      ],
      mappings: [
        {
          scheme: "other",
          ref: "CISA-secure-software-attestation-form",
          note: "Follows the Common Form's rule that an attestation covers later versions until the producer says otherwise, and its plan of action and milestones for producers who cannot yet attest.",
        },
        { scheme: "nist-ssdf", ref: "PO.4.1" },
      ],
    },
  ],
};
