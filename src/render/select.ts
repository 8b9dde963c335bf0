// The user's filters on what a report shows: --pid, --fd, --syscall, --conn, --errors-only.
// They apply to every format (the summary always stays); the network-story filter is separate.
// --errors-only leaves out what non-blocking I/O answers normally (core/outcome.ts).
import type { TraceEvent } from "../core/events.js";
import { isExpectedOutcome } from "../core/outcome.js";

export interface Selection {
  pids: number[];
  fds: number[];
  syscalls: string[];
  conns: number[];
  errorsOnly: boolean;
}

export function isSelectingAll(s: Selection): boolean {
  return s.pids.length + s.fds.length + s.syscalls.length + s.conns.length === 0 && !s.errorsOnly;
}

/** Whether an event passes the selection. Events that are not calls pass filters that do not apply to them. */
export function createSelector(s: Selection): (e: TraceEvent) => boolean {
  const pids = new Set(s.pids);
  const fds = new Set(s.fds);
  const syscalls = new Set(s.syscalls);
  const conns = new Set(s.conns);
  return (e) => {
    if (e.type === "summary") return true;
    if (pids.size > 0 && "pid" in e && e.pid !== undefined && !pids.has(e.pid)) return false;
    if (e.type === "syscall") {
      if (fds.size > 0 && (e.fd === undefined || !fds.has(e.fd))) return false;
      if (syscalls.size > 0 && !syscalls.has(e.name)) return false;
      if (
        conns.size > 0 &&
        !(e.socket?.id !== undefined && conns.has(e.socket.id)) &&
        !(e.newSocket?.id !== undefined && conns.has(e.newSocket.id))
      )
        return false;
      if (s.errorsOnly && (e.errno === undefined || isExpectedOutcome(e))) return false;
      return true;
    }
    if (e.type === "connection")
      return (
        (conns.size === 0 || conns.has(e.id)) &&
        fds.size === 0 &&
        syscalls.size === 0 &&
        (!s.errorsOnly || e.outcome !== "closed")
      );
    // Signals, exits, notes, diagnostics: kept unless a call-level filter is on.
    return (
      fds.size === 0 &&
      syscalls.size === 0 &&
      conns.size === 0 &&
      (!s.errorsOnly || e.type === "diagnostic" || e.type === "unparsed")
    );
  };
}
