import type { Domain } from "@/lib/catalog/schema";

export const testing: Domain = {
  key: "TST",
  title: "Pre-release testing",
  description:
    "The tests an update must pass before it enters any ring: developer, content-interface, validator, fuzzing, fault injection, stress, stability and rollback testing.",
  controls: [
    {
      id: "SDP-TST-01",
      title: "Local developer testing",
      statement:
        "The vendor requires every change to sensor code or content to be tested by its author, before it enters the shared pipeline, in a local or isolated environment that runs a real sensor build on the Windows versions the change targets, using the same automated test suites that the pipeline runs.",
      vendorGuidance:
        "Describe the developer test environment and how it matches production sensor builds. Give the share of changes in the period with a recorded pre-submit test run, for code and for content.",
      reviewerGuidance:
        "Check that content authors, not only code engineers, have and use such an environment. Red flags: content changes that go straight from an editor to the release pipeline; developer tests that use a mock sensor instead of a real build.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["test_report", "document"],
      rubric: [
        "No developer testing step; changes are first run in the shared pipeline or in production.",
        "Developers test by hand as they see fit, with no record and no real sensor build for content.",
        "A local environment with a real sensor build exists for code and content, but pre-submit runs are not required or recorded.",
        "Every code and content change of the period has a recorded pre-submit run of the shared suites on a real sensor build.",
        "As level 3, the pipeline rejects changes without a passing pre-submit run, defects escaping developer testing are tracked, and an independent review has confirmed the records.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "local-developer-testing" },
        { scheme: "nist-ssdf", ref: "PW.8.2" },
        { scheme: "windows-resiliency", ref: "WRI-testing" },
      ],
    },
    {
      id: "SDP-TST-02",
      title: "Content-interface testing",
      statement:
        "The vendor tests each content type against the sensor interface that consumes it, on every sensor version still supported in the field, with inputs that give every declared field a concrete value (no wildcard or default that hides a missing field) and inputs that take each field to its limits.",
      vendorGuidance:
        "Provide the test matrix of content types against supported sensor versions, the way test inputs are generated, a coverage report showing that every field of every template type is exercised with a concrete value, and results for recent content releases.",
      reviewerGuidance:
        "In July 2024 a template type declared 21 input fields, the sensor supplied 20, and the tests matched the 21st field with a wildcard, so the mismatch was never exercised. Look for wildcard or default matching in test inputs, and check that the oldest supported sensor version is in the matrix. Red flags: tests only on the newest sensor; coverage measured per template type but not per field.",
      applicability: { channels: ["content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["test_report", "document"],
      rubric: [
        "Content is not tested against the sensor interface.",
        "Some content is tested against the newest sensor only, or tests rely on wildcard matching for some fields.",
        "Every content type is tested against all supported sensor versions, but field coverage is not measured or some fields are still matched by wildcard.",
        "Every content release of the period was tested on all supported sensor versions with a concrete value in every declared field and boundary values for each field; field coverage is 100% and recorded.",
        "As level 3, test inputs are generated from the same machine-readable interface definition as the sensor and the content build (see SDP-KRN-02), and an independent review has confirmed coverage.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "content-interface-testing" },
        { scheme: "nist-ssdf", ref: "PW.8.2" },
        { scheme: "windows-resiliency", ref: "WRI-testing" },
        {
          scheme: "other",
          ref: "CF291-RCA-wildcard-21st-field",
          note: "Root-cause analysis of 6 August 2024: tests used a wildcard for the 21st input field.",
        },
      ],
    },
    {
      id: "SDP-TST-03",
      title: "Content validator checks",
      statement:
        "The vendor passes every content update, before release, through an automated validator that checks structure, field count and types, value ranges and compatibility with every sensor version that will load it. The validator is versioned, tested against a library of known-bad content, fails closed on its own errors, and cannot be bypassed by the release pipeline.",
      vendorGuidance:
        "Describe the validator's checks, its own test suite and library of known-bad content, how it is versioned and released, and how the pipeline enforces it. Provide validator results for recent content releases and the list of validator defects found in the period.",
      reviewerGuidance:
        "In July 2024 a logic error in the content validator let the faulty instance through. Check that the known-bad library contains a field-count mismatch, and that a validator crash or timeout blocks the release. Red flags: validator changes without tests; validator results that are advisory; no validator defects ever recorded.",
      applicability: { channels: ["content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["test_report", "document"],
      rubric: [
        "No automated validator, or it is not part of the release path.",
        "A validator exists but is advisory, or checks syntax only, or can be skipped.",
        "A mandatory validator checks structure, field count, types and ranges, but it has no suite of known-bad content or does not fail closed.",
        "Every content release of the period passed the mandatory validator; the validator fails closed, is tested against a known-bad library including field-count mismatches, and its defects are tracked.",
        "As level 3, every production content fault leads to a new validator rule and known-bad case within 30 days, the validator's detection rate is measured by mutation testing, and an independent review has confirmed it.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "validator-checks" },
        { scheme: "nist-ssdf", ref: "PO.3.1" },
        { scheme: "nist-ssdf", ref: "PW.8.2" },
        { scheme: "windows-resiliency", ref: "WRI-testing" },
        {
          scheme: "other",
          ref: "CF291-RCA-validator-logic-error",
          note: "Root-cause analysis of 6 August 2024: a logic error in the content validator.",
        },
      ],
    },
    {
      id: "SDP-TST-04",
      title: "Fuzzing, fault injection and stress testing",
      statement:
        "The vendor fuzzes every parser and interpreter that handles content or outside input, kernel-mode ones included; injects faults such as malformed or truncated content, missing files, low memory, I/O errors and interrupted updates; stress-tests code and content under high event rates; and blocks release while a new crash from any of these is untriaged.",
      vendorGuidance:
        "List the fuzzing targets and harnesses, the fuzzing time and coverage per release, the fault injection scenarios, the stress profiles, and the crashes found and their triage in the period.",
      reviewerGuidance:
        "Check that the content interpreter is a fuzzing target with the real sensor parsing code, not a re-implementation. Red flags: fuzzing run once a year; crashes left open across releases; stress tests only on code, not on new content.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["test_report"],
      rubric: [
        "No fuzzing, fault injection or stress testing.",
        "One of the three is done occasionally, with no link to releases.",
        "All three are done for code releases, but content parsers are not fuzzed or new crashes do not block release.",
        "Every parser and interpreter of content is fuzzed continuously with coverage reported, fault injection and stress runs are part of every code release and every new content type, and no release shipped with an untriaged crash.",
        "As level 3, fuzzing and fault-injection coverage is tracked over time with targets, findings feed new validator rules, and an independent review has confirmed the programme.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "stress-fuzz-fault-injection" },
        { scheme: "nist-ssdf", ref: "PW.8.1" },
        { scheme: "nist-ssdf", ref: "PW.8.2" },
        { scheme: "windows-resiliency", ref: "WRI-testing" },
      ],
    },
    {
      id: "SDP-TST-05",
      title: "Stability and compatibility testing",
      statement:
        "The vendor runs each update before release on a matrix of supported Windows versions, hardware, virtualisation platforms and common third-party software, long enough and through enough restart cycles to expose crashes, boot failures, hangs, leaks and performance regressions.",
      vendorGuidance:
        "Describe the test matrix and how it reflects the fleet, the duration and number of restart cycles per run, and the pass criteria. Provide results for recent code releases and for new content types.",
      reviewerGuidance:
        "Check that servers, virtual machines and encrypted-disk devices are in the matrix and that each run includes repeated restarts. Red flags: a matrix of one Windows build; runs of a few minutes; regressions waived without record.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["test_report", "telemetry_export"],
      rubric: [
        "No stability testing before release, or no test results are provided.",
        "Short runs on a few machines, with no defined matrix or pass criteria.",
        "A defined matrix and pass criteria exist for code, but content is not stability-tested or restart cycles are not included.",
        "Every code release and every new content type of the period passed a stability run of at least 24 hours with repeated restarts on a matrix covering the main Windows versions, servers and virtual machines.",
        "As level 3, the matrix is weighted by measured fleet make-up, performance baselines are tracked release over release, and an independent review has confirmed the results.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "stability-testing" },
        { scheme: "nist-ssdf", ref: "PW.8.2" },
        { scheme: "windows-resiliency", ref: "WRI-testing" },
      ],
    },
    {
      id: "SDP-TST-06",
      title: "Update and rollback testing",
      statement:
        "The vendor tests, for every release, that the update installs over each supported earlier version, that it can be rolled back to the last known good version of code and content, and that devices return to a healthy state afterwards, including after an update interrupted part-way.",
      vendorGuidance:
        "Provide the upgrade and rollback test plan and results for recent code and content releases, including interrupted-update cases and the time each rollback took.",
      reviewerGuidance:
        "Check that content rollback is tested separately from code rollback and that the tested path is the one used in production. Red flags: rollback tested only on a clean install; no test of an interrupted update.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["test_report"],
      rubric: [
        "Neither upgrade nor rollback is tested before release, or no test results are provided.",
        "Upgrade is tested; rollback is tested rarely or only for code.",
        "Upgrade and rollback of code and content are tested, but not for every release or not from every supported earlier version.",
        "Every release of the period passed upgrade tests from each supported earlier version and rollback tests to the last known good version for code and content, including an interrupted update.",
        "As level 3, rollback time and success rate are measured and tracked, rollback is also exercised in production drills, and an independent review has confirmed the results.",
      ],
      mappings: [
        { scheme: "vendor-commitments-2024", ref: "rollback-testing" },
        { scheme: "nist-ssdf", ref: "PW.8.2" },
        { scheme: "windows-resiliency", ref: "WRI-testing" },
        { scheme: "windows-resiliency", ref: "WRI-recovery" },
      ],
    },
  ],
};
