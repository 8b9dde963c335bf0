// What a diagnostic rule is: a factory taking the thresholds, returning a small stateful checker.
import type { DiagnosticEvent, ModelEvent } from "../events/schema.js";

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
export type Finding = Omit<DiagnosticEvent, "seq" | "v" | "type">;

export interface Rule {
  push(event: ModelEvent): readonly DiagnosticEvent[];
  flush(): readonly DiagnosticEvent[];
}

/** "Nothing found": one shared empty list, as most events find nothing in most rules. */
export const NONE: readonly DiagnosticEvent[] = Object.freeze([]);

export function diagnostic(f: Finding): DiagnosticEvent {
  return { type: "diagnostic", v: 1, seq: 0, ...f };
}
