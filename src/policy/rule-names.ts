// The --fail-on rules, as a list the CLI can validate without loading the policy.
export const RULE_NAMES = ["external", "listen-any", "refused", "error", "leak", "diagnostic"] as const;
export type RuleName = (typeof RULE_NAMES)[number];
