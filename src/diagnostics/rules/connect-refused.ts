// connect-refused (warning): a connection attempt was refused — connect() failed with ECONNREFUSED,
// or a non-blocking connect's getsockopt(SO_ERROR) (or a later data call) reported it. For TCP the
// peer host answered the SYN with a RST: nothing listens on that address and port (kernel-notes
// §6a); for AF_UNIX nothing accepts on that path. One report per process and address, so a retry
// loop gives one finding. (ECONNREFUSED on a UDP send/recv is an ICMP port unreachable: not here.)
import type { ConnectionEvent, SyscallEvent } from "../../core/events.js";
import { addressOf, optionName, soErrorOf } from "../../core/readers.js";
import { RECV_CALLS, SEND_CALLS } from "../../core/syscalls.js";
import type { Address } from "../../core/values.js";
import type { Transport } from "../../core/vocabulary.js";
import { ERRNO_NAMES } from "../../grammar/errno-names.js";
import { describeFdShort, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/** connect() itself, the SO_ERROR of a non-blocking one, and the data calls that may report it. */
const CALLS: ReadonlySet<string> = new Set(["connect", "getsockopt", ...SEND_CALLS, ...RECV_CALLS]);
const EVENTS = new Set(["connection"] as const);

/** How the refusal showed: connect() itself, SO_ERROR, or a data call on an unchecked socket. */
function refusal(e: SyscallEvent): string | undefined {
  if (e.name === "connect" && e.errno === "ECONNREFUSED") return "failed with ECONNREFUSED";
  if (e.name === "getsockopt" && e.ret === 0 && optionName(e.args[1], e.args[2]) === "SO_ERROR") {
    if (soErrorOf(e.args[3], ERRNO_NAMES) === "ECONNREFUSED")
      return "was refused (getsockopt(SO_ERROR) returned ECONNREFUSED)";
  }
  if (
    e.errno === "ECONNREFUSED" &&
    e.socket?.transport === "tcp" &&
    (SEND_CALLS.has(e.name) || RECV_CALLS.has(e.name))
  )
    return `was refused (${e.name}() failed with ECONNREFUSED)`;
  return undefined;
}

function what(remote: Address | undefined, transport: Transport | undefined): string {
  if (!remote) return "nothing listens on the address it connected to";
  if (transport === "unix-dgram") return "no socket is bound to that name";
  if (transport?.startsWith("unix") || remote.path !== undefined)
    return "nothing accepts connections there (the socket file exists, but its server is gone or not listening)";
  // localhost often resolves to ::1 first.
  const hint =
    remote.ip === "::1" ? "; a server listening only on 127.0.0.1 does not accept connections to ::1" : "";
  return `nothing listens there (the other host answered the SYN with a RST${hint})`;
}

export const connectRefused: RuleFactory = () => {
  const reported = new Set<string>();
  const sockets = new Set<number>();
  /** Listeners the trace saw close, by address text: a client connecting there later is refused. */
  const closedListeners = new Map<string, ConnectionEvent>();
  const gone = (remote: Address | undefined): string => {
    const l = remote && closedListeners.get(remote.text);
    return l
      ? ` The listener the trace showed on ${remote.text} (opened by ${processName(l.pid)} as fd ${l.fd}) had already closed.`
      : "";
  };
  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection") {
        sockets.delete(event.id);
        if (event.role === "listener" && event.local) closedListeners.set(event.local.text, event);
        return NONE;
      }
      if (event.type !== "syscall") return NONE;
      const how = refusal(event);
      const id = event.socket?.id;
      if (!how || (id !== undefined && sockets.has(id))) return NONE;
      if (id !== undefined) sockets.add(id);
      const remote =
        event.socket?.remote ?? (event.name === "connect" ? addressOf(event.args[1]) : undefined);
      const key = `${event.pid} ${remote?.text ?? "?"}`;
      if (reported.has(key)) return NONE;
      reported.add(key);
      const transport = event.socket?.transport;
      const nonblocking = event.name !== "connect" || event.socket?.nonblocking === true;
      return [
        diagnostic({
          code: "connect-refused",
          severity: "warning",
          message:
            `${nonblocking ? "The non-blocking connect" : "connect()"} of ${describeFdShort(event.fd, event.socket)}` +
            `${remote ? ` to ${remote.text}` : ""} ${how}: ${
              event.injected === true
                ? "strace injected the refusal (--inject): the kernel never ran the connect, so nothing was sent and nobody refused"
                : what(remote, transport)
            }.${event.injected === true ? "" : gone(remote)}`,
          fix:
            event.injected === true
              ? "Nothing about the server to fix: this is how the client copes with a refused connect (retry with a backoff, or fail with a clear message) when it is real."
              : "Check that the server is running and listening on exactly this address, port and family " +
                "(`ss -ltnp`, `ss -lxp` for unix sockets); start it before the client, or retry with a backoff " +
                "while it starts; fix the address or port in the client's configuration.",
          pid: event.pid,
          ...(id !== undefined ? { socket: id } : {}),
          events: [event.seq],
        }),
      ];
    },
    flush() {
      return NONE;
    },
  };
};
