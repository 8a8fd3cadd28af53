import type { Domain } from "@/lib/catalog/schema";

export const recovery: Domain = {
  key: "REC",
  title: "Pause, rollback and recovery",
  description: "Stopping a bad update everywhere, returning devices to the last known good version, and bringing back devices that no longer boot.",
  controls: [
    {
      id: "SDP-REC-01",
      title: "Global pause of a rollout",
      statement:
        "The vendor can stop distribution of any code or content update to all rings worldwide, through a documented mechanism available at any hour, and the stop takes effect across its delivery infrastructure, caches included, within 15 minutes of the decision.",
      vendorGuidance:
        "Describe the pause mechanism, who can use it, and how it reaches caches and content delivery networks. Provide records of real pauses and of drills with the time from decision to full effect.",
      reviewerGuidance:
        "Check that the pause covers caches and devices that have already queued the download. Red flags: a pause that only stops new publishing; a pause that needs a code deployment; no drill in the last 12 months.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["rollout_record", "test_report", "document"],
      rubric: [
        "No way to stop a rollout already under way, or no evidence that one exists.",
        "A rollout can be stopped by manual work across several systems; the time to full effect is unknown or above 15 minutes.",
        "A single documented pause covers code and content, but caches or queued downloads are not covered, or it has not been drilled in the last 12 months.",
        "A single pause takes full effect, caches included, within 15 minutes of the decision in every recorded use and drill of the period, for code and for content.",
        "As level 3, pause drills run at least quarterly with measured times, the pause is also triggered automatically by failing gates (SDP-GATE-03), and an independent review has confirmed the timings.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
        { scheme: "windows-resiliency", ref: "WRI-incident-response" },
      ],
    },
    {
      id: "SDP-REC-02",
      title: "Rollback to the last known good version",
      statement:
        "The vendor can return devices, remotely and at fleet scale, to the last known good version of code and, separately, of content; it keeps every released version available for that purpose, and customers can start a rollback for their own devices.",
      vendorGuidance:
        "Describe the rollback mechanisms for code and for content, how the last known good version is identified, how long versions are kept, and the customer-facing controls. Provide records of rollbacks in the period with their duration and success rate.",
      reviewerGuidance:
        "Check that content can be rolled back without a code change and faster than a code rollback. Check how rollback reaches devices that are unstable; this control assumes the device still runs, and SDP-REC-03 covers devices that do not. Red flags: rollback means shipping a new forward fix; customers cannot act without opening a support case.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["rollout_record", "test_report", "document"],
      rubric: [
        "No rollback: recovery from a bad update means waiting for a new release.",
        "Rollback is possible for code or for content but not both, or only device by device.",
        "Remote fleet rollback exists for code and content, but it has not been used or drilled in the period, or customers cannot start it.",
        "Fleet rollback for code and content, and customer-started rollback, were used or drilled in the period, with at least 95% of reachable devices back on the last known good version within 1 hour for content and 24 hours for code.",
        "As level 3, rollback duration and success are tracked over time, rollback can be started automatically by a failing gate, and an independent review has confirmed the measurements.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-recovery" },
        { scheme: "nist-ssdf", ref: "PS.3.1" },
      ],
    },
    {
      id: "SDP-REC-03",
      title: "Recovery of devices that no longer boot",
      statement:
        "The vendor's product detects repeated crashes or failed starts caused by its own kernel-mode or boot-start components and, on the next start, loads in a reduced safe state (for example without the newest content, or on the last known good content) so that the device boots and can receive a fix. The vendor also supports the operating system's remote recovery mechanisms and gives customers a tested manual procedure for devices that still cannot start.",
      vendorGuidance:
        "Describe the crash-loop detection and the safe state, the test that proves it works (a fault injected at boot), support for the platform's recovery environment and remote repair, and the manual procedure, including devices with encrypted disks, servers and cloud virtual machines.",
      reviewerGuidance:
        "In July 2024 crashed machines could not boot to receive the fix: over 97% of sensors were back after six days and about 99% after ten. Check that recovery does not depend on a crashed device downloading anything. Red flags: the safe state never tested; a manual procedure that assumes local administrator access and an unlocked disk.",
      applicability: { channels: ["code", "content"], kernelOnly: true },
      weight: 5,
      must: true,
      evidenceKinds: ["test_report", "document", "telemetry_export"],
      rubric: [
        "No self-protection against crash loops and no documented recovery procedure.",
        "A manual recovery procedure exists, but the product cannot detect its own crash loop, or the procedure has never been tested.",
        "The product detects a crash loop and starts in a safe state, but this has been tested only in a lab, or the manual procedure does not cover encrypted disks, servers or cloud virtual machines.",
        "Crash-loop detection and the safe state are tested with a boot-time fault for every code release, the platform's remote recovery is supported, and the manual procedure covering encrypted disks, servers and cloud virtual machines was exercised in the period.",
        "As level 3, a fleet drill shows at least 95% of affected test devices booting into the safe state without manual action, and an independent review has confirmed the design and the drill.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-recovery" },
        {
          scheme: "other",
          ref: "CF291-recovery-timeline",
          note: "July 2024: over 97% of sensors back by 25 July and about 99% by 29 July, because crashed machines could not boot to receive the fix.",
        },
      ],
    },
    {
      id: "SDP-REC-04",
      title: "Recovery playbooks, drills and measured recovery",
      statement:
        "The vendor keeps recovery playbooks for fleet-wide faults caused by its updates, rehearses them at least once a year in a realistic drill with customer-facing teams, and measures recovery over time (share of affected devices healthy after 1, 24 and 72 hours) in drills and real events.",
      vendorGuidance: "Provide the playbooks, the last drill's scenario, participants and measured results, the lessons recorded and the changes made.",
      reviewerGuidance:
        "Check that the drill involved a real fault on real devices or a faithful copy, and that measured recovery curves exist. Red flags: a tabletop exercise only; no change after a drill.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["document", "test_report", "telemetry_export"],
      rubric: [
        "No recovery playbooks for fleet-wide faults, or none can be produced.",
        "Playbooks exist but have not been rehearsed in any form in the last 24 months.",
        "Playbooks are rehearsed as tabletop exercises; recovery is not measured.",
        "A realistic drill took place in the last 12 months with measured recovery at 1, 24 and 72 hours, and its lessons were turned into recorded changes.",
        "As level 3, at least 95% of affected devices in the drill were healthy within 24 hours, recovery targets are tracked over successive drills, and an independent party observed the drill.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-recovery" },
        { scheme: "windows-resiliency", ref: "WRI-incident-response" },
        { scheme: "nist-ssdf", ref: "RV.2.2" },
      ],
    },
  ],
};
