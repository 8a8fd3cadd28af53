import type { Domain } from "@/lib/catalog/schema";

export const healthGates: Domain = {
  key: "GATE",
  title: "Health monitoring and automated halts",
  description: "The signals that show whether an update is harming devices, the gates that decide promotion, and the automatic halt when a gate fails.",
  controls: [
    {
      id: "SDP-GATE-01",
      title: "Health signals and pass criteria for every ring",
      statement:
        "The vendor defines, for each update type, the health signals watched in every ring (at least crash and bug-check rates, unexpected restarts, boot completion, sensor check-ins, CPU and memory use, and false-positive detections), with a baseline and a threshold for each signal that decides whether the ring passes.",
      vendorGuidance:
        "List each signal with its source, the delay between an event on a device and its arrival in the gate, its baseline and its pass threshold. Provide gate results for recent releases, including at least one gate that failed or held an update.",
      reviewerGuidance:
        "Check that signal delay is short compared with the bake time: with a 60-minute content bake, signals must arrive within minutes. Check that thresholds are relative to a baseline from devices without the update. Red flags: health judged from support tickets or social media; thresholds so loose that no gate has ever failed; content and code sharing one generic gate.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["telemetry_export", "rollout_record", "document"],
      rubric: [
        "No defined health signals; rollouts are watched informally, if at all.",
        "Some signals are collected, but there are no thresholds or baselines, or crash and boot signals are missing.",
        "Crash, restart, boot, check-in, resource and false-positive signals are defined with thresholds for code and content, but signal delay is not measured or exceeds the content bake time.",
        "All signals have baselines and thresholds, arrive within 15 minutes of the event, and were evaluated for every ring of every release of the period, with gate results recorded.",
        "As level 3, thresholds are tuned from measured false-alarm and missed-fault rates, gates are tested by injecting synthetic faults, and an independent review has confirmed both.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-monitoring" },
        { scheme: "vendor-commitments-2024", ref: "monitoring-during-rollout" },
        { scheme: "nist-ssdf", ref: "PO.4.1" },
        { scheme: "nist-ssdf", ref: "PO.4.2" },
      ],
    },
    {
      id: "SDP-GATE-02",
      title: "Detection of silent failures",
      statement:
        "The vendor treats devices that received an update and then stopped checking in as a failure signal in its own right, because a device that crashes or cannot boot cannot report its own crash.",
      vendorGuidance:
        "Explain how the set of devices that received an update is tracked, what check-in rate is expected from them, and how large a drop trips the gate. Describe any use of crash or boot telemetry available through the operating system platform.",
      reviewerGuidance:
        "Ask for a gate result in which a drop in check-ins tripped the gate, in a drill or for real. Red flag: health rates computed only over devices still reporting, which makes a fleet of crashed machines look healthy.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 4,
      must: false,
      evidenceKinds: ["telemetry_export", "test_report"],
      rubric: [
        "Devices that stop checking in after an update are not monitored, or no evidence of such monitoring is provided.",
        "Missing check-ins are visible on a dashboard but are not part of any gate.",
        "A check-in drop among updated devices is part of the gate with a threshold, but it has never been tested.",
        "The check-in gate is part of every ring, compares updated devices with a control group, and has tripped correctly in a recorded drill or event during the period.",
        "As level 3, the gate is drilled at least quarterly with measured detection times, and an independent review has confirmed the results.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-monitoring" },
        { scheme: "vendor-commitments-2024", ref: "monitoring-during-rollout" },
      ],
    },
    {
      id: "SDP-GATE-03",
      title: "Automated halt on a failing health gate",
      statement:
        "The vendor's delivery system stops further distribution of an update automatically when a health gate fails, without waiting for a person and within 30 minutes of the failing signal; the halt also stops devices of the current ring that have not yet downloaded the update, and resuming needs a recorded human decision.",
      vendorGuidance:
        "Describe how a failing gate triggers the halt and what the halt stops (next ring, remaining devices of the current ring, caches). Provide halt records from real events and drills showing the time from the failing signal to the halt.",
      reviewerGuidance:
        "Compare each recorded time from failing signal to halt with the 30-minute threshold. In July 2024 the faulty content was reverted 78 minutes after release. Red flags: a halt that needs a meeting or a manual ticket; halts never drilled; halts that stop promotion but let the current ring keep downloading.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 5,
      must: true,
      evidenceKinds: ["rollout_record", "test_report", "telemetry_export"],
      rubric: [
        "No halt mechanism, or halting requires manual work that has never been timed.",
        "A manual halt exists; records or drills show the time from failing signal to halt above 30 minutes, or it has not been measured.",
        "A failing gate halts promotion automatically, but the current ring keeps receiving the update, or halt times are measured only in drills.",
        "A failing gate halts all further distribution automatically within 30 minutes of the signal in every recorded event and drill of the period, and resuming requires a recorded approval.",
        "As level 3, the median time from signal to halt is under 10 minutes, halts are drilled at least quarterly for code and for content, and an independent review has confirmed the timings.",
      ],
      mappings: [
        { scheme: "windows-resiliency", ref: "WRI-monitoring" },
        { scheme: "windows-resiliency", ref: "WRI-gradual-rollout" },
        { scheme: "vendor-commitments-2024", ref: "monitoring-during-rollout" },
      ],
    },
    {
      id: "SDP-GATE-04",
      title: "Recorded gate decisions and post-release watch",
      statement:
        "The vendor records, for every ring of every update, the gate evaluated, the signal values, the decision taken (promote, hold, halt or roll back) and who or what took it, keeps these records for at least 24 months, and keeps watching fleet health for at least 7 days after an update reaches the whole fleet.",
      vendorGuidance:
        "Export the gate decision records for the period in a structured form (the portal's rollout record format is preferred). Describe the post-release watch: which signals, how long, who is alerted.",
      reviewerGuidance:
        "Check that decisions exist for every ring of every sampled release and that signal values are stored, not only the verdict. Red flags: gaps in the records; decisions recorded without signal values; no monitoring once an update is fully released.",
      applicability: { channels: ["code", "content"], kernelOnly: false },
      weight: 3,
      must: false,
      evidenceKinds: ["rollout_record", "telemetry_export"],
      rubric: [
        "Gate decisions are not recorded, or the vendor cannot produce any record of them.",
        "Some decisions are recorded, in chat or tickets, without signal values.",
        "Structured decision records exist for most rings of sampled releases, but retention is under 24 months or the post-release watch is undefined.",
        "Every ring of every release of the period has a structured decision record with signal values, kept for at least 24 months, and health is watched for at least 7 days after full release.",
        "As level 3, the records are generated by the delivery system, cannot be edited after the fact, and an independent review has checked them against delivery telemetry.",
      ],
      mappings: [
        { scheme: "nist-ssdf", ref: "PO.3.3" },
        { scheme: "nist-ssdf", ref: "PS.3.1" },
        { scheme: "windows-resiliency", ref: "WRI-monitoring" },
      ],
    },
  ],
};
