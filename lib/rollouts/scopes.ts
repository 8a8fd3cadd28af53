/** API token scopes; shared by the token form (client) and the server. */
export const TOKEN_SCOPE_VALUES = ["rollouts:write", "rollouts:read"] as const;
export const TOKEN_SCOPE_LABELS: Record<(typeof TOKEN_SCOPE_VALUES)[number], string> = {
  "rollouts:write": "rollouts:write — send new rollout records",
  "rollouts:read": "rollouts:read — list and read records and their findings",
};

/** How long a new API token stays valid; the token form offers these. */
export const TOKEN_LIFETIME_DAYS = [30, 90, 365] as const;
export type TokenLifetimeDays = (typeof TOKEN_LIFETIME_DAYS)[number];
export const DEFAULT_TOKEN_LIFETIME_DAYS: TokenLifetimeDays = 90;
export const TOKEN_LIFETIME_LABELS: Record<TokenLifetimeDays, string> = { 30: "30 days", 90: "90 days", 365: "1 year (365 days)" };
