import type { Domain } from "@/lib/catalog/schema";

export const independentAssurance: Domain = {
  key: "IND",
  title: "Independent assurance",
  description:
    "Review by parties outside the vendor's engineering organisation, follow-up of their findings, and the vendor's standing in the operating system platform's security partner programme.",
  controls: [
    {
      id: "SDP-IND-01",
      title: "Independent review of code and release process",
      statement:
        "The vendor has its kernel-mode and content-handling code and its release process reviewed against this catalog at least once a year by a qualified party independent of its engineering organisation, and gives Ringfence reviewers the full report under confidentiality.",
      vendorGuidance:
        "Name the reviewer and explain its independence and qualifications, give the scope and dates, and upload the full report as a confidential third-party assessment. A public summary may be added.",
      reviewerGuidance:
        "Check that the scope includes kernel-mode content readers and the content pipeline, not only general security practices. The full report is confidential and must never be published through the portal. Red flags: reviewer paid by or reporting to the engineering team under review; scope that excludes content; findings missing from the report.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["third_party_assessment", "attestation_letter"],
      rubric: [
        "No independent review of code or release process, or no report can be provided.",
        "An internal audit team reviewed the process, or an outside review took place more than 2 years ago.",
        "An independent review in the last 12 months covered either code or the release process, but not both, or content handling was out of scope.",
        "An independent review in the last 12 months covered kernel-mode and content-handling code and the release process against this catalog, and the full report was given to reviewers.",
        "As level 3, reviews are repeated annually by a rotating reviewer, follow-up reviews confirm that findings were fixed, and the public summary is published.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "third-party-review" },
        { scheme: "nist-ssdf", ref: "PW.2.1" },
        { scheme: "nist-ssdf", ref: "PW.7.2" },
      ],
    },
    {
      id: "SDP-IND-02",
      title: "Tracked remediation of findings",
      statement:
        "The vendor tracks every finding from independent reviews, Ringfence reviews and post-incident reviews in a plan of action and milestones with owner, severity and due date, and closes high-severity findings within 90 days or records a risk acceptance approved by senior management.",
      vendorGuidance: "Provide the plan of action and milestones (POA&M) with status per finding, and the risk acceptances with their approvals.",
      reviewerGuidance:
        "Check ages of open high-severity findings and whether closure was verified. Red flags: findings closed without evidence; repeated extensions; acceptances signed by the team that owns the fix.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "third_party_assessment"],
      rubric: [
        "Findings from reviews and incidents are not tracked, or no tracker can be produced.",
        "Findings are listed but have no owners or dates.",
        "A POA&M with owners, severities and dates exists, but high-severity findings stay open beyond 90 days without approved acceptance.",
        "Every finding of the period is in the POA&M; high-severity findings were closed within 90 days with evidence or carry an approved risk acceptance.",
        "As level 3, closure of high-severity findings is verified by the party that raised them, and time to close is tracked over time.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "RV.2.2" },
        {
          scheme: "other",
          ref: "CISA-secure-software-attestation-POAM",
          note: "Mirrors the Common Form's plan of action and milestones for practices not yet met.",
        },
      ],
    },
    {
      id: "SDP-IND-03",
      title: "Platform security partner programme obligations",
      statement:
        "The vendor meets the operating system platform's security partner programme obligations that bear on update safety (signing of the code it ships, building and delivering its own updates, and a yearly independent lab certification) and tells Ringfence within 30 days when its standing in the programme changes.",
      vendorGuidance:
        "Provide evidence of current programme membership, the latest lab certification with its date, and a description of code signing for drivers and user-mode components.",
      reviewerGuidance:
        "Check that the lab certification is less than 12 months old. Do not mark the vendor down for not testing its updates with the platform owner or routing them through a platform validation pipeline: that requirement is not confirmed and is not part of this catalog.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 2,
      must: false,
      evidenceKinds: ["attestation_letter", "third_party_assessment", "document"],
      rubric: [
        "The vendor cannot show programme membership or a lab certification.",
        "Membership is shown, but the lab certification is more than 12 months old or code signing is incomplete.",
        "Membership, signing and a lab certification within 12 months are shown, but changes of standing are not reported to Ringfence.",
        "Membership, complete code signing and a lab certification within 12 months are shown, and the vendor has committed to report changes of standing within 30 days.",
        "As level 3, certification has been renewed without gaps for at least 3 years, and signing covers content as well as code (see SDP-SSD-02).",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "MVI-code-signing" },
        { scheme: "nist-ssdf", ref: "PS.2.1" },
      ],
    },
  ],
};
