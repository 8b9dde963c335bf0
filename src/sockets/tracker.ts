// The socket model stage: follows every socket through fd tables, forks, threads, exec, dup and
// SCM_RIGHTS; keeps its addresses, state, bytes and errors; pairs the two ends of a connection
// when both were traced; puts the socket's state after each call on the event (`socket`), with the
// steps the kernel took on its own; and emits a `connection` event when a socket's last reference
// goes (or at the end of the trace). Pure: events in, events out.
import type { ModelEvent, StreamEvent, SyscallEvent } from "../events/schema.js";
import type { Address } from "../parse/schema.js";
import { cloneFlags, fdOf } from "./args.js";
import type { CallContext } from "./calls.js";
import * as calls from "./calls.js";
import { createFdTables } from "./fd-table.js";
import { nextState } from "./lifecycle.js";
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

const FORKS = new Set(["clone", "clone3", "fork", "vfork"]);
const DATA = new Set([
  "read",
  "write",
  "readv",
  "writev",
  "preadv",
  "pwritev",
  "preadv2",
  "pwritev2",
  "send",
  "recv",
  "sendto",
  "recvfrom",
  "sendmsg",
  "recvmsg",
  "sendmmsg",
  "recvmmsg",
  "sendfile",
]);
const NEEDS_SOCKET = new Set([
  ...DATA,
  "bind",
  "listen",
  "accept",
  "accept4",
  "connect",
  "shutdown",
  "setsockopt",
  "getsockopt",
  "getsockname",
  "getpeername",
  "fcntl",
  "dup",
  "dup2",
  "dup3",
]);

function sameAddress(a: Address | undefined, b: Address | undefined): boolean {
  return a !== undefined && b !== undefined && a.text === b.text;
}

