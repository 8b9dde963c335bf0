// A Mermaid sequenceDiagram of the network story: the processes, the kernel and the peers that were
// not traced; socket/bind/listen; data both ways with byte counts (as the model counted them); and
// what each connect, shutdown and close put on the wire, from the model's facts about the call (its
// transport, result, the state before it, whether a close dropped the last reference): a handshake,
// a SYN answered by a RST, a FIN, a RST, or nothing (UDP, unix and netlink never draw a packet).
// GitHub renders it inside a ```mermaid block.
//
// Memory stays bounded on any trace: the diagram keeps at most MAX_MESSAGES steps (consecutive data
// calls on one connection fold into one arrow) and counts the rest.
//
// Data: when both ends are traced, the receiving side draws the arrow, from the process that last
// used the sending socket (so a forked handler that reads is the one drawn, not the parent that
// accepted); an end whose other side is not traced draws its sends and receives itself, to or from
// the address. Which traced socket is at the other end comes from the model, call by call (a
// datagram server's clients each have their own).
import { assertNever } from "../core/assert-never.js";
import type { ConnectionEvent, ExitEvent, SyscallEvent, TraceEvent } from "../core/events.js";
import { rttText } from "../core/kernel.js";
import { FORK_CALLS, RECV_CALLS, SEND_CALLS } from "../core/syscalls.js";
import type { SocketState } from "../core/vocabulary.js";
import { mermaidText as text } from "./escape.js";
import type { Renderer, RenderOptions } from "./renderer.js";

const MAX_MESSAGES = 400;
/** Sockets whose holder is remembered (the most recent ones), for the other end of an arrow. */
const MAX_OWNERS = 65_536;
const SETUP = new Set(["socket", "socketpair", "bind", "listen", "setsockopt"]);

/** TCP states with a connection whose FIN this end has not sent yet. */
const OPEN: ReadonlySet<SocketState> = new Set(["connected", "half-closed-read"]);
/** TCP states where this end's FIN has already gone (shutdown SHUT_WR). */
const FIN_SENT: ReadonlySet<SocketState> = new Set(["half-closed-write", "half-closed-both"]);

/** shutdown's how, as strace showed it (SHUT_WR, or 1 with or without the name in a comment). */
function shutdownHow(e: SyscallEvent): string | undefined {
  const v = e.args[1];
  if (v?.kind === "sym") return v.value;
  if (v?.kind === "num") {
    if (v.comment !== undefined && /^SHUT_/.test(v.comment)) return v.comment;
    return ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"][v.value];
  }
  return undefined;
}

/** What a TCP connect put on the wire, by its result and the state before it. */
function connectWire(e: SyscallEvent): string | undefined {
  const again = e.stateBefore === "connecting";
  switch (e.errno) {
    case undefined:
      return again ? "the handshake had completed in the background" : "SYN → SYN-ACK → ACK";
    case "EINPROGRESS":
    case "EINTR":
      return "SYN sent, the handshake goes on in the background";
    case "ECONNREFUSED":
      return again ? "the SYN had been answered by a RST: refused" : "SYN → RST: refused, no handshake";
    case "ETIMEDOUT":
      return "SYN retransmitted, never answered";
    case "EHOSTUNREACH":
      return "SYN → ICMP host unreachable";
    default:
      // EALREADY, EISCONN, ENETUNREACH (no route), EADDRNOTAVAIL…: nothing was sent.
      return undefined;
  }
}

/** What a TCP shutdown put on the wire: a FIN only for the send side of an open connection. */
function shutdownWire(e: SyscallEvent, how: string | undefined): string | undefined {
  if (e.errno !== undefined || how === undefined) return undefined;
  const state = e.stateBefore;
  if (state === "listening")
    return how === "SHUT_WR" ? undefined : "RST to each connection still queued, if any";
  if (how === "SHUT_RD") return undefined;
  if (state !== undefined && OPEN.has(state)) return "FIN";
  return undefined;
}

