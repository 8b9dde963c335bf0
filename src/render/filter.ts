// Which events the human views show by default: the network story (calls on sockets, socket
// syscalls, readiness waits on sockets, process births and deaths, signals, strace's notes, anything
// not understood). File reads, memory maps and the like appear only with --all. JSON output is never
// filtered. Decided from the syscall table and the model's facts, never from the explanations.
import { assertNever } from "../core/assert-never.js";
import { CLONE_THREAD } from "../core/constants.js";
import type { SyscallEvent, TraceEvent } from "../core/events.js";
import { cloneFlagsValue, hasFlag } from "../core/readers.js";
import { NETWORK_CALLS, PROCESS_CALLS, WAIT_CALLS } from "../core/syscalls.js";

/** A syscall that is part of the network story (a socket call, or any call on a socket). */
export function isNetworkStep(e: SyscallEvent): boolean {
  return e.socket !== undefined || e.newSocket !== undefined || NETWORK_CALLS.has(e.name);
}

/**
 * Whether the default views show an event: socket calls and calls on sockets, readiness waits on
 * sockets (poll/select with a socket among their fds; an epoll wait whose instance, as the model
 * follows it through epoll_ctl, watches a socket), process births (not threads) and deaths (threads
 * only when they fail), signals, strace's notes, and anything not understood. Waits on anything
 * else (an epoll instance of timers and eventfds) only with --all.
 */
export function isNetworkStory(e: TraceEvent): boolean {
  switch (e.type) {
    case "syscall":
      if (PROCESS_CALLS.has(e.name)) return !hasFlag(cloneFlagsValue(e.args), "CLONE_THREAD", CLONE_THREAD);
      return isNetworkStep(e) || (WAIT_CALLS.has(e.name) && e.waitsOnSocket === true);
    case "exit":
      return !(e.process !== undefined && e.process.tgid !== e.pid && e.code === 0);
    case "note":
      return e.note !== "stack" && e.note !== "dump";
    case "signal":
    case "unparsed":
    case "connection":
    case "diagnostic":
    case "summary":
      return true;
    default:
      return assertNever(e, "event");
  }
}
