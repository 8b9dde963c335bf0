// connect-refused (warning): a connection attempt was refused — connect() failed with ECONNREFUSED,
// or a non-blocking connect's getsockopt(SO_ERROR) (or a later data call) reported it. For TCP the
// peer host answered the SYN with a RST: nothing listens on that address and port (kernel-notes
// §6a); for AF_UNIX nothing accepts on that path. One report per process and address, so a retry
// loop gives one finding. (ECONNREFUSED on a UDP send/recv is an ICMP port unreachable: not here.)
import type { ModelEvent, SyscallEvent } from "../../events/schema.js";
import { ERRNO_NAMES } from "../../parse/errno-names.js";
import type { Address } from "../../parse/schema.js";
import { addressOf, soErrorOf } from "../../sockets/args.js";
import { optionName } from "../../sockets/constants.js";
import { describeFd, RECV_CALLS, SEND_CALLS } from "../helpers.js";
import { diagnostic, type Rule, type RuleOptions } from "../rule.js";

/** How the refusal showed: connect() itself, SO_ERROR, or a data call on an unchecked socket. */
function refusal(e: SyscallEvent): string | undefined {
  if (e.name === "connect" && e.errno === "ECONNREFUSED") return "connect() failed with ECONNREFUSED";
  if (e.name === "getsockopt" && e.ret === 0 && optionName(e.args[1], e.args[2]) === "SO_ERROR") {
    if (soErrorOf(e.args[3], ERRNO_NAMES) === "ECONNREFUSED")
      return "its non-blocking connect was refused (getsockopt(SO_ERROR) returned ECONNREFUSED)";
  }
  if (
    e.errno === "ECONNREFUSED" &&
    e.socket?.transport === "tcp" &&
    (SEND_CALLS.has(e.name) || RECV_CALLS.has(e.name))
  )
    return `its connect was refused (${e.name}() reported ECONNREFUSED)`;
  return undefined;
}

function what(remote: Address | undefined, transport: string | undefined): string {
  if (!remote) return "nothing listens on the address it connected to";
  if (transport === "unix-stream" || transport === "unix-seqpacket" || remote.path !== undefined)
    return `nothing accepts connections on ${remote.text} (the socket file exists but its server is gone, or it is not listening)`;
  if (transport === "unix-dgram") return `no socket is bound to ${remote.text}`;
  const hint =
    remote.ip === "::1"
      ? " (a server that listens only on 127.0.0.1 does not accept connections to ::1)"
      : remote.ip === "127.0.0.1"
        ? " (a server that listens only on ::1 with IPV6_V6ONLY does not accept 127.0.0.1)"
        : "";
  return `nothing listens on ${remote.text}: the peer answered the SYN with a RST${hint}`;
}

export function connectRefused(_options: RuleOptions): Rule {
  const reported = new Set<string>();
  const sockets = new Set<number>();
  return {
    push(event: ModelEvent) {
      if (event.type === "connection") {
        sockets.delete(event.id);
        return [];
      }
      if (event.type !== "syscall") return [];
      const how = refusal(event);
      const id = event.socket?.id;
      if (!how || (id !== undefined && sockets.has(id))) return [];
      if (id !== undefined) sockets.add(id);
      const remote =
        event.socket?.remote ?? (event.name === "connect" ? addressOf(event.args[1]) : undefined);
      const key = `${event.pid} ${remote?.text ?? "?"}`;
      if (reported.has(key)) return [];
      reported.add(key);
      const transport = event.socket?.transport;
      return [
        diagnostic({
          code: "connect-refused",
          severity: "warning",
          message: `${describeFd(event.fd, event.socket)}: ${how}: ${what(remote, transport)}.`,
          fix:
            "Check that the server is running and listening on exactly this address, port and family " +
            "(`ss -ltnp`, `ss -lxp` for unix sockets); start it before the client, or retry with a backoff " +
            "while it starts; fix the address or port in the client's configuration.",
          pid: event.pid,
          ...(id !== undefined ? { socket: id } : {}),
          events: [event.seq],
        }),
      ];
    },
    flush() {
      return [];
    },
  };
}
