// injected-fault: what the program did with a result strace injected at sockscope's request
// (--inject; the call carries `injected`). The kernel never ran the call (see explain/annotate.ts),
// so the interesting part is the program's reaction, read from what the same thread does next:
//   retried  the same call again on the same fd (or, for a call on no fd, the same call again);
//            after closing the fd, the same call on a new socket counts too ("closed … and retried");
//   closed   it closed the fd (and what followed: exited, killed, or went on);
//   exited   its process exited (status) without closing the fd itself;
//   killed   its process died of a signal;
//   leaked   the trace ended with the fd still open, neither retried nor closed (not for a listener
//            after accept, or an epoll fd after a wait: those stay open by design);
//   continued none of these within WINDOW calls of the thread, or by the end of the trace.
// One finding per injected call, when its reaction is known (at most WINDOW calls of that thread
// later, at its exit, or at the end of the trace). Severity: warning when the process died of a
// signal or the fd leaked; info otherwise.
import type { DiagnosticEvent, ExitEvent, SyscallEvent, TraceEvent } from "../../core/events.js";
import { addressOf } from "../../core/readers.js";
import { WAIT_CALLS } from "../../core/syscalls.js";
import { describeFd, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

export type ReactionKind = "retried" | "closed" | "exited" | "killed" | "leaked" | "continued";

export interface Reaction {
  kind: ReactionKind;
  /** Words for the message: "closed fd 5 and exited with status 7". */
  text: string;
  /** The events that show it. */
  events: number[];
}

/** For a connect, where to (a retry goes to the same address); else the name alone. */
function target(e: SyscallEvent): string {
  const at = e.spec?.addr;
  return e.name === "connect" && at !== undefined ? (addressOf(e.args[at])?.text ?? "?") : "";
}

/** How many later events of the thread are looked at before the reaction is called "continued". */
const WINDOW = 64;
/** Injected calls followed at once (an inject on every call of a busy program makes many). */
const MAX_PENDING = 256;

function exitText(e: ExitEvent): { kind: ReactionKind; text: string } {
  if (e.signal !== undefined)
    return { kind: "killed", text: `was killed by ${e.signal}${e.coreDumped ? " (core dumped)" : ""}` };
  return { kind: "exited", text: `exited with status ${e.code ?? "?"}` };
}

/**
 * Follows one injected call: push the events after it (any pid; only its thread's count), until
 * `push` returns the reaction; `end()` at the end of the trace.
 */
export class ReactionWatch {
  readonly call: SyscallEvent;
  #seen = 0;
  #closed: SyscallEvent | undefined;

  constructor(call: SyscallEvent) {
    this.call = call;
  }

  push(e: TraceEvent): Reaction | undefined {
    const c = this.call;
    if (e.type === "exit") {
      if (e.pid !== c.pid || e.supersededBy !== undefined) return undefined;
      const how = exitText(e);
      if (this.#closed !== undefined)
        return {
          kind: how.kind === "killed" ? "killed" : "closed",
          text: `closed fd ${c.fd} and ${how.text}`,
          events: [this.#closed.seq, e.seq],
        };
      return { kind: how.kind, text: how.text, events: [e.seq] };
    }
    if (e.type !== "syscall" || e.pid !== c.pid) return undefined;
    this.#seen++;
    if (e.name === c.name && (c.fd === undefined || e.fd === c.fd) && this.#closed === undefined)
      return {
        kind: "retried",
        text: `retried: ${e.name}() again${c.fd !== undefined ? ` on fd ${c.fd}` : ""}${e.injected ? " (injected again)" : ""}`,
        events: [e.seq],
      };
    if (this.#closed !== undefined && e.name === c.name && target(e) === target(c))
      return {
        kind: "retried",
        text: `closed fd ${c.fd} and retried on a new socket: ${e.name}() on fd ${e.fd ?? "?"}${e.injected ? " (injected again)" : ""}`,
        events: [this.#closed.seq, e.seq],
      };
    if (
      c.fd !== undefined &&
      this.#closed === undefined &&
      e.name === "close" &&
      e.fd === c.fd &&
      e.ret === 0
    )
      this.#closed = e;
    if (this.#seen >= WINDOW) return this.#settle(false);
    return undefined;
  }

  #settle(ended: boolean): Reaction {
    const c = this.call;
    if (this.#closed !== undefined)
      return { kind: "closed", text: `closed fd ${c.fd} and went on`, events: [this.#closed.seq] };
    // A listener after a failed accept, or an epoll instance after a failed wait, is meant to stay
    // open: only the fd of a failed connect, bind or data call is left behind by not closing it.
    const owned = !c.name.startsWith("accept") && !WAIT_CALLS.has(c.name);
    if (ended && c.fd !== undefined && owned)
      return {
        kind: "leaked",
        text: `neither retried nor closed fd ${c.fd}: it was still open when the trace ended`,
        events: [],
      };
    return {
      kind: "continued",
      text: `went on without retrying${c.fd !== undefined ? ` or closing fd ${c.fd}` : ""}`,
      events: [],
    };
  }

  /** The trace ended before the reaction was clear. */
  end(): Reaction {
    return this.#settle(true);
  }
}

/** The reaction to an injected call, from the events after it (pure; for tests and tools). */
export function reactionTo(call: SyscallEvent, after: Iterable<TraceEvent>): Reaction {
  const watch = new ReactionWatch(call);
  for (const e of after) {
    const r = watch.push(e);
    if (r !== undefined) return r;
  }
  return watch.end();
}

function injectedWhat(e: SyscallEvent): string {
  return e.errno !== undefined ? `-1 ${e.errno}` : `${e.retText ?? e.ret}`;
}

function finding(call: SyscallEvent, r: Reaction): DiagnosticEvent {
  const on = call.fd !== undefined ? ` on ${describeFd(call.fd, call.socket)}` : "";
  const name = call.process?.name ?? processName(call.pid);
  return diagnostic({
    code: "injected-fault",
    severity: r.kind === "killed" || r.kind === "leaked" ? "warning" : "info",
    message: `${call.name}()${on} returned ${injectedWhat(call)} because strace injected it (--inject); the kernel never ran the call. ${name} then ${r.text}.`,
    fix:
      r.kind === "leaked"
        ? "A failed call leaves its fd open: close it on the error path (or retry on it, for EINTR and EAGAIN)."
        : r.kind === "killed"
          ? "The program died of this failure: handle the error return (and ignore or handle SIGPIPE) instead."
          : "Nothing to fix if this is how the program should handle the failure: the fault was not real.",
    pid: call.pid,
    ...(call.socket?.id !== undefined ? { socket: call.socket.id } : {}),
    events: [call.seq, ...r.events],
    reaction: r.kind,
  });
}

export const injectedFault: RuleFactory = () => {
  const watches: ReactionWatch[] = [];
  return {
    calls: "all",
    events: new Set(["exit"] as const),
    push(event) {
      if (watches.length === 0 && !(event.type === "syscall" && event.injected === true)) return NONE;
      const out: DiagnosticEvent[] = [];
      for (let i = 0; i < watches.length; i++) {
        const w = watches[i] as ReactionWatch;
        const r = w.push(event);
        if (r === undefined) continue;
        out.push(finding(w.call, r));
        watches.splice(i--, 1);
      }
      if (event.type === "syscall" && event.injected === true) {
        if (watches.length >= MAX_PENDING) {
          const oldest = watches.shift() as ReactionWatch;
          out.push(finding(oldest.call, oldest.end()));
        }
        watches.push(new ReactionWatch(event));
      }
      return out.length === 0 ? NONE : out;
    },
    flush() {
      const out = watches.map((w) => finding(w.call, w.end()));
      watches.length = 0;
      return out;
    },
  };
};
