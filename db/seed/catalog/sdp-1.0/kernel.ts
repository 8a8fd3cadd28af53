import type { Domain } from "@/lib/catalog/schema";

export const kernel: Domain = {
  key: "KRN",
  title: "Kernel-mode minimisation and safe content parsing",
  description:
    "Keeping as little as possible in kernel mode, and making sure that code which reads content, in the kernel above all, cannot be brought down by content it did not expect.",
  controls: [
    {
      id: "SDP-KRN-01",
      title: "Kernel-mode inventory and minimisation plan",
      statement:
        "The vendor keeps an inventory of its kernel-mode components and the functions each performs, justifies every function that stays in the kernel, and keeps a dated plan to move functions to user mode where the operating system offers an adequate alternative, such as the Windows endpoint security platform that runs outside the kernel.",
      vendorGuidance:
        "Provide the inventory (component, function, reason it runs in kernel mode, whether it reads content), the plan with dates, and the vendor's assessment of the user-mode platform as its availability allows. Describe how new kernel code is kept small and written to avoid memory-safety errors.",
      reviewerGuidance:
        "Whether security functions can leave the kernel is contested, and the user-mode platform entered private preview only in mid-2025: assess the quality of the justification and the plan, not the amount of kernel code left. Red flags: no inventory; content interpreters in the kernel with no stated reason; a plan without dates or owners.",
      applicability: { channels: ["code"], kernelOnly: true },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "third_party_assessment"],
      rubric: [
        "No inventory of kernel-mode components, or the vendor cannot produce one.",
        "An inventory exists but gives no reasons for keeping functions in the kernel.",
        "The inventory justifies each kernel function, but there is no dated plan to move functions to user mode where alternatives exist.",
        "The inventory is current, every kernel function is justified, and a dated plan with owners exists; at least one planned step is done or on schedule.",
        "As level 3, the vendor measures the size of its kernel-mode code and the share of content parsed outside the kernel release by release, and an independent review has confirmed the inventory.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-user-mode-platform" },
        { scheme: "nist-ssdf", ref: "PW.1.1" },
        {
          scheme: "secure-by-design",
          ref: "SbD-3",
          note: "Less kernel-mode code narrows where memory-safety errors can stop the whole machine.",
        },
      ],
    },
    {
      id: "SDP-KRN-02",
      title: "Build-time checks between content and sensor interface",
      statement:
        "The vendor's content build fails when a content item's structure does not match what each target sensor version will supply and accept: field count, field types, sizes and order are checked against one machine-readable interface definition shared by the sensor build and the content build.",
      vendorGuidance:
        "Show the interface definition, how it is generated into or checked by both the sensor and content builds, and a build log in which a mismatch made the build fail. State which content types are covered.",
      reviewerGuidance:
        "In July 2024 there was no build-time check that the number of fields in a template type matched what the sensor supplied. Check that the definition is a single source, not two hand-kept copies, and that every sensor version in the field is checked. Red flags: checks that warn instead of fail; content types outside the check.",
      applicability: { channels: ["content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["test_report", "document"],
      rubric: [
        "No build-time check of content against the sensor interface.",
        "Some checks exist, but field count or types are not checked, or the check only warns.",
        "Field count, types and order are checked and fail the build, but against the newest sensor version only, or from a hand-kept copy of the interface.",
        "Every content type is checked against every supported sensor version from a single shared interface definition, and the check fails the build; a recorded mismatch shows it working.",
        "As level 3, the sensor's own runtime checks (SDP-KRN-03) are generated from the same definition, the check has its own negative tests, and an independent review has confirmed coverage.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PW.6.2" },
        { scheme: "nist-ssdf", ref: "PO.3.1" },
        { scheme: "vendor-commitments-2024", ref: "validator-checks" },
        {
          scheme: "other",
          ref: "CF291-RCA-no-build-time-field-count-check",
          note: "Root-cause analysis of 6 August 2024: the template type declared 21 fields, the sensor supplied 20, and nothing checked the count at build time.",
        },
      ],
    },
    {
      id: "SDP-KRN-03",
      title: "Runtime bounds checks in kernel-mode content interpreters",
      statement:
        "The vendor ensures that every kernel-mode component that reads content checks at run time, before each access, that indices, offsets, lengths and field counts fall within the data actually supplied, and rejects the content item rather than reading or writing outside it.",
      vendorGuidance:
        "Identify every kernel-mode component that reads content and show where and how bounds are checked (code extracts or an architecture note), the tests that feed out-of-range values, and fuzzing results for these components (SDP-TST-04).",
      reviewerGuidance:
        "The July 2024 crash was an out-of-bounds read by the kernel-mode content interpreter. Check that checks sit in the interpreter itself, not only in the validator, and that fault-injection tests include a field-count mismatch. Red flags: 'content is validated upstream' given as the only defence; checks compiled out of release builds.",
      applicability: { channels: ["content"], kernelOnly: true },
      weight: 5,
      must: true,
      evidenceKinds: ["test_report", "document", "third_party_assessment"],
      rubric: [
        "Kernel-mode content readers do not check bounds at run time.",
        "Some accesses are checked, but the vendor cannot show that all are, or relies on upstream validation.",
        "All accesses in the main interpreter are checked, but other kernel components that read content are not covered, or there are no negative tests.",
        "Every kernel-mode content reader checks every access, negative tests including field-count mismatches pass on every release, and fuzzing of these readers shows no out-of-bounds access.",
        "As level 3, the checks are generated from the shared interface definition or proved by static analysis, and an independent code review has confirmed them.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PW.5.1" },
        { scheme: "secure-by-design", ref: "SbD-3" },
        { scheme: "vendor-commitments-2024", ref: "interpreter-error-handling" },
        {
          scheme: "other",
          ref: "CF291-RCA-no-runtime-bounds-check",
          note: "Root-cause analysis of 6 August 2024: no runtime bounds check in the content interpreter.",
        },
      ],
    },
    {
      id: "SDP-KRN-04",
      title: "Fail-safe handling of invalid content",
      statement:
        "The vendor's sensor checks content for integrity (signature) before parsing it and, when it finds content it cannot use safely, discards that item or the whole update, keeps running on the last known good content, reports the failure to the vendor, and never stops the operating system.",
      vendorGuidance:
        "Describe the error-handling design of each content reader, the fallback to last known good content, the failure report sent to the vendor, and tests showing the behaviour with corrupt, truncated, unsigned and mismatched content.",
      reviewerGuidance:
        "Check that the failure report feeds the health gates (SDP-GATE-01), so that rejected content stops the rollout. Red flags: exceptions that propagate in kernel mode; content rejected silently; no fallback, leaving the sensor without protection.",
      applicability: { channels: ["content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["test_report", "document"],
      rubric: [
        "Invalid content can crash the sensor or the operating system.",
        "Some errors are caught, but no fallback to last known good content exists, or signatures are not checked before parsing.",
        "Signatures are checked, invalid content is rejected with fallback, but rejections are not reported to the vendor or not tested for all content types.",
        "Every content reader checks signatures first, rejects invalid content with fallback to last known good, reports the rejection into the health gates, and tests for corrupt, truncated, unsigned and mismatched content pass on every release.",
        "As level 3, rejection rates are tracked per release as a gate signal, and an independent review has confirmed the design and tests.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "interpreter-error-handling" },
        { scheme: "nist-ssdf", ref: "PW.5.1" },
        { scheme: "windows-resiliency", ref: "WRI-monitoring" },
      ],
    },
  ],
};
