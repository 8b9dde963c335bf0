// --fail-on: rules a CI job sets on what a program may do on the network, checked on the event
// stream. Each broken rule gives a violation naming the rule, the process, the call and the address.
// README "CI" defines each rule; the comments below say why each exception exists.
import type { ConnectionEvent, RuleName, SyscallEvent, TraceEvent, Violation } from "../core/events.js";
import { addressOf, destinations } from "../core/readers.js";
import { NETWORK_CALLS } from "../core/syscalls.js";
import type { Address } from "../core/values.js";
import { type AllowRule, type Cidr, contains, type HostRule, LOCAL, matchesHost, parseIp } from "./cidr.js";

export { RULE_NAMES, type RuleName, type Violation } from "../core/events.js";

export interface PolicyOptions {
  rules: RuleName[];
  /** Networks, and host names the trace saw resolved, that count as local for `external`, besides loopback. */
  allow: AllowRule[];
  /**
   * `leak`: seconds a socket may stay open, unused, before its process exits without closing it
   * (default 1). Shorter than this, closing at exit is the kernel's normal clean-up.
   */
  leakSeconds?: number;
}

/** Results that are part of normal operation, never a failure. */
/** Exited processes whose exit `leak` remembers (see `ended`). */
const MAX_EXITS = 4096;
const EXPECTED_ERRORS = new Set(["EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "EINTR"]);
/**
 * Well-known probes whose failure is the answer, not a problem: glibc asking its name-service
 * daemons whether they run, getaddrinfo's route check (a UDP connect to each candidate address,
 * RFC 6724 sorting: no route is an answer), a feature probe for an option or address family the
 * kernel lacks, isatty() on a socket, and asking whether a socket is connected.
 */
const LOCAL_DAEMONS = new Set([
  "/var/run/nscd/socket",
  "/run/nscd/socket",
  "/run/systemd/resolve/io.systemd.Resolve",
  "/run/systemd/userdb/io.systemd.DynamicUser",
]);
const ROUTE_PROBE_ERRORS = new Set(["ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);

function harmlessProbe(e: SyscallEvent): boolean {
  const errno = e.errno ?? "";
  switch (e.name) {
    case "connect": {
      const to = addressOf(e.args[1]);
      if (
        to?.path !== undefined &&
        LOCAL_DAEMONS.has(to.path) &&
        (errno === "ENOENT" || errno === "ECONNREFUSED")
      )
        return true;
      return e.socket?.transport === "udp" && ROUTE_PROBE_ERRORS.has(errno);
    }
    case "socket":
      return errno === "EAFNOSUPPORT" || errno === "EPROTONOSUPPORT";
    case "setsockopt":
    case "getsockopt":
      return errno === "ENOPROTOOPT";
    case "getpeername":
      return errno === "ENOTCONN";
    case "ioctl":
      return errno === "ENOTTY";
    default:
      return false;
  }
}

function isWildcard(a: Address | undefined): boolean {
  return a?.ip === "0.0.0.0" || a?.ip === "::";
}

/** The socket was finished before its process exited: the peer closed or reset it, or it never connected. */
function dead(c: ConnectionEvent): boolean {
  return (
    c.state === "half-closed-read" ||
    c.state === "half-closed-both" ||
    c.state === "failed" ||
    c.outcome === "reset" ||
    c.outcome === "refused" ||
    c.errors.EPIPE !== undefined
  );
}

export function createPolicy(options: PolicyOptions) {
  const on = new Set(options.rules);
  const local: Cidr[] = [...LOCAL, ...options.allow.filter((r): r is Cidr => !("host" in r))];
  const names = options.allow.filter((r): r is HostRule => "host" in r);
  /** An address by the name it was resolved from: `github.com:443 (140.82.112.3)`. */
  const where = (a: Address, host: string | undefined) =>
    host === undefined ? a.text : `${host}${a.port !== undefined ? `:${a.port}` : ""} (${a.ip ?? a.text})`;
  const leakSeconds = options.leakSeconds ?? 1;
  const isLocal = (a: Address) => {
    if (a.family !== "AF_INET" && a.family !== "AF_INET6") return true;
    const ip = a.ip === undefined ? undefined : parseIp(a.ip);
    return ip === undefined || local.some((c) => contains(c, ip));
  };
  const callText = (e: SyscallEvent) => `${e.name}(${e.fd === undefined ? "" : `fd ${e.fd}`})`;
  /** For `leak`: when each process (thread group) last used a socket, and how it ended. */
  const activity = new Map<number, number>();
  const exits = new Map<number, { time?: number; killed: boolean }>();
  /** A process's sockets end right after its exit; older exits are let go (pids run into millions). */
  const ended = (pid: number, how: { time?: number; killed: boolean }) => {
    exits.delete(pid);
    exits.set(pid, how);
    for (const old of exits.keys()) {
      if (exits.size <= MAX_EXITS) break;
      exits.delete(old);
      activity.delete(old);
    }
  };

  const leak = (c: ConnectionEvent): string | undefined => {
    if (c.inherited || c.role === "listener" || c.release !== "exit" || c.lastUsed === undefined)
      return undefined;
    const holder = c.releasedBy ?? c.pid;
    const exit = exits.get(holder);
    if (exit?.time === undefined) return undefined;
    const idle = exit.time - c.lastUsed;
    if (idle <= leakSeconds) return undefined;
    const who = holder === c.pid ? `pid ${holder}` : `pid ${holder} (it inherited it from pid ${c.pid})`;
    if (dead(c))
      return `${who} kept ${c.transport} socket fd ${c.fd} open ${idle.toFixed(1)} s after it was finished (${c.outcome === "reset" ? "reset" : c.state === "failed" ? "connect failed" : "the peer had closed it"}), until it exited`;
    // Forgotten: the process went on using other sockets long after this one's last use.
    const busy = activity.get(holder);
    if (!exit.killed && busy !== undefined && busy - c.lastUsed > leakSeconds)
      return `${who} left ${c.transport} socket fd ${c.fd} unused for ${idle.toFixed(1)} s, went on with other sockets, and exited without closing it`;
    return undefined;
  };

  return {
    check(e: TraceEvent): Violation[] {
      const out: Violation[] = [];
      const add = (v: Omit<Violation, "seq">) => out.push({ ...v, seq: e.seq });
      if (e.type === "syscall") {
        if (e.socket !== undefined || e.newSocket !== undefined) {
          const at = e.end ?? e.time;
          if (at !== undefined) activity.set(e.process?.tgid ?? e.pid, at);
        }
        if (on.has("external") && e.spec !== undefined) {
          for (const a of destinations(e.spec, e.args)) {
            const host = e.host;
            if (isLocal(a)) continue;
            if (host !== undefined && names.some((r) => matchesHost(r, host, a.port))) continue;
            add({
              rule: "external",
              pid: e.pid,
              call: callText(e),
              address: a.text,
              ...(host !== undefined ? { host } : {}),
              message: `pid ${e.pid} ${callText(e)} to ${where(a, host)}, outside loopback`,
            });
          }
        }
        if (on.has("listen-any") && e.ret === 0) {
          const s = e.socket;
          const listener =
            e.name === "listen" && s?.transport === "tcp" && (isWildcard(s.local) || s.local === undefined);
          const bound =
            e.name === "bind" &&
            s?.transport === "udp" &&
            isWildcard(addressOf(e.args[1])) &&
            (addressOf(e.args[1])?.port ?? 0) !== 0;
          if (listener || bound) {
            const where =
              (e.name === "bind" ? addressOf(e.args[1])?.text : s?.local?.text) ??
              "0.0.0.0 (bound by listen)";
            add({
              rule: "listen-any",
              pid: e.pid,
              call: callText(e),
              address: where,
              message: `pid ${e.pid} ${callText(e)}: ${s?.transport} on ${where}, every interface`,
            });
          }
        }
        if (
          on.has("error") &&
          e.errno !== undefined &&
          !EXPECTED_ERRORS.has(e.errno) &&
          !e.errno.startsWith("ERESTART") &&
          (NETWORK_CALLS.has(e.name) || e.socket !== undefined) &&
          !harmlessProbe(e)
        ) {
          add({
            rule: "error",
            pid: e.pid,
            call: callText(e),
            message: `pid ${e.pid} ${callText(e)} failed: ${e.errno}${e.errnoText ? ` (${e.errnoText})` : ""}`,
          });
        }
      } else if (e.type === "exit" && e.supersededBy === undefined) {
        const tgid = e.process?.tgid ?? e.pid;
        const how = { ...(e.time !== undefined ? { time: e.time } : {}), killed: e.signal !== undefined };
        ended(e.pid, how);
        if (tgid !== e.pid) ended(tgid, how);
      } else if (e.type === "connection") {
        const ends = `${e.local?.text ?? "?"} -> ${e.remote?.text ?? "?"}`;
        if (on.has("refused") && e.outcome === "refused") {
          add({
            rule: "refused",
            pid: e.pid,
            ...(e.remote !== undefined ? { address: e.remote.text } : {}),
            message: `pid ${e.pid} connection ${ends} refused`,
          });
        }
        const leaked = on.has("leak") ? leak(e) : undefined;
        if (leaked !== undefined) {
          add({
            rule: "leak",
            pid: e.releasedBy ?? e.pid,
            ...(e.local !== undefined ? { address: e.local.text } : {}),
            message: `${leaked} (${ends})`,
          });
        }
      } else if (e.type === "diagnostic" && on.has("diagnostic") && e.severity !== "info") {
        add({
          rule: "diagnostic",
          ...(e.pid !== undefined ? { pid: e.pid } : {}),
          message: `${e.code}: ${e.message}`,
        });
      }
      return out;
    },
  };
}
