// The pipeline's options from the CLI's: explanations with this machine's sysctls, diagnostics
// thresholds, --stable, and --fail-on rules.
import { DEFAULT_RULE_OPTIONS } from "../diagnostics/rule.js";
import type { PipelineOptions } from "../pipeline.js";
import { checkBaselineRules, readBaseline } from "./baseline.js";
import type { ReportOptions } from "./options.js";
import { readSysctls } from "./sysctl.js";

/**
 * `live`: the trace is of this machine (run/attach/demo), so its sysctls are the program's.
 * `root`: the process whose exit is the program's, when known before the trace (attach's first pid).
 */
export function pipelineOptions(options: ReportOptions, live: boolean, root?: number): PipelineOptions {
  const env = readSysctls();
  const out: PipelineOptions = {
    summary: true,
    explain: { depth: options.explain, os: options.os, env, envIsTraced: live },
    diagnostics: {
      ...DEFAULT_RULE_OPTIONS,
      somaxconnIsLive: live,
      ...(env.somaxconn !== undefined ? { somaxconn: env.somaxconn } : {}),
    },
    stable: options.stable,
    redact: { limit: options.payload, none: options.noPayload, mask: options.redact },
  };
  if (root !== undefined) out.root = root;
  if (live) out.machine = env;
  if (options.failOn.length > 0) out.policy = { rules: options.failOn, allow: options.allow };
  checkBaselineRules(options.failOn, options.baseline);
  if (options.baseline !== undefined) out.baseline = readBaseline(options.baseline);
  return out;
}
