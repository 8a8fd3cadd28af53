/** The words an officer signs. The version is stored with every signature, so the wording can change later without rewriting history. */
export const STATEMENT_VERSION = "2026-01";

export function attestationStatement(organisationName: string, productName: string): string {
  return [
    `On behalf of ${organisationName}, and with authority to bind it, I attest that the answers and evidence in this attestation for ${productName} are accurate and complete to the best of my knowledge.`,
    `This attestation applies to the current release and to every later version of ${productName} until ${organisationName} withdraws it in writing.`,
    `If any practice described here stops being followed, or is materially weakened, ${organisationName} will notify the reviewers through this portal without undue delay.`,
  ].join(" ");
}
