// The diagnostics stage: hands every event to the rules that asked for its kind (calls by syscall
// name), and emits a `diagnostic` event when a rule finds a mistake. Each rule is a small pure state
// machine (src/diagnostics/rules/) that reads the events' facts and the model's view.
import type { DiagnosticEvent, TraceEvent } from "../core/events.js";
import type { ModelView } from "../core/model-view.js";
import { NONE, type OtherEventType, type Rule, type RuleOptions } from "./rule.js";
import { RULES } from "./rules/index.js";

export interface DiagnosticsStage {
  /** Feed an event (after the socket model, with its final `seq`); returns diagnostics found. */
  push(event: TraceEvent): readonly DiagnosticEvent[];
  /** End of trace: rules that wait for something that never came report now. */
  flush(): DiagnosticEvent[];
}

export function createDiagnostics(options: RuleOptions, view: ModelView): DiagnosticsStage {
  const rules: Rule[] = RULES.map((make) => make(options, view));
  const everyCall = rules.filter((r) => r.calls === "all");
  const byCall = new Map<string, Rule[]>();
  const byType = new Map<OtherEventType, Rule[]>();
  for (const rule of rules) {
    if (rule.calls !== "all")
      for (const name of rule.calls) byCall.set(name, [...(byCall.get(name) ?? []), rule]);
    for (const type of rule.events ?? []) byType.set(type, [...(byType.get(type) ?? []), rule]);
  }
  // Rules in their declared order, whichever list they came from.
  const order = new Map(rules.map((r, i) => [r, i]));
  const forCall = new Map<string, Rule[]>();
  const rulesFor = (name: string): Rule[] => {
    let list = forCall.get(name);
    if (list === undefined) {
      list = [...new Set([...everyCall, ...(byCall.get(name) ?? [])])].sort(
        (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
      );
      forCall.set(name, list);
    }
    return list;
  };

  // Calls whose result strace injected (--inject), so that a rule's finding on one says so.
  const injected = new Set<number>();
  const marked = (found: DiagnosticEvent[]): DiagnosticEvent[] =>
    injected.size === 0
      ? found
      : found.map((d) => {
          const seqs = d.code === "injected-fault" ? [] : d.events.filter((s) => injected.has(s));
          return seqs.length === 0 || d.message.includes("--inject")
            ? d
            : {
                ...d,
                message: `${d.message} (The failure was injected by strace at sockscope's request: --inject.)`,
              };
        });

  return {
    push(event) {
      if (event.type === "syscall" && event.injected === true) {
        if (injected.size >= 4096) injected.clear();
        injected.add(event.seq);
      }
      const wanting = event.type === "syscall" ? rulesFor(event.name) : byType.get(event.type);
      if (wanting === undefined || wanting.length === 0) return NONE;
      let found: DiagnosticEvent[] | undefined;
      for (const rule of wanting) {
        const some = rule.push(event);
        if (some.length === 0) continue;
        found ??= [];
        found.push(...some);
      }
      return found === undefined ? NONE : marked(found);
    },
    flush() {
      return marked(rules.flatMap((r) => r.flush()));
    },
  };
}
