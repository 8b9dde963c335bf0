// The socket model stage: follows every socket through fd tables, forks, threads, exec, dup and
// SCM_RIGHTS; keeps its addresses, state, bytes and errors; pairs the two ends of a connection
// when both were traced; puts the socket's state after each call on the event (`socket`), with the
// steps the kernel took on its own; and emits a `connection` event when a socket's last reference
// goes (or at the end of the trace). Pure: events in, events out.

import type { ModelEvent, StreamEvent, SyscallEvent } from "../events/schema.js";
import { FORK_SYSCALLS } from "../events/syscalls.js";
import { cloneFlags, fdOf } from "./args.js";
import * as calls from "./calls.js";
import { type CallContext, createCallContext, type ModelState } from "./context.js";
import { onData } from "./data.js";
import { createFdTables } from "./fd-table.js";
import { createPairing } from "./pairing.js";
import {
  connectionEvent,
  createRecordFactory,
  fromDecoration,
  type SocketRecord,
  socketView,
} from "./record.js";
import type { KernelStep } from "./schema.js";

export interface SocketTracker {
  push(event: StreamEvent): ModelEvent[];
  /** Sockets still open when the trace ends: their connection events. */
  flush(): ModelEvent[];
}

// biome-ignore format: a list of names reads better packed
const DATA = new Set([
  "read", "write", "readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2", "send", "recv",
  "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "sendfile",
]);
// biome-ignore format: a list of names reads better packed
const NEEDS_SOCKET = new Set([
  ...DATA, "bind", "listen", "accept", "accept4", "connect", "shutdown", "setsockopt", "getsockopt",
  "getsockname", "getpeername", "fcntl", "dup", "dup2", "dup3",
]);

type Handler = (s: SocketRecord, e: SyscallEvent, fd: number, ctx: CallContext) => void;

/** What each syscall does to the socket behind its fd argument. */
const HANDLERS: Record<string, Handler> = {
  bind: (s, e, _fd, ctx) => calls.onBind(s, e, ctx),
  listen: (s, e, _fd, ctx) => calls.onListen(s, e, ctx),
  connect: (s, e, _fd, ctx) => calls.onConnect(s, e, ctx),
  accept: (s, e, _fd, ctx) => calls.onAccept(s, e, ctx),
  accept4: (s, e, _fd, ctx) => calls.onAccept(s, e, ctx),
  shutdown: (s, e, _fd, ctx) => calls.onShutdown(s, e, ctx),
  setsockopt: (s, e) => calls.onSetsockopt(s, e),
  getsockopt: (s, e, _fd, ctx) => calls.onGetsockopt(s, e, ctx),
  getsockname: (s, e, _fd, ctx) => calls.onNameQuery(s, e, ctx),
  getpeername: (s, e, _fd, ctx) => calls.onNameQuery(s, e, ctx),
  fcntl: (s, e, fd, ctx) => calls.onFcntl(s, e, fd, ctx),
  dup: (s, e, _fd, ctx) => calls.onDup(s, e, ctx),
  dup2: (s, e, _fd, ctx) => calls.onDup(s, e, ctx),
  dup3: (s, e, _fd, ctx) => calls.onDup(s, e, ctx),
};

function dispatch(s: SocketRecord, e: SyscallEvent, fd: number, ctx: CallContext): void {
  const handler = HANDLERS[e.name];
  if (handler) handler(s, e, fd, ctx);
  else if (DATA.has(e.name)) onData(s, e, ctx);
  else if (e.errno !== undefined) s.errors[e.errno] = (s.errors[e.errno] ?? 0) + 1;
}

/** What the -yy decoration (strace's cached view before the call) adds to what we know. */
function learn(s: SocketRecord, e: SyscallEvent, model: ModelState): void {
  const d = e.socket;
  if (!d) return;
  let learned = false;
  if (d.inode !== undefined && s.inode === undefined) {
    s.inode = d.inode;
    learned = true;
  }
  if (d.peerInode !== undefined && s.peerInode === undefined) {
    s.peerInode = d.peerInode;
    learned = true;
  }
  if (d.local && (s.local === undefined || s.local.port === 0)) {
    s.local = d.local;
    s.unbound = false;
    learned = true;
  }
  if (d.remote && s.remote === undefined && s.transport !== "udp") {
    s.remote = d.remote;
    learned = true;
  }
  // Every call on a socket carries its decoration: index again only when that can change a pairing.
  if (learned || !model.pairing.settled(s)) model.pairing.index(s);
}

