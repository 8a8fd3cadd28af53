import type { Domain } from "@/lib/catalog/schema";

export const incidentResponse: Domain = {
  key: "IRT",
  title: "Incident response and transparency",
  description:
    "How the vendor handles incidents caused by its own updates, tells the people affected, publishes what changed and what went wrong, and explains how its product is built and updated.",
  controls: [
    {
      id: "SDP-IRT-01",
      title: "Incident response plan for update-caused incidents",
      statement:
        "The vendor maintains and exercises a response plan for incidents caused by its own updates, with severity levels, an around-the-clock on-call rota holding halt and rollback authority, contact routes to the operating system platform, national CERTs and major customers, and a defined handover to recovery (SDP-REC-04).",
      vendorGuidance:
        "Provide the plan, the severity definitions, the on-call rota structure, the contact list structure (roles or aliases, not personal data), and the record of the last exercise.",
      reviewerGuidance:
        "Check that the plan treats the vendor's own update as a cause, not only outside attacks, and that contacts are kept current. Red flags: a generic security incident plan with no update-related scenario; platform and CERT contacts missing; no exercise in the last 12 months.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["document", "test_report"],
      rubric: [
        "No incident plan covering update-caused incidents.",
        "A generic incident plan exists with no scenario for a faulty update.",
        "A plan covers faulty updates with severities and on-call roles, but external contact routes are incomplete or it has not been exercised.",
        "The plan covers faulty code and content updates, includes platform, CERT and customer contacts checked in the last 6 months, and was exercised in the last 12 months with lessons recorded.",
        "As level 3, the plan is exercised jointly with the platform or a national CERT, response times are measured, and an independent review has confirmed the exercise.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-incident-response" },
        { scheme: "nist-ssdf", ref: "RV.1.3" },
      ],
    },
    {
      id: "SDP-IRT-02",
      title: "Timely notification of affected parties",
      statement:
        "The vendor notifies affected customers, the operating system platform and the government contacts registered in Ringfence within 2 hours of confirming that one of its updates causes, or may cause, device failures at scale, saying what is known, what to do and when the next update will follow, and keeps a public status page updated at least every 4 hours until recovery.",
      vendorGuidance:
        "Describe the notification channels, templates, approval path and the criteria that start a notification. Provide timestamps from real notifications or exercises, and the status page history.",
      reviewerGuidance:
        "Compare notification timestamps with the time the problem was confirmed. Check that customers receive usable remediation steps in the first notice. Red flags: first notice through social media only; legal review delaying notice beyond 2 hours; status updates that stop before recovery.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["document", "url", "test_report"],
      rubric: [
        "No notification process for update-caused incidents.",
        "Notification is ad hoc; recorded first notices came later than 2 hours after confirmation, or the platform and government contacts were not included.",
        "A documented process with templates names all three audiences and the 2-hour target, but it has not been exercised, or status updates have no set interval.",
        "In every event and exercise of the period, customers, the platform and registered government contacts were notified within 2 hours of confirmation, and the public status page was updated at least every 4 hours until recovery.",
        "As level 3, notification times are tracked and reported, first notices include tested remediation steps, and an independent review has confirmed the timestamps.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-incident-response" },
        { scheme: "nist-ssdf", ref: "RV.1.3" },
      ],
    },
    {
      id: "SDP-IRT-03",
      title: "Release notes for code and content",
      statement:
        "The vendor publishes release notes for every code release and, for content, a change log by content type and purpose that names the sensor versions affected and the ring schedule, without disclosing detection details useful to attackers.",
      vendorGuidance: "Provide links to the release notes and the content change log, and explain what is left out of content notes and why.",
      reviewerGuidance:
        "Check that content changes appear in the change log before or when they reach general rings. Red flags: content never mentioned; notes published days after release; notes that do not state affected sensor versions.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["url", "document"],
      rubric: [
        "No release notes are published for code or content.",
        "Release notes for code only, published irregularly.",
        "Release notes for every code release and a content change log, but the log lacks affected sensor versions or ring schedule, or appears after release.",
        "Every code release and every content change of the period appears in published notes, with affected sensor versions and ring schedule, no later than the general rings.",
        "As level 3, notes are available in machine-readable form (feed or API) and completeness has been checked against delivery records by an independent party.",
      ],
      mappings: [{ scheme: "vendor-commitments-2024", ref: "release-notes" }],
    },
    {
      id: "SDP-IRT-04",
      title: "Post-incident reviews",
      statement:
        "The vendor publishes, after any incident in which its update harmed customers' devices, a preliminary review within 7 days and a root-cause analysis within 30 days covering the timeline, root cause, why testing and staging did not stop it, and dated corrective actions, and then reports progress on those actions until they are closed.",
      vendorGuidance: "Provide the reviews published in the period, or the template and policy if there were none, and the tracker of corrective actions.",
      reviewerGuidance:
        "Check that the analysis explains why each safeguard (testing, validator, staging, gates) did not stop the fault. Red flags: a review that names only the immediate bug; actions without dates; silence after the first publication.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["url", "document"],
      rubric: [
        "No post-incident reviews are published, and no policy requires them.",
        "Reviews are published late or only on request, or cover the immediate bug only.",
        "A policy sets the 7-day and 30-day deadlines and the content of reviews, but past reviews missed them or did not report on corrective actions.",
        "Every qualifying incident of the period had a preliminary review within 7 days and a root-cause analysis within 30 days covering every safeguard, and progress on corrective actions was published until closure.",
        "As level 3, corrective actions were verified by an independent party, and lessons are shared with the ecosystem (platform and other vendors).",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "RV.3.1" },
        { scheme: "nist-ssdf", ref: "RV.3.4" },
        { scheme: "windows-resiliency", ref: "WRI-incident-response" },
      ],
    },
    {
      id: "SDP-IRT-05",
      title: "Public description of update architecture and practices",
      statement:
        "The vendor publishes, and keeps current, a plain description of how its product is built and updated: which components run in kernel mode, which content types exist and which component reads them, the ring plan and bake times for code and content, the health gates, and the controls available to customers.",
      vendorGuidance:
        "Provide the public page or document and its revision history. Confidential details may be given to reviewers separately, but the public text must cover each listed topic.",
      reviewerGuidance:
        "Compare the public description with the evidence submitted for SDP-ROL, SDP-GATE and SDP-KRN. Red flags: marketing language in place of specifics; a description that contradicts rollout records.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["url", "document"],
      rubric: [
        "No public description of how updates are built and delivered.",
        "General statements only, with no ring plan, content types or kernel-mode components.",
        "The description covers most listed topics but is out of date or omits content.",
        "A current public description covers every listed topic and matches the evidence submitted to reviewers.",
        "As level 3, the description is revised with every material change and dated, and an independent party has confirmed that it matches practice.",
      ],
      mappings: [
        {
          scheme: "other",
          ref: "WESES-2024-transparency",
          note: "Windows Endpoint Security Ecosystem Summit, September 2024: vendors should be open about how their products work and ship updates.",
        },
      ],
    },
  ],
};
