/** Which finding codes an analysis added and dropped compared with the one before it. Pure. */
export type FindingCodeChange = { appeared: string[]; disappeared: string[] };

type WithFindings = { analysis: { findings?: { code: string }[] } | null };

const codes = (a: WithFindings["analysis"]) => new Set((a?.findings ?? []).map((f) => f.code));

/** For analyses listed oldest first; the first one's codes all "appeared". */
export function findingCodeChanges(analyses: WithFindings[]): FindingCodeChange[] {
  let previous = new Set<string>();
  return analyses.map(({ analysis }) => {
    const now = codes(analysis);
    const change = { appeared: [...now].filter((c) => !previous.has(c)).sort(), disappeared: [...previous].filter((c) => !now.has(c)).sort() };
    previous = now;
    return change;
  });
}
