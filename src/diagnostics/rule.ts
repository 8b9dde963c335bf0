// What a diagnostic rule is: a factory taking the thresholds and the model's view, returning a small
// stateful checker that says which events it wants, so the stage hands each rule only those.
import type { DiagnosticEvent, TraceEvent } from "../core/events.js";
import type { ModelView } from "../core/model-view.js";

export interface RuleOptions {
  /** Seconds a socket may stay open after the peer closed before close-wait-leak fires (default 1). */
  closeWaitSeconds: number;
  /** Seconds a connect may take before connect-timeout fires (default 3). */
  slowConnectSeconds: number;
  /** EAGAIN failures in a row, with no wait between, before busy-eagain-loop fires (default 20). */
  eagainRun: number;
  /** net.core.somaxconn of the machine, when known (read at run time); else assumed 4096. */
  somaxconn?: number;
  /** Whether somaxconn is this machine's (true for run/attach; for read, the log's machine may differ). */
  somaxconnIsLive: boolean;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  closeWaitSeconds: 1,
  slowConnectSeconds: 3,
  eagainRun: 20,
  somaxconnIsLive: false,
};

/** A diagnostic without its `seq` (the pipeline numbers the stream). */
export type Finding = Omit<DiagnosticEvent, "seq" | "type">;

/** The kinds of event besides calls that a rule may want. */
export type OtherEventType = Exclude<TraceEvent["type"], "syscall">;

export interface Rule {
  /** The syscalls whose events the rule wants, by name ("all": every call). */
  readonly calls: ReadonlySet<string> | "all";
  /** The other events it wants (connection, exit, signal…). */
  readonly events?: ReadonlySet<OtherEventType>;
  push(event: TraceEvent): readonly DiagnosticEvent[];
  flush(): readonly DiagnosticEvent[];
}

export type RuleFactory = (options: RuleOptions, view: ModelView) => Rule;

/** "Nothing found": one shared empty list, as most events find nothing in most rules. */
export const NONE: readonly DiagnosticEvent[] = Object.freeze([]);

export function diagnostic(f: Finding): DiagnosticEvent {
  return { type: "diagnostic", seq: 0, ...f };
}