export function createSocketTracker(): SocketTracker {
  const tables = createFdTables<SocketRecord>();
  const makeRecord = createRecordFactory();
  const byInode = new Map<number, SocketRecord>();
  const byEnds = new Map<string, SocketRecord>();
  const inflight = new Map<number, Array<SocketRecord | undefined>>();

  const endsKey = (s: SocketRecord, flip: boolean) =>
    s.local && s.remote
      ? `${s.transport}|${flip ? s.remote.text : s.local.text}|${flip ? s.local.text : s.remote.text}`
      : undefined;

  const pair = (a: SocketRecord, b: SocketRecord) => {
    if (a === b) return;
    a.peer = b.id;
    b.peer = a.id;
  };

  /** Index a socket by its two ends, and pair it with the opposite end if that is known. */
  const indexEnds = (s: SocketRecord) => {
    const key = endsKey(s, false);
    if (key === undefined || s.peer !== undefined) return;
    const other = byEnds.get(endsKey(s, true) ?? "");
    if (other && other.peer === undefined && other.refs > 0) pair(s, other);
    byEnds.set(key, s);
  };

  const indexInode = (s: SocketRecord) => {
    if (s.inode === undefined) return;
    byInode.set(s.inode, s);
    const other = s.peerInode === undefined ? undefined : byInode.get(s.peerInode);
    if (other && s.peer === undefined && other.peer === undefined) pair(s, other);
  };

  const forget = (s: SocketRecord) => {
    const key = endsKey(s, false);
    if (key !== undefined && byEnds.get(key) === s) byEnds.delete(key);
    if (s.inode !== undefined && byInode.get(s.inode) === s) byInode.delete(s.inode);
    inflight.delete(s.id);
  };

  const finish = (
    released: SocketRecord[],
    how: NonNullable<SocketRecord["closedBy"]>,
    at: number | undefined,
    out: ModelEvent[],
  ) => {
    for (const s of released) {
      s.closedBy = how;
      if (at !== undefined) s.closed = at;
      if (s.state !== "closed") s.state = s.state === "connecting" ? "failed" : s.state;
      forget(s);
      out.push(connectionEvent(s, 0));
    }
  };

  /** What the -yy decoration (strace's cached view before the call) adds to what we know. */
  const learn = (s: SocketRecord, e: SyscallEvent) => {
    const d = e.socket;
    if (!d) return;
    if (d.inode !== undefined && s.inode === undefined) s.inode = d.inode;
    if (d.peerInode !== undefined && s.peerInode === undefined) s.peerInode = d.peerInode;
    if (d.local && (s.local === undefined || s.local.port === 0)) {
      s.local = d.local;
      if (s.unbound) s.unbound = false;
    }
    if (d.remote && s.remote === undefined && s.transport !== "udp") s.remote = d.remote;
    indexInode(s);
    indexEnds(s);
  };

  const handle = (e: SyscallEvent, out: ModelEvent[]) => {
    const pid = e.pid;
    const steps: KernelStep[] = [];
    const released: SocketRecord[] = [];
    const ctx: CallContext = {
      lookup: (fd) => (fd === undefined ? undefined : tables.get(pid, fd)),
      create: (spec) => makeRecord({ ...spec, pid, at: e.time }),
      install: (fd, s, cloexec) => released.push(...tables.set(pid, fd, s, cloexec)),
      remove: (fd) => released.push(...tables.remove(pid, fd)),
      setCloexec: (fd, cloexec) => tables.setCloexec(pid, fd, cloexec),
      isCloexec: (fd) => tables.isCloexec(pid, fd),
      transition: (s, action) => {
        const t = nextState(s.state, action);
        s.state = t.state;
        if (t.illegal)
          steps.push({ kind: "unexpected", text: `the socket model did not expect ${t.illegal}` });
      },
      setLocal: (s, a) => {
        if (!sameAddress(s.local, a)) s.local = a;
        indexEnds(s);
      },
      setRemote: (s, a) => {
        if (!sameAddress(s.remote, a)) s.remote = a;
        indexEnds(s);
      },
      pair,
      step: (kind, text) => steps.push({ kind, text }),
      sendFds: (from, sockets) => {
        if (sockets.length === 0) return;
        const key = from.peer ?? -from.id;
        const queue = inflight.get(key) ?? [];
        queue.push(...sockets);
        inflight.set(key, queue);
      },
      receiveFds: (at) => {
        const queue = inflight.get(at.id) ?? [];
        inflight.delete(at.id);
        return queue;
      },
    };

    const fd = e.name === "socket" || e.name === "socketpair" ? undefined : fdOf(e.args[0]);
    let s = ctx.lookup(fd);
    // First sight (attach, an inherited fd, a log that starts mid-life): the decoration says socket.
    if (s === undefined && fd !== undefined && e.socket?.protocol !== undefined && NEEDS_SOCKET.has(e.name)) {
      s = makeRecord({
        ...fromDecoration(e.socket),
        pid,
        fd,
        role: "peer",
        state: e.socket.remote ? "connected" : "created",
        nonblocking: false,
        at: e.time,
      });
      if (e.socket.local) s.unbound = false;
      tables.set(pid, fd, s, false);
    }
    if (s && fd !== undefined) learn(s, e);

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
        if (FORKS.has(e.name) && e.ret !== null && e.ret > 0)
          released.push(...tables.spawn(pid, e.ret, cloneFlags(e.args).includes("CLONE_FILES")));
        else if (s) dispatch(s, e, fd ?? -1, ctx);
    }

    // The state after the call: for socket() the new socket, for accept() the listener (and the
    // new connection as newSocket).
    const created =
      (e.name === "socket" || e.name === "accept" || e.name === "accept4") && e.ret !== null && e.ret >= 0
        ? tables.get(pid, e.ret)
        : undefined;
    if (e.name === "socket") s = created;
    else if (created) {
      indexInode(created);
      e.newSocket = socketView(created);
    }
    if (e.name === "socketpair" && e.ret === 0) {
      const pairFds = e.args[3]?.kind === "array" ? e.args[3].items.map(fdOf) : [];
      s = tables.get(pid, pairFds[0] ?? -1);
      const second = tables.get(pid, pairFds[1] ?? -1);
      if (second) e.newSocket = socketView(second);
    }
    if (s) e.socket = socketView(s);
    if (steps.length > 0) e.steps = steps;
    out.push(e);
    finish(released, e.name === "execve" || e.name === "execveat" ? "exec" : "close", e.time, out);
  };

  const dispatch = (s: SocketRecord, e: SyscallEvent, fd: number, ctx: CallContext) => {
    switch (e.name) {
      case "bind":
        return calls.onBind(s, e, ctx);
      case "listen":
        return calls.onListen(s, e, ctx);
      case "connect":
        return calls.onConnect(s, e, ctx);
      case "accept":
      case "accept4":
        return calls.onAccept(s, e, ctx);
      case "shutdown":
        return calls.onShutdown(s, e, ctx);
      case "setsockopt":
        return calls.onSetsockopt(s, e);
      case "getsockopt":
        return calls.onGetsockopt(s, e, ctx);
      case "getsockname":
      case "getpeername":
        return calls.onNameQuery(s, e, ctx);
      case "fcntl":
        return calls.onFcntl(s, e, fd, ctx);
      case "dup":
      case "dup2":
      case "dup3":
        return calls.onDup(s, e, ctx);
      default:
        if (DATA.has(e.name)) calls.onData(s, e, ctx);
        else if (e.errno !== undefined) s.errors[e.errno] = (s.errors[e.errno] ?? 0) + 1;
    }
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
          if (event.note === "stitch" && event.subject !== undefined) tables.alias(0, event.subject);
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
      for (const { socket } of tables.open()) {
        if (seen.has(socket)) continue;
        seen.add(socket);
        socket.refs = 0;
        finish([socket], "end-of-trace", undefined, out);
      }
      return out;
    },
  };
}
