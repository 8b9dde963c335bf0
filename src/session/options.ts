// What a session is asked to do, as the CLI parsed it: the report's options, and for a live trace
// strace's. Plain data: the session service (session.ts) is the only reader.
import type { Os } from "../catalogue/os.js";
import type { RuleName } from "../core/events.js";
import type { Depth } from "../explain/annotate.js";
import type { InjectSpec } from "../inject/spec.js";
import type { AllowRule } from "../policy/cidr.js";
import type { Format } from "../render/formats.js";
import type { Selection } from "../render/select.js";

export interface ReportOptions {
  /** undefined: pretty on a terminal, text otherwise. */
  format?: Format;
  output?: string;
  summary: boolean;
  all: boolean;
  explain: Depth;
  os: Os;
  failOn: RuleName[];
  allow: AllowRule[];
  stable: boolean;
  /** --summary-file: append the Markdown report there ("none": not even to GITHUB_STEP_SUMMARY). */
  summaryFile?: string;
  /** Bytes of each data buffer shown (--payload), or none at all (--no-payload). */
  payload: number;
  noPayload: boolean;
  /** false: --no-redact, payload buffers keep their credentials. */
  redact: boolean;
  /** The interactive view instead of a report. */
  tui: boolean;
  /** --pid, --fd, --syscall, --conn, --errors-only. */
  selection: Selection;
  /** Text and pretty fold long runs of data calls on one socket (--no-fold: every call). */
  fold: boolean;
  /** --record-baseline FILE: write what the run did with the network there. */
  recordBaseline?: string;
  /** --baseline FILE: compare the run with it (rules unexpected, missing). */
  baseline?: string;
  /** --suggest-allow: say which --allow list lets the run's external connections pass. */
  suggestAllow?: boolean;
}

export interface ExplainTopicOptions {
  os: Os;
  json: boolean;
}

export interface TraceOptions extends ReportOptions {
  netOnly: boolean;
  /** strace -yy: decode fds into paths and socket addresses (--no-decode-fds: -y, paths and inodes only). */
  decodeFds: boolean;
  strace?: string;
  straceArg: string[];
  /**
   * attach: also attach to the existing descendants of the pids named (false: --no-children, the
   * named pids alone). Children forked while traced are followed either way (strace -f).
   */
  children: boolean;
  /**
   * Read the kernel's view beside the trace (src/kernel/): TCP connections' final tcp_info, traced
   * listeners' accept queues, TCP counters (false: --no-kernel-state; never under --stable, whose
   * output must not change from run to run).
   */
  kernelState: boolean;
  /** --inject: faults strace injects (empty: none, the default). */
  inject: InjectSpec[];
}
