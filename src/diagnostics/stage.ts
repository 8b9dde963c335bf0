// The diagnostics stage: runs every rule over the model's event stream and emits a `diagnostic`
// event when a rule finds a mistake. Each rule is a small pure state machine (src/diagnostics/rules/).
import type { DiagnosticEvent, ModelEvent } from "../events/schema.js";
import type { Rule, RuleOptions } from "./rule.js";
import { RULES } from "./rules/index.js";

export interface DiagnosticsStage {
  /** Feed an event (after the socket model, with its final `seq`); returns diagnostics found. */
  push(event: ModelEvent): readonly DiagnosticEvent[];
  /** End of trace: rules that wait for something that never came report now. */
  flush(): DiagnosticEvent[];
}

/** What most events find: nothing (shared, so that the hot path allocates no array for it). */
const NOTHING: readonly DiagnosticEvent[] = Object.freeze([]);

export function createDiagnostics(options: RuleOptions): DiagnosticsStage {
  const rules: Rule[] = RULES.map((make) => make(options));
  return {
    push(event) {
      let found: DiagnosticEvent[] | undefined;
      for (const rule of rules) {
        const some = rule.push(event);
        if (some.length === 0) continue;
        found ??= [];
        found.push(...some);
      }
      return found ?? NOTHING;
    },
    flush() {
      return rules.flatMap((r) => r.flush());
    },
  };
}