/** What the last close of a TCP socket put on the wire, by the state it was in. */
function closeWire(e: SyscallEvent): string | undefined {
  if (e.errno !== undefined || e.lastReference !== true) return undefined;
  const state = e.stateBefore;
  if (state === undefined) return undefined;
  if (state === "listening") return "RST to each connection still queued, if any";
  // half-closed-read is mostly the peer's FIN read to the end, after which nothing is left unread
  // (after our own SHUT_RD it could be); while connected, unread data, which the trace cannot show,
  // would turn the FIN into a RST.
  if (state === "half-closed-read") return "FIN";
  if (state === "connected") return "FIN (a RST instead if received data was left unread)";
  if (FIN_SENT.has(state)) return "no new FIN: shutdown sent it (a RST if data was left unread)";
  if (state === "connecting") return "the handshake is abandoned (a FIN if it had just completed)";
  return undefined;
}

/** One arrow or note, with its ends resolved when the diagram is drawn. */
type Step =
  | { kind: "line"; pid: number; text: string }
  | { kind: "reply"; pid: number; text: string }
  | { kind: "note"; pid: number | "K"; text: string }
  | {
      kind: "data";
      pid: number;
      socket: number;
      sending: boolean;
      bytes: number;
      /** The other side: a traced process, or an address (or "peer" when unknown). */
      from: number | string;
    };