export function createSocketTracker(): SocketTracker {
  const model: ModelState = {
    tables: createFdTables<SocketRecord>(),
    pairing: createPairing(),
    inflight: { queues: new Map(), arrivedEarly: new Set() },
    makeRecord: createRecordFactory(),
  };
  const { tables } = model;
  const known = new Map<number, SocketRecord>();

  const finish = (
    released: SocketRecord[],
    how: NonNullable<SocketRecord["closedBy"]>,
    at: number | undefined,
    out: ModelEvent[],
  ) => {
    for (const s of released) {
      s.closedBy = how;
      if (at !== undefined) s.closed = at;
      if (s.state === "connecting") s.state = "failed";
      // A client whose own address never showed (no -yy): the server end saw it.
      const peer = s.peer === undefined ? undefined : known.get(s.peer);
      if (s.local === undefined && peer?.remote) s.local = peer.remote;
      if (peer && peer.local === undefined && s.remote) peer.local = s.remote;
      known.delete(s.id);
      model.pairing.forget(s);
      out.push(connectionEvent(s, 0));
      // fds in flight to a socket that closes are discarded with its queue: their references go.
      const orphans = model.inflight.queues.get(s.id) ?? [];
      model.inflight.queues.delete(s.id);
      const lost: SocketRecord[] = [];
      for (const o of orphans) if (o && --o.refs === 0) lost.push(o);
      if (lost.length > 0) finish(lost, "close", at, out);
    }
  };

  const handle = (e: SyscallEvent, out: ModelEvent[]) => {
    const pid = e.pid;
    const steps: KernelStep[] = [];
    const released: SocketRecord[] = [];
    const ctx = createCallContext(model, e, steps, released);

    const fd = e.name === "socket" || e.name === "socketpair" ? undefined : fdOf(e.args[0]);
    let s = ctx.lookup(fd);
    // First sight (attach, an inherited fd, a log that starts mid-life): the decoration says socket.
    if (s === undefined && fd !== undefined && e.socket?.protocol !== undefined && NEEDS_SOCKET.has(e.name)) {
      s = model.makeRecord({
        ...fromDecoration(e.socket),
        pid,
        fd,
        role: "peer",
        state: e.socket.remote ? "connected" : "created",
        nonblocking: false,
        at: e.time,
      });
      if (e.socket.local) s.unbound = false;
      s.inherited = true;
      tables.set(pid, fd, s, false);
    }
    if (s && fd !== undefined) learn(s, e, model);

    switch (e.name) {
      case "socket":
        calls.onSocket(e, ctx);
        break;
      case "socketpair":
        calls.onSocketpair(e, ctx);
        break;
      case "close":
        if (e.ret === 0 && fd !== undefined) ctx.remove(fd);
        break;
      case "execve":
      case "execveat":
        if (e.ret === 0) released.push(...tables.exec(pid));
        break;
      default:
        if (FORK_SYSCALLS.has(e.name) && e.ret !== null && e.ret > 0) {
          released.push(...tables.spawn(pid, e.ret, cloneFlags(e.args).includes("CLONE_FILES")));
        } else if (s) dispatch(s, e, fd ?? -1, ctx);
    }

    // The state after the call: socket() shows the new socket; accept() the listener, with the
    // new connection as newSocket; socketpair() both ends.
    const made =
      e.ret !== null && e.ret >= 0 && (e.name === "socket" || e.name.startsWith("accept"))
        ? tables.get(pid, e.ret)
        : undefined;
    if (e.name === "socket") s = made;
    else if (made) e.newSocket = socketView(made);
    if (e.name === "socketpair" && e.ret === 0) {
      const fds = e.args[3]?.kind === "array" ? e.args[3].items.map(fdOf) : [];
      s = tables.get(pid, fds[0] ?? -1);
      const second = tables.get(pid, fds[1] ?? -1);
      if (second) e.newSocket = socketView(second);
    }
    for (const x of [s, made]) if (x) known.set(x.id, x);
    if (s) e.socket = socketView(s);
    if (steps.length > 0) e.steps = steps;
    out.push(e);
    finish(released, e.name === "execve" || e.name === "execveat" ? "exec" : "close", e.time, out);
  };

  return {
    push(event) {
      const out: ModelEvent[] = [];
      switch (event.type) {
        case "syscall":
          handle(event, out);
          break;
        case "exit":
          out.push(event);
          if (event.supersededBy === undefined) finish(tables.exit(event.pid), "exit", event.time, out);
          break;
        case "note":
          if (event.note === "stitch" && event.subject !== undefined) {
            tables.alias(0, event.subject);
            for (const { socket } of tables.open()) if (socket.pid === 0) socket.pid = event.subject;
          }
          out.push(event);
          break;
        default:
          out.push(event);
      }
      return out;
    },
    flush() {
      const out: ModelEvent[] = [];
      const seen = new Set<SocketRecord>();
      const inFlight = [...model.inflight.queues.values()].flat();
      for (const socket of [...tables.open().map((o) => o.socket), ...inFlight]) {
        if (socket === undefined || seen.has(socket)) continue;
        seen.add(socket);
        socket.refs = 0;
        finish([socket], "end-of-trace", undefined, out);
      }
      return out;
    },
  };
}
