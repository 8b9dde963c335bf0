// The diagnostics stage: runs every rule over the model's event stream and emits a `diagnostic`
// event when a rule finds a mistake. Each rule is a small pure state machine (src/diagnostics/rules/).
import type { DiagnosticEvent, ModelEvent } from "../events/schema.js";
import type { Rule, RuleOptions } from "./rule.js";
import { RULES } from "./rules/index.js";

export interface DiagnosticsStage {
  /** Feed an event (after the socket model, with its final `seq`); returns diagnostics found. */
  push(event: ModelEvent): DiagnosticEvent[];
  /** End of trace: rules that wait for something that never came report now. */
  flush(): DiagnosticEvent[];
}

export function createDiagnostics(options: RuleOptions): DiagnosticsStage {
  const rules: Rule[] = RULES.map((make) => make(options));
  return {
    push(event) {
      return rules.flatMap((r) => r.push(event));
    },
    flush() {
      return rules.flatMap((r) => r.flush());
    },
  };
}
