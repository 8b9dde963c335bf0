// Which events the human views show by default: the network story (calls on sockets, socket
// syscalls, process births and deaths, signals, strace's notes, anything not understood). File
// reads, memory maps and the like appear only with --all. JSON output is never filtered.

import type { Event } from "../events/schema.js";
import { FORK_SYSCALLS, SOCKET_FD_SYSCALLS } from "../events/syscalls.js";
import { cloneFlags } from "../sockets/args.js";

export const NETWORK_SYSCALLS = new Set(["socket", "socketpair", ...SOCKET_FD_SYSCALLS]);

const PROCESS_SYSCALLS = new Set([...FORK_SYSCALLS, "execve", "execveat"]);

/**
 * Shows the network story: socket calls and calls on sockets, process births (not threads) and
 * deaths, signals, strace's notes, and anything not understood. Remembers which pids are threads
 * so that their ordinary exits stay hidden.
 */
export function createNetworkFilter(): (e: Event) => boolean {
  const threads = new Set<number>();
  return (e) => {
    switch (e.type) {
      case "syscall":
        if (PROCESS_SYSCALLS.has(e.name)) {
          if (!cloneFlags(e.args).includes("CLONE_THREAD")) return true;
          if (e.ret !== null && e.ret > 0) threads.add(e.ret);
          return false;
        }
        // poll/select on sockets are part of the story; epoll's waits (an event loop's heartbeat,
        // with no socket in their arguments) only with --all.
        return isNetworkStep(e) || (e.explain !== undefined && !e.name.startsWith("epoll"));
      case "exit":
        return !(threads.delete(e.pid) && e.code === 0);
      case "note":
        return e.note !== "stack" && e.note !== "dump";
      default:
        return true;
    }
  };
}

/** A syscall that is part of the network story (a socket call, or any call on a socket). */
export function isNetworkStep(e: Extract<Event, { type: "syscall" }>): boolean {
  return e.socket !== undefined || e.newSocket !== undefined || NETWORK_SYSCALLS.has(e.name);
}
