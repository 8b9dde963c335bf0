// What Ctrl-C and kill do while sockscope traces. The program must get the signal exactly once and
// strace must keep tracing until the program is gone, so the report ends with the program's exit.
// - run: Ctrl-C in a terminal already reaches the whole foreground process group (sockscope,
//   strace, the program; strace blocks it itself), so SIGINT is passed on only when sockscope is
//   not in the terminal's foreground group; SIGTERM and SIGHUP are always passed on to the program.
//   A second signal kills the traced processes outright (SIGKILL), then strace ends by itself.
// - attach: the signal goes to strace, which detaches and leaves the process running.
import { readFileSync } from "node:fs";
import type { TraceSession } from "../trace/session.js";

const RELAYED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export interface SignalRelayOptions {
  attach: boolean;
  /** Signals sockscope's caller ignored: sockscope ignores them too and never passes them on. */
  ignored: readonly NodeJS.Signals[];
  session: TraceSession;
  programPid(): Promise<number | undefined>;
  tracees(): number[];
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
  const handler = (signal: NodeJS.Signals) => {
    received++;
    if (options.attach) {
      options.session.signalStrace(received === 1 ? "SIGINT" : "SIGKILL");
      return;
    }
    if (received === 1) {
      if (signal === "SIGINT" && inTerminalForeground()) return;
      void options.programPid().then((pid) => kill(pid, signal));
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
