// What Ctrl-C and kill do while sockscope traces. The program must get the signal exactly once and
// strace must keep tracing until the program is gone, so the report ends with the program's exit.
// - run: Ctrl-C in a terminal already reaches the whole foreground process group (sockscope,
//   strace, the program; strace blocks it itself), so SIGINT is passed on only when sockscope is
//   not in the terminal's foreground group. Otherwise a signal is passed on unless the program got
//   it itself from the same kill (one sent to the whole process group; see programGotIt).
// - A signal sockscope's caller ignored (nohup) is ignored: never passed on.
//   A second signal kills the traced processes outright (SIGKILL), then strace ends by itself.
// - attach: the signal goes to strace, which detaches and leaves the process running.
import { readFileSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { readProcStat } from "../trace/proc.js";
import type { TraceSession } from "../trace/session.js";

const RELAYED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export interface SignalRelayOptions {
  attach: boolean;
  /** Signals sockscope's caller ignored: sockscope ignores them too and never passes them on. */
  ignored: readonly NodeJS.Signals[];
  session: TraceSession;
  programPid(): Promise<number | undefined>;
  tracees(): number[];
  /** Whether the trace showed `pid` receiving `signal` at or after `since` (Date.now() time). */
  sawSignal(pid: number, signal: NodeJS.Signals, since: number): boolean;
}

/** How long the relay looks for signs that the program got a signal itself before passing it on. */
const SAME_SIGNAL_WINDOW_MS = 200;

/** Is `signal` pending for `pid` (its own queue or its thread group's)? */
function pending(pid: number, signal: NodeJS.Signals): boolean {
  const n = (osConstants.signals as Record<string, number>)[signal];
  if (n === undefined) return false;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return ["SigPnd", "ShdPnd"].some((key) => {
      const hex = new RegExp(`^${key}:\\s*([0-9a-f]+)`, "m").exec(status)?.[1];
      return hex !== undefined && ((BigInt(`0x${hex}`) >> BigInt(n - 1)) & 1n) === 1n;
    });
  } catch {
    return false;
  }
}

/**
 * Did the program get this signal itself, from the same kill() that reached sockscope (a signal
 * to the whole process group: GNU timeout, kill -INT -PGID, a CI runner cancelling a job)? Only
 * when the program is in sockscope's process group can it have; then the signal is either still
 * pending for it, or strace reports it in the trace (a tracee stops for every signal it gets)
 * within a moment. Node does not show who sent a signal, so this is what can be known.
 */
async function programGotIt(
  pid: number,
  signal: NodeJS.Signals,
  at: number,
  sawSignal: SignalRelayOptions["sawSignal"],
): Promise<boolean> {
  const mine = readProcStat("self")?.pgrp;
  if (mine === undefined || readProcStat(pid)?.pgrp !== mine) return false;
  const until = at + SAME_SIGNAL_WINDOW_MS;
  for (;;) {
    // The program's copy was queued before sockscope's handler ran: look a little before it too.
    if (pending(pid, signal) || sawSignal(pid, signal, at - SAME_SIGNAL_WINDOW_MS)) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** True when this process is in the foreground process group of its controlling terminal. */
function inTerminalForeground(): boolean {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: state ppid pgrp session tty_nr tpgid …
    const pgrp = Number(fields[2]);
    const ttyNr = Number(fields[4]);
    const tpgid = Number(fields[5]);
    return ttyNr !== 0 && tpgid === pgrp;
  } catch {
    return false;
  }
}

function kill(pid: number | undefined, signal: NodeJS.Signals): void {
  // Never pid 0 (our group) or 1 (init): only a real, traced program.
  if (pid === undefined || pid <= 1) return;
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export function createSignalRelay(options: SignalRelayOptions) {
  let received = 0;
  let deciding: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals) => {
    // GNU timeout signals its child, then the whole group, at once: sockscope gets the same signal
    // twice from one timeout. The same signal while the first is still being decided is that one.
    if (deciding === signal) return;
    received++;
    if (options.attach) {
      options.session.signalStrace(received === 1 ? "SIGINT" : "SIGKILL");
      return;
    }
    if (received === 1) {
      if (signal === "SIGINT" && inTerminalForeground()) return;
      const at = Date.now();
      deciding = signal;
      void options
        .programPid()
        .then(async (pid) => {
          if (pid === undefined || (await programGotIt(pid, signal, at, options.sawSignal))) return;
          kill(pid, signal);
        })
        .finally(() => {
          deciding = undefined;
        });
      return;
    }
    for (const pid of options.tracees()) kill(pid, "SIGKILL");
    void options.programPid().then((pid) => kill(pid, "SIGKILL"));
  };
  const relayed = RELAYED.filter((s) => !options.ignored.includes(s));
  for (const signal of relayed) process.on(signal, handler);
  return {
    get interrupted() {
      return received > 0;
    },
    dispose() {
      for (const signal of relayed) process.off(signal, handler);
    },
  };
}