export function createMermaidBuilder(options: RenderOptions = {}) {
  const steps: Step[] = [];
  let omitted = 0;
  const names = new Map<number, string>();
  /** Socket id → pid of the process that last used it (the most recent MAX_OWNERS sockets). */
  const owner = new Map<number, number>();
  /** Sockets that turned out to have a traced other end (a client that sent before the accept). */
  const paired = new Set<number>();
  let pending: Extract<Step, { kind: "data" }> | undefined;

  const keep = (step: Step) => {
    if (steps.length >= MAX_MESSAGES) omitted++;
    else steps.push(step);
  };
  const flush = () => {
    if (pending) keep(pending);
    pending = undefined;
  };
  const own = (socket: number, pid: number) => {
    owner.delete(socket);
    owner.set(socket, pid);
    if (owner.size > MAX_OWNERS) owner.delete(owner.keys().next().value as number);
  };

  /** A data call's arrow: the other side, or nothing when the traced receiver draws it. */
  const data = (
    e: SyscallEvent,
    socket: number,
    sending: boolean,
    bytes: number,
    remote: string | undefined,
  ) => {
    const peer = e.transfer?.peer;
    const peerPid = peer === undefined ? undefined : owner.get(peer);
    // Both ends traced: the receiving side draws (it knows who sent, and which process read).
    if (sending && peer !== undefined) return;
    const from = peerPid ?? remote ?? "peer";
    if (
      pending &&
      pending.pid === e.pid &&
      pending.socket === socket &&
      pending.sending === sending &&
      pending.from === from
    ) {
      pending.bytes += bytes;
      return;
    }
    flush();
    pending = { kind: "data", pid: e.pid, socket, sending, bytes, from };
  };

  const syscall = (e: SyscallEvent) => {
    const named = e.process?.name;
    if (named !== undefined && !names.has(e.pid) && names.size < MAX_OWNERS) names.set(e.pid, named);
    if (e.name === "execve" && e.ret === 0 && named !== undefined) names.set(e.pid, named);
    if (e.socket !== undefined) own(e.socket.id, e.pid);
    if (e.newSocket !== undefined) own(e.newSocket.id, e.pid);
    if (!e.socket && !e.newSocket) return;
    const p = e.pid;
    const s = e.socket;
    const conn = s !== undefined ? ` (conn ${s.id})` : "";
    // strace's --inject: the result is strace's, or the call waited in strace before it ran.
    const mark = e.injected === true ? " (injected)" : e.delayed === true ? " (delayed by strace)" : "";
    const failed = e.errno !== undefined ? ` → ${e.errno}${mark}` : mark;
    if (SEND_CALLS.has(e.name) || RECV_CALLS.has(e.name)) {
      if (e.errno !== undefined) {
        flush();
        keep({ kind: "line", pid: p, text: `${e.name}${failed}${conn}` });
      } else if (e.ret === 0 && RECV_CALLS.has(e.name) && s?.transport !== "udp") {
        flush();
        keep({ kind: "reply", pid: p, text: `${e.name} = 0: the peer's FIN${conn}` });
      } else if (s !== undefined && e.transfer !== undefined) {
        const sending = e.transfer.out > 0;
        data(e, s.id, sending, sending ? e.transfer.out : e.transfer.in, s.remote?.text);
      }
      return;
    }
    flush();
    if (SETUP.has(e.name)) {
      const what = e.name === "bind" || e.name === "listen" ? ` ${s?.local?.text ?? ""}` : "";
      keep({ kind: "line", pid: p, text: `${e.name}${what}${failed}${conn}` });
    } else if (e.name === "connect") {
      keep({ kind: "line", pid: p, text: `connect to ${s?.remote?.text ?? "?"}${failed}${conn}` });
      // Only TCP puts packets on the wire for a connect; UDP, unix and netlink record a peer.
      const wire =
        e.injected === true
          ? "nothing sent: strace injected the result"
          : s?.transport === "tcp"
            ? connectWire(e)
            : undefined;
      if (wire !== undefined) keep({ kind: "note", pid: "K", text: `${wire}${conn}` });
    } else if (e.name.startsWith("accept") && e.newSocket !== undefined) {
      keep({
        kind: "reply",
        pid: p,
        text: `${e.name} → conn ${e.newSocket.id} from ${e.newSocket.remote?.text ?? "?"}`,
      });
    } else if (e.name === "shutdown") {
      const how = shutdownHow(e);
      keep({ kind: "line", pid: p, text: `shutdown${how ? ` ${how}` : ""}${failed}${conn}` });
      const wire = s?.transport === "tcp" && e.injected !== true ? shutdownWire(e, how) : undefined;
      if (wire !== undefined) keep({ kind: "note", pid: "K", text: `${wire}${conn}` });
    } else if (e.name === "close" && s !== undefined) {
      const shared = e.lastReference === false ? ": other fds still hold the socket" : "";
      keep({ kind: "line", pid: p, text: `close${failed}${conn}${shared}` });
      const wire = s.transport === "tcp" && e.injected !== true ? closeWire(e) : undefined;
      if (wire !== undefined) keep({ kind: "note", pid: "K", text: `${wire}${conn}` });
    } else if (e.errno !== undefined) keep({ kind: "line", pid: p, text: `${e.name}${failed}${conn}` });
  };

  const connection = (c: ConnectionEvent) => {
    flush();
    if (c.peer !== undefined && paired.size < MAX_OWNERS) paired.add(c.id);
    // Packets only for TCP (a unix socket is refused or reset without any), and a FIN only for a
    // connection that was open (or half-closed) when it ended: a socket that never connected, or
    // whose connect failed, sends nothing when it goes.
    const tcp = c.transport === "tcp";
    const wire = !tcp
      ? ""
      : c.outcome === "reset"
        ? "RST"
        : c.outcome === "refused"
          ? "RST (refused)"
          : c.outcome === "closed" && c.role !== "listener" && (OPEN.has(c.state) || FIN_SENT.has(c.state))
            ? "FIN"
            : "";
    const bytes =
      c.role === "listener" ? `accepted ${c.accepted ?? 0}` : `${c.bytesOut} B out, ${c.bytesIn} B in`;
    // The kernel's view, when taken: the round trip and what it had to send again.
    const k = c.kernel;
    const kernel =
      k === undefined
        ? ""
        : `; ${[rttText(k), `${k.retransmits ?? 0} retransmitted`].filter((x) => x !== undefined).join(", ")}`;
    keep({
      kind: "note",
      pid: c.pid,
      text: `conn ${c.id} ${c.outcome}${wire ? ` (${wire})` : ""}, ${bytes}${kernel}`,
    });
  };

  const exit = (e: ExitEvent) => {
    if (e.supersededBy !== undefined) return;
    flush();
    keep({
      kind: "note",
      pid: e.pid,
      text: e.signal !== undefined ? `killed by ${e.signal}` : `exited ${e.code}`,
    });
  };

  /** The diagram from the kept steps: each arrow's other end resolved now that the pairs are known. */
  const draw = (): string => {
    flush();
    const participants: string[] = [];
    const declared = new Map<string, string>();
    const seen = new Set<number>();
    const declare = (key: string, label: string) => {
      if (declared.has(key)) return;
      declared.set(key, label);
      participants.push(`  participant ${key} as ${text(label)}`);
    };
    const process = (pid: number) => {
      const key = `p${pid}`;
      declare(key, `${names.get(pid) ?? "pid"} ${options.stable ? "p" : ""}${pid}`);
      declare("K", "kernel");
      seen.add(pid);
      return key;
    };
    const remotes = new Map<string, string>();
    const remote = (address: string) => {
      let key = remotes.get(address);
      if (key === undefined) {
        key = `r${remotes.size + 1}`;
        remotes.set(address, key);
        declare(key, address);
      }
      return key;
    };
    const lines: string[] = [];
    for (const step of steps) {
      switch (step.kind) {
        case "line":
          lines.push(`  ${process(step.pid)}->>K: ${text(step.text)}`);
          break;
        case "reply":
          lines.push(`  K-->>${process(step.pid)}: ${text(step.text)}`);
          break;
        case "note":
          if (step.pid === "K") lines.push(`  Note over K: ${text(step.text)}`);
          else if (seen.has(step.pid)) lines.push(`  Note over p${step.pid}: ${text(step.text)}`);
          break;
        case "data": {
          // Sent before the model knew the other end, which turned out to be traced: its receiver
          // draws these bytes.
          if (step.sending && typeof step.from === "string" && paired.has(step.socket)) break;
          const here = process(step.pid);
          const other = typeof step.from === "number" ? process(step.from) : remote(step.from);
          const [src, dst] = step.sending ? [here, other] : [other, here];
          lines.push(`  ${src}->>${dst}: ${step.bytes} bytes (conn ${step.socket})`);
          break;
        }
        default:
          assertNever(step, "step");
      }
    }
    const more = omitted > 0 ? [`  Note over K: … ${omitted} more steps not shown`] : [];
    return ["sequenceDiagram", ...participants, ...lines, ...more].join("\n");
  };

  return {
    add(e: TraceEvent) {
      switch (e.type) {
        case "syscall":
          syscall(e);
          return;
        case "connection":
          connection(e);
          return;
        case "exit":
          exit(e);
          return;
        case "signal":
        case "note":
        case "unparsed":
        case "diagnostic":
        case "summary":
          return;
        default:
          assertNever(e, "event");
      }
    },
    diagram: draw,
  };
}

/** Events the diagram draws something for (the Markdown report embeds the same diagram). */
export function drawsInDiagram(e: TraceEvent): boolean {
  return (
    e.type === "connection" ||
    e.type === "exit" ||
    (e.type === "syscall" &&
      (e.socket !== undefined || e.newSocket !== undefined || e.name === "execve" || FORK_CALLS.has(e.name)))
  );
}

export function createMermaidRenderer(options: RenderOptions = {}): Renderer {
  const builder = createMermaidBuilder(options);
  return {
    event(e) {
      if (drawsInDiagram(e)) builder.add(e);
      return "";
    },
    end: () => `${builder.diagram()}\n`,
  };
}
