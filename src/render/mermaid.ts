// A Mermaid sequenceDiagram of the network story: the processes, the kernel and the peers that were
// not traced; socket/bind/listen; the handshake the kernel does between connect and accept; data
// both ways with byte counts (as the model counted them); FIN and RST. GitHub renders it inside a
// ```mermaid block.
//
// Memory stays bounded on any trace: the diagram keeps at most MAX_MESSAGES steps (consecutive data
// calls on one connection fold into one arrow) and counts the rest. Which process holds the other
// end of a connection is known only once both ends are seen, so the kept steps are drawn at the end.
import { assertNever } from "../core/assert-never.js";
import type { ConnectionEvent, ExitEvent, SyscallEvent, TraceEvent } from "../core/events.js";
import { FORK_CALLS, RECV_CALLS, SEND_CALLS } from "../core/syscalls.js";
import type { Renderer, RenderOptions } from "./renderer.js";

const MAX_MESSAGES = 400;
/** Sockets whose holder is remembered (the most recent ones), for the other end of an arrow. */
const MAX_OWNERS = 65_536;
const SETUP = new Set(["socket", "socketpair", "bind", "listen", "setsockopt"]);

/** Mermaid treats `;` and `#` specially in message text. */
function text(s: string): string {
  return s.replace(/[;#]/g, " ").replace(/\s+/g, " ").trim();
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
      remote?: string;
      /** The process holding the other end, when the model had paired the two by then. */
      peerPid?: number;
    };

export function createMermaidBuilder(options: RenderOptions = {}) {
  const steps: Step[] = [];
  let omitted = 0;
  const names = new Map<number, string>();
  /** Socket id → pid of the process that last used it. */
  const owner = new Map<number, number>();
  const peers = new Map<number, number>();
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
  /** `a`'s other end is `b` (one way: a datagram server with several clients names none). */
  const learnPeer = (a: number, b: number) => {
    peers.set(a, b);
    if (peers.size > 2 * MAX_OWNERS) {
      const [first] = peers.keys();
      if (first !== undefined) peers.delete(first);
    }
  };

  const syscall = (e: SyscallEvent) => {
    const named = e.process?.name;
    if (named !== undefined && !names.has(e.pid) && names.size < MAX_OWNERS) names.set(e.pid, named);
    if (e.name === "execve" && e.ret === 0 && named !== undefined) names.set(e.pid, named);
    if (e.socket !== undefined) own(e.socket.id, e.pid);
    if (e.newSocket !== undefined) own(e.newSocket.id, e.pid);
    if (e.name === "socketpair" && e.socket !== undefined && e.newSocket !== undefined) {
      learnPeer(e.socket.id, e.newSocket.id);
      learnPeer(e.newSocket.id, e.socket.id);
    }
    if (!e.socket && !e.newSocket) return;
    const p = e.pid;
    const s = e.socket;
    const conn = s !== undefined ? ` (conn ${s.id})` : "";
    const failed = e.errno !== undefined ? ` → ${e.errno}` : "";
    if (SEND_CALLS.has(e.name) || RECV_CALLS.has(e.name)) {
      if (e.errno !== undefined) {
        flush();
        keep({ kind: "line", pid: p, text: `${e.name}${failed}${conn}` });
      } else if (e.ret === 0 && RECV_CALLS.has(e.name) && s?.transport !== "udp") {
        flush();
        keep({ kind: "reply", pid: p, text: `${e.name} = 0: the peer's FIN${conn}` });
      } else if (s !== undefined && e.transfer !== undefined) {
        const sending = e.transfer.out > 0;
        const bytes = sending ? e.transfer.out : e.transfer.in;
        if (pending && pending.pid === p && pending.socket === s.id && pending.sending === sending) {
          pending.bytes += bytes;
          return;
        }
        flush();
        pending = { kind: "data", pid: p, socket: s.id, sending, bytes };
        if (s.remote !== undefined) pending.remote = s.remote.text;
        const peerPid = s.peer === undefined ? undefined : owner.get(s.peer);
        if (peerPid !== undefined) pending.peerPid = peerPid;
      }
      return;
    }
    flush();
    if (SETUP.has(e.name)) {
      const what = e.name === "bind" || e.name === "listen" ? ` ${s?.local?.text ?? ""}` : "";
      keep({ kind: "line", pid: p, text: `${e.name}${what}${failed}${conn}` });
    } else if (e.name === "connect") {
      keep({ kind: "line", pid: p, text: `connect to ${s?.remote?.text ?? "?"}${failed}${conn}` });
      // The kernel sends a SYN; the handshake completes only when connect succeeds or is under way.
      if (s?.transport === "tcp" && (e.errno === undefined || e.errno === "EINPROGRESS"))
        keep({ kind: "note", pid: "K", text: `SYN → SYN-ACK → ACK: the kernel does the handshake${conn}` });
    } else if (e.name.startsWith("accept") && e.newSocket !== undefined) {
      keep({
        kind: "reply",
        pid: p,
        text: `${e.name} → conn ${e.newSocket.id} from ${e.newSocket.remote?.text ?? "?"}`,
      });
    } else if (e.name === "shutdown") {
      keep({ kind: "line", pid: p, text: `shutdown → FIN${conn}` });
    } else if (e.name === "close" && s !== undefined) {
      keep({ kind: "line", pid: p, text: `close${conn}` });
    } else if (e.errno !== undefined) keep({ kind: "line", pid: p, text: `${e.name}${failed}${conn}` });
  };

  const connection = (c: ConnectionEvent) => {
    flush();
    if (c.peer !== undefined) learnPeer(c.id, c.peer);
    owner.delete(c.id);
    const wire =
      c.outcome === "reset"
        ? "RST"
        : c.outcome === "refused"
          ? "RST (refused)"
          : c.transport === "tcp" && c.outcome === "closed" && c.role !== "listener"
            ? "FIN"
            : "";
    const bytes =
      c.role === "listener" ? `accepted ${c.accepted ?? 0}` : `${c.bytesOut} B out, ${c.bytesIn} B in`;
    keep({
      kind: "note",
      pid: c.pid,
      text: `conn ${c.id} ${c.outcome}${wire ? ` (${wire})` : ""}, ${bytes}`,
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
          lines.push(`  ${process(step.pid)}->>K: ${step.text}`);
          break;
        case "reply":
          lines.push(`  K-->>${process(step.pid)}: ${step.text}`);
          break;
        case "note":
          if (step.pid === "K") lines.push(`  Note over K: ${step.text}`);
          else if (seen.has(step.pid)) lines.push(`  Note over p${step.pid}: ${step.text}`);
          break;
        case "data": {
          const here = process(step.pid);
          const peer = peers.get(step.socket);
          const peerPid =
            step.peerPid ?? (peer === undefined ? undefined : (owner.get(peer) ?? closedOwner.get(peer)));
          // Both ends traced: the sender's arrow already shows it.
          if (!step.sending && peerPid !== undefined) break;
          const other = peerPid !== undefined ? process(peerPid) : remote(step.remote ?? "peer");
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

  /** Holders of sockets that closed, for arrows drawn at the end (only those the kept steps name). */
  const closedOwner = new Map<number, number>();
  const named = new Set<number>();

  return {
    add(e: TraceEvent) {
      switch (e.type) {
        case "syscall":
          syscall(e);
          if (pending !== undefined && steps.length < MAX_MESSAGES) named.add(pending.socket);
          return;
        case "connection":
          // The holder of a socket whose peer has an arrow kept: that arrow's other end.
          if (e.peer !== undefined && named.has(e.peer)) closedOwner.set(e.id, owner.get(e.id) ?? e.pid);
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
