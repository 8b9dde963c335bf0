// A Mermaid sequenceDiagram of the network story: the processes, the kernel and the peers that were
// not traced; socket/bind/listen; the handshake the kernel does between connect and accept; data
// both ways with byte counts; FIN and RST. GitHub renders it inside a ```mermaid block.

import type { ConnectionEvent, Event, SyscallEvent } from "../events/schema.js";
import { FORK_SYSCALLS } from "../events/syscalls.js";
import type { Renderer, RenderOptions } from "./renderer.js";

const MAX_MESSAGES = 400;
const SETUP = new Set(["socket", "socketpair", "bind", "listen", "setsockopt"]);
const SENDS = new Set(["write", "writev", "send", "sendto", "sendmsg", "sendmmsg", "sendfile"]);
const RECEIVES = new Set(["read", "readv", "recv", "recvfrom", "recvmsg", "recvmmsg"]);

/** Mermaid treats `;` and `#` specially in message text. */
function text(s: string): string {
  return s.replace(/[;#]/g, " ").replace(/\s+/g, " ").trim();
}

export function createMermaidBuilder(options: RenderOptions = {}) {
  const participants: string[] = [];
  const declared = new Set<string>();
  const messages: string[] = [];
  let omitted = 0;
  const names = new Map<number, string>();
  /** Socket id → pid of the process that holds it (last seen), for the other end of a pair. */
  const owner = new Map<number, number>();
  let pending: { key: string; from: string; to: string; bytes: number; label: string } | undefined;

  const id = (pid: number) => `p${pid}`;
  const declare = (key: string, label: string) => {
    if (declared.has(key)) return;
    declared.add(key);
    participants.push(`  participant ${key} as ${text(label)}`);
  };
  const process = (pid: number) => {
    const key = id(pid);
    declare(key, `${names.get(pid) ?? "pid"} ${options.stable ? "p" : ""}${pid}`);
    declare("K", "kernel");
    return key;
  };
  const remote = (address: string) => {
    const key = `r${[...declared].filter((k) => k.startsWith("r")).length + 1}`;
    for (const line of participants)
      if (line.endsWith(` as ${text(address)}`)) return line.split(" ")[3] ?? key;
    declare(key, address);
    return key;
  };
  const flush = () => {
    if (!pending) return;
    push(`  ${pending.from}->>${pending.to}: ${pending.bytes} bytes${pending.label}`);
    pending = undefined;
  };
  const push = (line: string) => {
    if (messages.length >= MAX_MESSAGES) omitted++;
    else messages.push(line);
  };

  const data = (e: SyscallEvent, from: string) => {
    const s = e.socket;
    if (!s || e.ret === null || e.ret <= 0 || s.id === undefined) return;
    const sending = SENDS.has(e.name);
    const peerPid = s.id !== undefined ? peerOwner(s.id) : undefined;
    if (!sending && peerPid !== undefined) return; // the sender's arrow already shows it
    const other = peerPid !== undefined ? process(peerPid) : remote(s.remote?.text ?? "peer");
    const [src, dst] = sending ? [from, other] : [other, from];
    const key = `${src}>${dst}>${s.id}`;
    if (pending?.key === key) {
      pending.bytes += e.ret;
      return;
    }
    flush();
    pending = { key, from: src, to: dst, bytes: e.ret, label: ` (conn ${s.id})` };
  };

  const peers = new Map<number, number>();
  const peerOwner = (socketId: number): number | undefined => {
    const peer = peers.get(socketId);
    return peer === undefined ? undefined : owner.get(peer);
  };

  const syscall = (e: SyscallEvent) => {
    if (e.name === "execve" && e.ret === 0 && e.args[0]?.kind === "str")
      names.set(e.pid, e.args[0].value.split("/").pop() ?? "");
    // A forked child carries its parent's name until it runs execve.
    if (FORK_SYSCALLS.has(e.name) && e.ret !== null && e.ret > 0 && names.has(e.pid))
      names.set(e.ret, names.get(e.pid) ?? "");
    if (e.socket?.id !== undefined) owner.set(e.socket.id, e.pid);
    if (e.newSocket?.id !== undefined) owner.set(e.newSocket.id, e.pid);
    if (!e.socket && !e.newSocket) return;
    const p = process(e.pid);
    const s = e.socket;
    const conn = s?.id !== undefined ? ` (conn ${s.id})` : "";
    const failed = e.errno !== undefined ? ` → ${e.errno}` : "";
    if (SENDS.has(e.name) || RECEIVES.has(e.name)) {
      if (e.errno !== undefined) {
        flush();
        push(`  ${p}->>K: ${e.name}${failed}${conn}`);
      } else if (e.ret === 0 && RECEIVES.has(e.name) && s?.transport !== "udp") {
        flush();
        push(`  K-->>${p}: ${e.name} = 0: the peer's FIN${conn}`);
      } else data(e, p);
      return;
    }
    flush();
    if (SETUP.has(e.name)) {
      const what = e.name === "bind" || e.name === "listen" ? ` ${s?.local?.text ?? ""}` : "";
      push(`  ${p}->>K: ${e.name}${what}${failed}${conn}`);
    } else if (e.name === "connect") {
      push(`  ${p}->>K: connect to ${s?.remote?.text ?? "?"}${failed}${conn}`);
      if (s?.transport === "tcp" && (e.errno === undefined || e.errno === "EINPROGRESS")) {
        push(`  Note over K: SYN → SYN-ACK → ACK: the kernel does the handshake${conn}`);
      }
    } else if (e.name.startsWith("accept") && e.newSocket?.id !== undefined) {
      push(`  K-->>${p}: ${e.name} → conn ${e.newSocket.id} from ${e.newSocket.remote?.text ?? "?"}`);
    } else if (e.name === "shutdown") {
      push(`  ${p}->>K: shutdown → FIN${conn}`);
    } else if (e.name === "close" && s?.id !== undefined) {
      push(`  ${p}->>K: close${conn}`);
    } else if (e.errno !== undefined) push(`  ${p}->>K: ${e.name}${failed}${conn}`);
  };

  const connection = (c: ConnectionEvent) => {
    flush();
    if (!declared.has(id(c.pid))) return;
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
    push(`  Note over ${id(c.pid)}: conn ${c.id} ${c.outcome}${wire ? ` (${wire})` : ""}, ${bytes}`);
  };

  return {
    add(e: Event) {
      if (e.type === "syscall") {
        if (e.socket?.id !== undefined && e.newSocket?.id !== undefined && e.name === "socketpair") {
          peers.set(e.socket.id, e.newSocket.id);
          peers.set(e.newSocket.id, e.socket.id);
        }
        syscall(e);
      } else if (e.type === "connection") {
        if (e.peer !== undefined) {
          peers.set(e.id, e.peer);
          peers.set(e.peer, e.id);
        }
        connection(e);
      } else if (e.type === "exit" && declared.has(id(e.pid)) && e.supersededBy === undefined) {
        flush();
        push(
          `  Note over ${id(e.pid)}: ${e.signal !== undefined ? `killed by ${e.signal}` : `exited ${e.code}`}`,
        );
      }
    },
    /** Learn pairs early (connection events come at close): syscall views do not carry the peer. */
    learnPeer(a: number, b: number) {
      peers.set(a, b);
      peers.set(b, a);
    },
    diagram(): string {
      flush();
      const more = omitted > 0 ? [`  Note over K: … ${omitted} more steps not shown`] : [];
      return ["sequenceDiagram", ...participants, ...messages, ...more].join("\n");
    },
  };
}

export function createMermaidRenderer(options: RenderOptions = {}): Renderer {
  const events: Event[] = [];
  return {
    // Pairs are known only when connections close, so the diagram is drawn at the end.
    event(e) {
      const wanted =
        e.type === "connection" ||
        e.type === "exit" ||
        (e.type === "syscall" &&
          (e.socket !== undefined ||
            e.newSocket !== undefined ||
            e.name === "execve" ||
            FORK_SYSCALLS.has(e.name)));
      if (wanted) events.push(e);
      return "";
    },
    end() {
      const builder = createMermaidBuilder(options);
      for (const e of events)
        if (e.type === "connection" && e.peer !== undefined) builder.learnPeer(e.id, e.peer);
      for (const e of events) builder.add(e);
      return `${builder.diagram()}\n`;
    },
  };
}
