/** API token scopes; shared by the token form (client) and the server. */
export const TOKEN_SCOPE_VALUES = ["rollouts:write", "rollouts:read"] as const;
export const TOKEN_SCOPE_LABELS: Record<(typeof TOKEN_SCOPE_VALUES)[number], string> = {
  "rollouts:write": "rollouts:write — send new rollout records",
  "rollouts:read": "rollouts:read — list and read records and their findings",
};
