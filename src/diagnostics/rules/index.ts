// Every diagnostic rule, in the order they report.
import type { Rule, RuleOptions } from "../rule.js";

export const RULES: Array<(options: RuleOptions) => Rule> = [];
