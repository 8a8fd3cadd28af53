/** Download links for one report; every download is checked and audited by the route. */
export function ExportLinks({
  reportId,
  digest,
  revision,
  tier,
  hasRemediation,
}: {
  reportId: string;
  digest: string;
  revision: number;
  tier: "full" | "observer";
  hasRemediation: boolean;
}) {
  const href = (format: string) => `/api/reports/${reportId}/export?format=${format}`;
  const links: [string, string][] = [
    ["pdf", "PDF report"],
    ["csv", "Scores (CSV)"],
    ["json", "Scores (JSON)"],
    ["oscal-ar", "OSCAL assessment results"],
    ["oscal-poam", hasRemediation ? "OSCAL plan of action and milestones" : "OSCAL plan of action and milestones (no conditions were set)"],
  ];
  return (
    <div className="text-sm">
      <p className="font-semibold">Download</p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {links.map(([format, label]) => (
          <li key={format}>
            <a href={href(format)} className="text-brand-700 underline" download>
              {label}
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs break-all text-muted">
        Each file names this report&apos;s revision ({revision}) and the SHA-256 of the {tier === "full" ? "full" : "observer"} edition it came from: {digest}
      </p>
    </div>
  );
}
