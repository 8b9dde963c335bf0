// busy-eagain-loop (warning): the same non-blocking call on the same socket failed with EAGAIN
// `eagainRun` times in a row with no poll/select/epoll wait (or sleep) by that process in between:
// the program spins on the CPU instead of waiting for readiness. Reported when the run ends (the
// call succeeds or fails otherwise, the process waits or sleeps, the socket goes, the trace ends),
// with its length. A blocking socket's EAGAIN is a SO_RCVTIMEO/SO_SNDTIMEO timeout: not counted;
// tries more than BUSY_GAP_SECONDS apart on average are a paced polling loop: not reported.
import type { DiagnosticEvent, SyscallEvent } from "../../core/events.js";
import { DATA_CALLS, SLEEP_CALLS, WAIT_CALLS } from "../../core/syscalls.js";
import { describeFd, endOf, formatSeconds, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/**
 * The calls whose EAGAIN on a socket makes a run (data calls, accept, connect on a full unix
 * backlog, splice with SPLICE_F_NONBLOCK), and the waits and sleeps that end one.
 */
const CALLS: ReadonlySet<string> = new Set([
  ...DATA_CALLS,
  "accept",
  "accept4",
  "connect",
  "splice",
  ...WAIT_CALLS,
  ...SLEEP_CALLS,
]);
const EVENTS = new Set(["connection"] as const);

/** The mean time between two failed tries above which a run is not a busy loop. */
const BUSY_GAP_SECONDS = 0.01;

interface Run {
  first: SyscallEvent;
  last: SyscallEvent;
  count: number;
  group: number;
}

function fixFor(name: string): string {
  const ready = name.startsWith("send") || name.startsWith("write") ? "POLLOUT" : "POLLIN";
  return (
    `After EAGAIN, wait for readiness before retrying: poll/epoll/select for ${ready} on the socket ` +
    "(with a timeout), then call again; or make the socket blocking if this thread has nothing else to do."
  );
}

export const busyEagainLoop: RuleFactory = (options) => {
  /** `socket id:call name` → the current run of EAGAIN failures. */
  const runs = new Map<string, Run>();

  const end = (key: string): readonly DiagnosticEvent[] => {
    const r = runs.get(key);
    runs.delete(key);
    if (!r || r.count < options.eagainRun) return NONE;
    const e = r.first;
    const t0 = e.time;
    const t1 = endOf(r.last);
    const took = t0 !== undefined && t1 !== undefined ? t1 - t0 : undefined;
    // Tries paced further apart than this are a polling loop with other work in between, not a spin.
    if (took !== undefined && took / (r.count - 1) > BUSY_GAP_SECONDS) return NONE;
    const span = took !== undefined ? ` in ${formatSeconds(took)}` : "";
    return [
      diagnostic({
        code: "busy-eagain-loop",
        severity: "warning",
        message:
          `${e.name}() on ${describeFd(e.fd, e.socket)} failed with EAGAIN ${r.count} times in a row${span}, ` +
          `with no poll/select/epoll wait by ${processName(e.pid)} in between: it spins on the CPU instead of waiting.`,
        fix: fixFor(e.name),
        pid: e.pid,
        ...(e.socket ? { socket: e.socket.id } : {}),
        events: [e.seq, r.last.seq],
      }),
    ];
  };

  const onSyscall = (e: SyscallEvent): readonly DiagnosticEvent[] => {
    const group = e.process?.tgid ?? e.pid;
    if (WAIT_CALLS.has(e.name) || SLEEP_CALLS.has(e.name))
      return [...runs].filter(([, r]) => r.group === group).flatMap(([key]) => end(key));
    const id = e.socket?.id;
    if (id === undefined) return NONE;
    const key = `${id}:${e.name}`;
    const eagain = e.errno === "EAGAIN" || e.errno === "EWOULDBLOCK";
    // A blocking socket's EAGAIN is a SO_RCVTIMEO/SO_SNDTIMEO timeout, unless MSG_DONTWAIT made
    // this one call non-blocking.
    const nonblocking = e.socket?.nonblocking === true || e.dontwait === true;
    if (!eagain || !nonblocking) return end(key);
    const r = runs.get(key);
    if (r) {
      r.count++;
      r.last = e;
    } else runs.set(key, { first: e, last: e, count: 1, group });
    return NONE;
  };

  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection")
        return [...runs.keys()].filter((k) => k.startsWith(`${event.id}:`)).flatMap((k) => end(k));
      return event.type === "syscall" ? onSyscall(event) : NONE;
    },
    flush() {
      return [...runs.keys()].flatMap((k) => end(k));
    },
  };
};
