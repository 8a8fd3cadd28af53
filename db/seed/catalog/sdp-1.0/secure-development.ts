import type { Domain } from "@/lib/catalog/schema";

export const secureDevelopment: Domain = {
  key: "SSD",
  title: "Secure development",
  description:
    "The secure development practices beneath safe deployment, aligned with the NIST Secure Software Development Framework (SP 800-218 v1.1) and the CISA Secure by Design goals.",
  controls: [
    {
      id: "SDP-SSD-01",
      title: "SSDF-aligned secure development programme",
      statement:
        "The vendor runs a secure development programme aligned with NIST SP 800-218 (SSDF) for the sensor, its drivers, the content pipeline and the update delivery service, and can show for each SSDF practice how it is met or why it does not apply.",
      vendorGuidance:
        "Provide the SSDF mapping (practice, how it is met, evidence reference) and, where available, the CISA Secure Software Development Attestation Form the vendor has signed, with its scope (company, product or versions).",
      reviewerGuidance:
        "Check that the scope includes the content pipeline and the delivery service, not only the sensor. Red flags: a mapping that repeats SSDF text without naming evidence; attested scope that excludes the product under review.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "attestation_letter", "third_party_assessment"],
      rubric: [
        "No secure development programme that the vendor can describe.",
        "Secure development practices exist but are not mapped to SSDF, or the content pipeline is out of scope.",
        "A mapping covers every SSDF practice for the sensor and content pipeline, but some entries name no evidence.",
        "The mapping covers every SSDF practice for sensor, drivers, content pipeline and delivery service with evidence for each, and a signed attestation covers the product.",
        "As level 3, an independent assessment has confirmed the SSDF mapping within the last 12 months.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PO.1.1" },
        { scheme: "nist-ssdf", ref: "PO.1.2" },
        { scheme: "nist-ssdf", ref: "PO.2.2" },
        { scheme: "nist-ssdf", ref: "PO.3.1" },
      ],
    },
    {
      id: "SDP-SSD-02",
      title: "Protected builds and signed code and content",
      statement:
        "The vendor builds code and content in protected, separated environments, signs every code and content release, has the sensor verify the signature before loading any update, and archives build inputs, outputs and provenance for every release.",
      vendorGuidance:
        "Describe the build environments and access controls, signing keys and their protection, signature checks in the sensor, and the release archive with provenance data (for example an SBOM).",
      reviewerGuidance:
        "Check that content, not only code, is signed and checked before load, and that the archive is enough to rebuild or redeploy the last known good version. Red flags: content signed by a key on a developer machine; archives kept for less than the support period of the versions.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["document", "third_party_assessment", "attestation_letter"],
      rubric: [
        "Builds run on shared or unmanaged machines and releases are not signed.",
        "Code is signed, but content is not, or build environments are not separated.",
        "Code and content are signed in separated build environments, but the sensor does not check content signatures before loading, or releases are not archived with provenance.",
        "Code and content are signed with protected keys, the sensor checks signatures before loading, and every release of the period is archived with provenance.",
        "As level 3, builds are reproducible or verifiably isolated, key use is logged and reviewed, and an independent assessment has confirmed the pipeline.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PO.5.1" },
        { scheme: "nist-ssdf", ref: "PS.1.1" },
        { scheme: "nist-ssdf", ref: "PS.2.1" },
        { scheme: "nist-ssdf", ref: "PS.3.1" },
        { scheme: "nist-ssdf", ref: "PS.3.2" },
        { scheme: "windows-resiliency", ref: "MVI-code-signing" },
      ],
    },
    {
      id: "SDP-SSD-03",
      title: "Review and analysis of sensor code and content tooling",
      statement:
        "The vendor has every change to sensor code, drivers, content interpreters, content compilers and validators reviewed by a second qualified engineer and analysed by automated tools suited to the language and to kernel-mode code, and findings are triaged before release.",
      vendorGuidance:
        "Describe the review rules, the analysis tools and their configuration (including driver verification tools for kernel code), and provide triage statistics for the period.",
      reviewerGuidance:
        "Check that content tooling (validator, compiler) is reviewed with the same rigour as the sensor, since a validator defect let the July 2024 content through. Red flags: self-approved changes; analysis warnings suppressed in bulk.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "test_report"],
      rubric: [
        "No code review or automated analysis of sensor code or content tooling, or no evidence of either.",
        "Review or analysis is done for some components only; content tooling is not covered.",
        "Every change to sensor code and content tooling is reviewed by a second engineer, but automated analysis is missing for kernel code or findings are not triaged.",
        "Every change in scope is reviewed and analysed, kernel code is checked by driver verification tools, and every finding of the period was triaged before release.",
        "As level 3, review and analysis findings are tracked by defect class to guide training and new checks, and an independent review has confirmed the process.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PW.7.1" },
        { scheme: "nist-ssdf", ref: "PW.7.2" },
        { scheme: "nist-ssdf", ref: "PW.6.1" },
        { scheme: "secure-by-design", ref: "SbD-3" },
      ],
    },
    {
      id: "SDP-SSD-04",
      title: "Vulnerability handling and root-cause learning",
      statement:
        "The vendor has a published vulnerability disclosure policy, issues CVE records with CWE classification for vulnerabilities in its products, and analyses the root causes of security defects and of update-caused failures to remove whole classes of error, feeding the results into tests, validator rules and its own controls.",
      vendorGuidance:
        "Link the disclosure policy and the CVE records of the period, and show two examples where a root-cause analysis led to a new test, validator rule or coding rule.",
      reviewerGuidance:
        "Check that CVE records carry CWE identifiers and that root-cause work goes beyond the single defect. Red flags: no CVE ever issued for a widely deployed product; root-cause actions that only fix the instance.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["url", "document"],
      rubric: [
        "No disclosure policy and no root-cause analysis.",
        "A disclosure policy exists, but CVE records are not issued or root causes are not analysed.",
        "A disclosure policy is published and CVE records are issued, but without CWE, or root-cause analysis fixes only single defects.",
        "The disclosure policy is published, CVE records of the period carry CWE, and at least two root-cause analyses led to class-wide fixes in tests, validator rules or coding rules.",
        "As level 3, defect classes are tracked over time with a measured decline, and an independent review has confirmed the process.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "RV.1.1" },
        { scheme: "nist-ssdf", ref: "RV.1.3" },
        { scheme: "nist-ssdf", ref: "RV.3.2" },
        { scheme: "nist-ssdf", ref: "RV.3.3" },
        { scheme: "nist-ssdf", ref: "RV.3.4" },
        { scheme: "secure-by-design", ref: "SbD-5" },
        { scheme: "secure-by-design", ref: "SbD-6" },
      ],
    },
  ],
};
