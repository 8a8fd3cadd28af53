/**
 * The analyser's version, stored with every analysis. Bump it whenever a rule,
 * a severity or an explanation changes, so stored results say which rules made them.
 * "1" was the first analyser (declared bakes, free-text gates).
 */
export const ANALYSER_VERSION = "2";
