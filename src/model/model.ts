// The model: the one owner of what the kernel holds, as far as the trace shows it. It follows
// processes (parent, thread group, program, exit), their fd tables (fork, CLONE_FILES, exec and
// close-on-exec, dup*, close, close_range, SCM_RIGHTS) and every socket (state, both addresses,
// bytes, peer, options, blocking mode); it sets each call's facts (the socket it works on and its
// state after the call, the bytes it moved, the steps the kernel took on its own, the process), and
// emits a `connection` event when a socket's last reference goes. Everything downstream reads these
// facts instead of keeping its own copy. Pure: stitched events in, events out.
import { assertNever } from "../core/assert-never.js";
import {
  CLONE_FILES,
  CLONE_THREAD,
  CLOSE_RANGE_CLOEXEC,
  EPOLL_CLOEXEC,
  EPOLL_CTL_OPS,
  FCNTL_COMMANDS,
} from "../core/constants.js";
import type { ConnectionEvent, ModelEvent, Stitched, StitchedCall } from "../core/events.js";
import { isFdNumber } from "../core/fd-number.js";
import type { ModelView } from "../core/model-view.js";
import {
  cloneFlagsValue,
  fdOf,
  fromDecoration,
  hasFlag,
  readyFds,
  symbolOf,
  waitedValues,
} from "../core/readers.js";
import { type SyscallSpec, WAIT_CALLS } from "../core/syscalls.js";
import type { Decoration, Value } from "../core/values.js";
import type { Release } from "../core/vocabulary.js";
import * as calls from "./calls.js";
import { CallScope, type ModelState } from "./context.js";
import { dontwait, onData } from "./data.js";
import { createFdTables } from "./fd-table.js";
import { createPairing } from "./pairing.js";
import { createProcesses } from "./processes.js";
import { connectionEvent, createRecordFactory, type SocketRecord, viewOf } from "./record.js";

export interface Model {
  push(e: Stitched, out: ModelEvent[]): void;
  /** The trace ended: every socket still open gets its connection event. */
  flush(out: ModelEvent[]): void;
  readonly view: ModelView;
}

/** epoll_ctl's operations as the fd table takes them. */
const EPOLL_OPS: Readonly<Record<string, "add" | "del" | "mod">> = {
  EPOLL_CTL_ADD: "add",
  EPOLL_CTL_DEL: "del",
  EPOLL_CTL_MOD: "mod",
};

/** Calls whose fd argument is the socket they work on: a socket first seen there is taken in. */

/** The spec of a call whose bytes went through its second fd (splice into a socket). */
const OUT_SPECS = new Map<string, SyscallSpec>();
function outSpec(spec: SyscallSpec): SyscallSpec {
  let out = OUT_SPECS.get(spec.name);
  if (out === undefined) {
    out = { ...spec, fd: spec.outFd, dir: spec.dir === "in" ? "out" : "in" };
    OUT_SPECS.set(spec.name, out);
  }
  return out;
}

function worksOnSocket(spec: SyscallSpec): boolean {
  return (
    spec.classes.includes("network") ||
    spec.classes.includes("data") ||
    spec.name === "fcntl" ||
    spec.name === "ioctl" ||
    spec.name === "dup" ||
    spec.name === "dup2" ||
    spec.name === "dup3"
  );
}

/** When a call ended (or started, without -T), to the microsecond, for `lastUsed`. */
function endOf(e: StitchedCall): number | undefined {
  if (e.end !== undefined) return e.end;
  if (e.time === undefined) return undefined;
  return e.duration === undefined ? e.time : Math.round((e.time + e.duration) * 1e9) / 1e9;
}

/**
 * The data of one epoll_event (`{events=EPOLLIN, data={u32=7, u64=7}}`, or older strace's unnamed
 * `{EPOLLIN, {u32=7, u64=7}}`): `key` is the 64 bits as printed, to match what epoll_ctl
 * registered; `fd` is the number when both halves agree on a small one (a program that stores the
 * fd), not when u32 is the low half of a pointer.
 */
export function epollData(v: Value | undefined): { key?: string; fd?: number } {
  if (v?.kind !== "struct") return {};
  const data = v.fields.data ?? v.fields["#1"];
  if (data?.kind !== "struct") return {};
  const u64 = data.fields.u64;
  const u32 = data.fields.u32;
  if (u64?.kind !== "num") return {};
  const key = u64.text ?? String(u64.value);
  const fd = u32?.kind === "num" && u32.value === u64.value && isFdNumber(u64.value) ? u64.value : undefined;
  return fd === undefined ? { key } : { key, fd };
}

/** The events an epoll wait returned (its second argument, written by the kernel). */
function epollEvents(e: StitchedCall): Value[] {
  const v = e.args[1];
  const list = v?.kind === "changed" ? v.to : v;
  return list?.kind === "array" ? list.items : [];
}

/** Whether a call that succeeded returned a new fd that is not a socket's (open, pipe, dup2…). */
function returnsNewFd(e: StitchedCall, spec: SyscallSpec | undefined): boolean {
  if (e.ret === null || e.errno !== undefined || !isFdNumber(e.ret) || spec === undefined) return false;
  if (spec.classes.includes("open")) return true;
  if (spec.name === "fcntl" || spec.name === "fcntl64")
    return symbolOf(e.args[1], FCNTL_COMMANDS)?.startsWith("F_DUPFD") === true;
  return spec.classes.includes("fdtable") && spec.name.startsWith("dup");
}

/** close_range's bounds: `~0U` (and 4294967295) mean "every fd above first". */
function rangeBound(v: Value | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "num") return v.value;
  if ((v.kind === "raw" || v.kind === "sym") && /^~0U?$/.test(v.kind === "raw" ? v.text : v.value))
    return Number.MAX_SAFE_INTEGER;
  return undefined;
}

export interface ModelOptions {
  /** The root process when known before the trace (attach: the first pid); default: the first seen. */
  root?: number;
}

export function createModel(options: ModelOptions = {}): Model {
  const state: ModelState = {
    tables: createFdTables<SocketRecord>(),
    pairing: createPairing(),
    inflight: { queues: new Map(), arrivedEarly: new Set() },
    makeRecord: createRecordFactory(),
  };
  const { tables, pairing } = state;
  const processes = createProcesses(options.root);
  const open = new Map<number, SocketRecord>();
  /** Listening and bound sockets by transport and local address, to recognise them when inherited. */
  const bound = new Map<string, Set<SocketRecord>>();
  /** The decoration each socket was last seen with (decorations are shared objects). */
  const lastSeen = new WeakMap<SocketRecord, Decoration>();
  /**
   * Sockets whose last known reference went by a close the trace did not show (see `miss`): with
   * `strace -f -e trace=network`, say, neither close() nor the fork that gave a handler its copy is
   * in the trace, so the parent's fd reuse ends the parent's reference only. Their connection event
   * waits (up to MAX_DORMANT sockets, then the oldest goes) in case a process shows them again.
   */
  const dormant = new Map<number, SocketRecord>();

  const boundKey = (s: { transport: string; local?: { text: string } | undefined }) =>
    s.local === undefined ? undefined : `${s.transport}|${s.local.text}`;

  const remember = (s: SocketRecord) => {
    open.set(s.id, s);
    const key =
      (s.state === "listening" || s.state === "bound") && s.local?.port !== 0 ? boundKey(s) : undefined;
    if (key === undefined) return;
    let set = bound.get(key);
    if (set === undefined) {
      set = new Set();
      bound.set(key, set);
    }
    set.add(s);
  };

  const forget = (s: SocketRecord) => {
    open.delete(s.id);
    pairing.forget(s);
    const key = boundKey(s);
    const set = key === undefined ? undefined : bound.get(key);
    if (set?.delete(s) && set.size === 0 && key !== undefined) bound.delete(key);
  };

  const MAX_DORMANT = 1024;

  const miss = (sockets: SocketRecord[], at: number | undefined, by: number, out: ModelEvent[]) => {
    for (const s of sockets) {
      s.dormant = true;
      s.release = "close";
      s.releasedBy = by;
      if (at !== undefined) s.closed = at;
      open.delete(s.id);
      dormant.set(s.id, s);
    }
    while (dormant.size > MAX_DORMANT) {
      const oldest = dormant.values().next().value;
      if (oldest === undefined) break;
      wake(oldest, out);
    }
  };

  /** A dormant socket's connection event, as it was when its reference went. */
  const wake = (s: SocketRecord, out: ModelEvent[]) => {
    dormant.delete(s.id);
    s.dormant = false;
    finish([s], s.release ?? "close", s.closed, s.releasedBy, out);
  };

  const finish = (
    released: SocketRecord[],
    how: Release,
    at: number | undefined,
    by: number | undefined,
    out: ModelEvent[],
  ) => {
    for (const s of released) {
      s.release = how;
      if (by !== undefined) s.releasedBy = by;
      if (at !== undefined) s.closed = at;
      if (s.state === "connecting") s.state = "failed";
      // A client whose own address never showed (no -yy): the server end saw it.
      const peer = s.peer === undefined ? undefined : open.get(s.peer);
      if (s.local === undefined && peer?.remote) s.local = peer.remote;
      if (peer && peer.local === undefined && s.remote) peer.local = s.remote;
      forget(s);
      out.push(connectionEvent(s) satisfies ConnectionEvent);
      // fds in flight to a socket that closes are discarded with its queue: their references go.
      const orphans = state.inflight.queues.get(s.id) ?? [];
      state.inflight.queues.delete(s.id);
      const lost: SocketRecord[] = [];
      for (const o of orphans) if (o && --o.refs === 0) lost.push(o);
      if (lost.length > 0) finish(lost, "close", at, by, out);
    }
  };

  /** What the -yy decoration (strace's cached view before the call) adds to what we know. */
  const learn = (s: SocketRecord, d: Decoration) => {
    if (lastSeen.get(s) === d) return;
    lastSeen.set(s, d);
    let learned = false;
    if (d.inode !== undefined && s.inode === undefined) {
      s.inode = d.inode;
      learned = true;
    }
    if (d.peerInode !== undefined && s.peerInode === undefined) {
      s.peerInode = d.peerInode;
      learned = true;
    }
    // A client paired by accept order took its address from the server it was guessed to be;
    // strace's own view of its socket, when it differs, is the truth (the kernel's accept queue is
    // not connect order once a SYN was dropped and sent again), and pairing then finds the real peer.
    const guessed =
      s.local !== undefined && d.local !== undefined && !pairing.settled(s) && s.local.text !== d.local.text;
    if (d.local && (s.local === undefined || s.local.port === 0 || guessed)) {
      s.local = d.local;
      s.unbound = false;
      learned = true;
    }
    if (d.remote && s.remote === undefined && s.transport !== "udp") {
      s.remote = d.remote;
      learned = true;
    }
    if (learned || !pairing.settled(s)) pairing.index(s);
  };

  /**
   * A socket fd the trace shows for the first time in this process (attach, an inherited fd, a fork
   * the trace does not show, a log that starts mid-life): the socket it is, if the model knows it
   * already (by inode, by its established ends, or a listener or bound socket by its address at the
   * same fd number), else a new record made from what the decoration and the call say.
   */
  const firstSight = (e: StitchedCall, fd: number, d: Decoration, scope: CallScope): SocketRecord => {
    const pid = e.pid;
    let s = pairing.find(d);
    if (s === undefined && d.remote === undefined && d.local !== undefined) {
      const { transport } = fromDecoration(d);
      const candidates = [...(bound.get(`${transport}|${d.local.text}`) ?? [])].filter((c) => c.refs > 0);
      s = candidates.find((c) => c.fd === fd) ?? (candidates.length === 1 ? candidates[0] : undefined);
    }
    if (s !== undefined) {
      if (s.dormant) {
        // Another process holds it after all: it lives on.
        dormant.delete(s.id);
        s.dormant = false;
        delete s.release;
        delete s.releasedBy;
        delete s.closed;
      }
      tables.set(pid, fd, s, false);
      return s;
    }
    const listening = e.name === "accept" || e.name === "accept4" || e.name === "listen";
    const made = state.makeRecord({
      ...fromDecoration(d),
      pid,
      fd,
      role: listening ? "listener" : "peer",
      state: listening
        ? "listening"
        : d.remote
          ? "connected"
          : d.local?.port !== undefined && d.local.port !== 0
            ? "bound"
            : "created",
      nonblocking: false,
      known: false,
      at: e.time,
    });
    if (listening) made.accepted = 0;
    if (d.local) made.unbound = false;
    made.inherited = true;
    scope.install(fd, made, false);
    return made;
  };

  const handle = (e: StitchedCall, out: ModelEvent[]) => {
    const pid = e.pid;
    const spec = e.spec;
    const scope = new CallScope(state, e);

    // The fd the call works on, and what strace's decoration says about it.
    let fd: number | undefined;
    let d: Decoration | undefined;
    // The table's fd argument; for other calls, a first argument strace decorated as an fd.
    if (spec?.fd === 0 || (e.argsText.charCodeAt(0) ^ 48) < 10) {
      const lead = e.leadingFd();
      if (lead !== undefined && (spec?.fd === 0 || lead.decoration !== undefined)) {
        fd = lead.fd;
        d = lead.decoration;
      }
    }
    if (fd !== undefined) {
      e.fd = fd;
      if (d?.protocol === undefined && d?.path !== undefined) e.path = d.path;
    }
    const rd = e.retDecoration;
    if (rd !== undefined && e.ret !== null && isFdNumber(e.ret)) {
      e.newFd = e.ret;
      if (e.fd === undefined) {
        e.fd = e.ret;
        if (rd.protocol === undefined && rd.path !== undefined) e.path = rd.path;
      }
    }

    let s: SocketRecord | undefined;
    /**
     * The socket this call's own -yy decoration names, when another thread reused its fd number
     * while the call was in flight: close() frees the number as it starts, but strace shows the
     * call whole only at its resumed half, after another thread's socket() may have got the same
     * number. The model then put the named socket aside as closed unseen (dormant, at that fd).
     */
    let reusedUnder: SocketRecord | undefined;
    if (fd !== undefined) {
      s = tables.get(pid, fd);
      if (s !== undefined && d?.protocol !== undefined) {
        const named = pairing.find(d);
        if (named !== undefined && named !== s && named.dormant === true && named.fd === fd) {
          reusedUnder = named;
          s = named;
        }
      }
      // The fd is a file now: the model missed the close of the socket it held.
      if (s !== undefined && d !== undefined && d.protocol === undefined && d.path !== undefined) {
        scope.removeMissed(fd);
        s = undefined;
      }
      if (s === undefined && d?.protocol !== undefined && spec !== undefined && worksOnSocket(spec))
        s = firstSight(e, fd, d, scope);
      if (s !== undefined && d?.protocol !== undefined && reusedUnder === undefined) learn(s, d);
      if (s !== undefined) e.stateBefore = s.state;
    }
    // splice: when fd_in is no socket, the socket may be fd_out, and the bytes go out through it.
    let dataSpec = spec;
    if (s === undefined && spec?.outFd !== undefined) {
      const v = e.args[spec.outFd];
      const n = fdOf(v);
      const od = v?.kind === "fd" ? v.decoration : undefined;
      if (n !== undefined) {
        let o = tables.get(pid, n);
        if (o === undefined && od?.protocol !== undefined) o = firstSight(e, n, od, scope);
        if (o !== undefined) {
          if (od?.protocol !== undefined) learn(o, od);
          fd = n;
          e.fd = n;
          s = o;
          e.stateBefore = o.state;
          e.dataDir = spec.dir === "in" ? "out" : "in";
          dataSpec = outSpec(spec);
        }
      }
    }

    let made: SocketRecord | undefined;
    let second: SocketRecord | undefined;
    switch (e.name) {
      case "socket":
        made = calls.onSocket(e, scope);
        s = made;
        if (made !== undefined && rd?.protocol !== undefined) learn(made, rd);
        break;
      case "socketpair": {
        const pair = calls.onSocketpair(e, scope);
        s = pair[0];
        second = pair[1];
        break;
      }
      case "close":
        if (reusedUnder !== undefined) {
          // Its fd number belongs to the new socket now: this close ends the one set aside, here.
          const at = endOf(e);
          if (e.ret === 0 && at !== undefined) reusedUnder.closed = at;
          e.lastReference = e.ret === 0;
        } else if (e.ret === 0 && fd !== undefined) {
          scope.remove(fd);
          if (s !== undefined) e.lastReference = scope.released?.includes(s) === true;
        }
        break;
      case "close_range":
        if (e.ret === 0) closeRange(e, scope);
        break;
      case "execve":
      case "execveat":
        if (e.ret === 0) {
          const { released, kept } = tables.exec(pid);
          scope.release(released);
          if (kept.length > 0)
            e.inheritedFds = kept.map(([n, entry]) => ({
              fd: n,
              socket: viewOf(entry.socket),
              ...(entry.madeBy !== undefined ? { madeBy: entry.madeBy } : {}),
            }));
          const path = e.args[e.name === "execveat" ? 1 : 0];
          processes.execed(pid, path?.kind === "str" ? path.value : undefined);
        } else if (e.errno !== undefined) processes.execFailed(pid, e.errno);
        break;
      default:
        // A new file, pipe or eventfd at an fd the model thought a socket's: its close was missed.
        if (spec?.classes.includes("open") && e.ret !== null && isFdNumber(e.ret) && tables.get(pid, e.ret))
          scope.removeMissed(e.ret);
        if (e.ret !== null && returnsNewFd(e, spec)) {
          tables.reused(pid, e.ret);
          if (spec?.epoll === "create")
            tables.epollCreate(pid, e.ret, hasFlag(e.args[0], "EPOLL_CLOEXEC", EPOLL_CLOEXEC));
        }
        if (spec?.classes.includes("fork")) {
          if (e.ret !== null && e.ret > 0 && Number.isSafeInteger(e.ret)) {
            const flags = cloneFlagsValue(e.args);
            scope.release(tables.spawn(pid, e.ret, hasFlag(flags, "CLONE_FILES", CLONE_FILES)));
            processes.forked(pid, e.ret, hasFlag(flags, "CLONE_THREAD", CLONE_THREAD));
          }
        } else if (s !== undefined && dataSpec !== undefined)
          made = dispatch(s, e, dataSpec, fd ?? -1, scope);
        else if (spec !== undefined && WAIT_CALLS.has(spec.name) && spec.fd === undefined) {
          const fds = waitedValues(e.name, e.args);
          // -yy decorates each fd a poll or select waits on: what they say of a socket counts as
          // much as a socket call's own (a client that only polls before accept shows its address here).
          for (const v of fds) {
            const w =
              v.kind === "fd" && v.decoration.protocol !== undefined
                ? tables.get(pid, fdOf(v) ?? -1)
                : undefined;
            if (w !== undefined && v.kind === "fd") learn(w, v.decoration);
          }
          if (
            fds.some(
              (v) =>
                (v.kind === "fd" && v.decoration.protocol !== undefined) || tables.get(pid, fdOf(v) ?? -1),
            )
          )
            e.waitsOnSocket = true;
          // The socket the result says is ready, else the first socket among the fds.
          const ready = readyFds(e.detail).map((fd) => tables.get(pid, fd));
          const first = [...ready, ...fds.map((v) => tables.get(pid, fdOf(v) ?? -1))].find(
            (x) => x !== undefined,
          );
          if (first !== undefined) e.waited = viewOf(first);
        } else if (spec?.epoll === "wait" && fd !== undefined) epollWait(e, fd);
        else if (spec?.epoll === "ctl") {
          const targetFd = fdOf(e.args[2]);
          const target = tables.get(pid, targetFd ?? -1);
          if (target !== undefined) e.waited = viewOf(target);
          const op = EPOLL_OPS[symbolOf(e.args[1], EPOLL_CTL_OPS) ?? ""];
          if (e.ret === 0 && fd !== undefined && targetFd !== undefined && op !== undefined) {
            const { key } = epollData(e.args[3]);
            tables.epollCtl(pid, fd, op, targetFd, key);
          }
        }
    }

    // The state after the call: socket() shows the new socket; accept() the listener, with the
    // new connection as newSocket; socketpair() both ends.
    // Closing is not using: lastUsed is the last call before (it feeds the `leak` rule).
    const at = e.name === "close" || e.name === "close_range" ? undefined : endOf(e);
    for (const x of [s, made, second]) {
      if (x === undefined) continue;
      if (at !== undefined) x.lastUsed = at;
      remember(x);
    }
    if (s !== undefined) e.socket = viewOf(s);
    if (made !== undefined && made !== s) e.newSocket = viewOf(made);
    else if (second !== undefined) e.newSocket = viewOf(second);
    if (made !== undefined && e.newFd === undefined && made !== s) e.newFd = made.fd;
    if (e.name === "socket" && made !== undefined && e.fd === undefined) e.fd = made.fd;
    if (scope.steps !== undefined) e.steps = scope.steps;
    e.process = processes.view(pid);
    out.push(e);
    if (scope.released !== undefined)
      finish(
        scope.released,
        e.name === "execve" || e.name === "execveat" ? "exec" : "close",
        e.time,
        pid,
        out,
      );
    if (scope.missed !== undefined) miss(scope.missed, e.time, pid, out);
  };

  /**
   * An epoll wait on the instance at `epfd`: it waits on sockets when the instance watches at least
   * one, and stands for the socket its result reports ready. A result's data is matched against
   * what epoll_ctl registered for each fd (whatever the program stores there), else taken as an fd
   * number when it looks like one; a pointer the trace never saw registered matches nothing.
   */
  const epollWait = (e: StitchedCall, epfd: number) => {
    const pid = e.pid;
    const interest = tables.epoll(pid, epfd);
    for (const item of epollEvents(e)) {
      const { key, fd } = epollData(item);
      const registered = key === undefined ? undefined : interest?.byData.get(key);
      let ready = registered === undefined ? undefined : tables.get(pid, registered);
      if (ready === undefined && fd !== undefined) ready = tables.get(pid, fd);
      if (ready !== undefined) {
        e.waited = viewOf(ready);
        e.waitsOnSocket = true;
        return;
      }
    }
    if (interest !== undefined)
      for (const target of interest.watched.keys())
        if (tables.get(pid, target) !== undefined) {
          e.waitsOnSocket = true;
          return;
        }
  };

  const closeRange = (e: StitchedCall, scope: CallScope) => {
    const first = rangeBound(e.args[0]);
    const last = rangeBound(e.args[1]);
    if (first === undefined || last === undefined) return;
    const flags = e.args[2];
    if (hasFlag(flags, "CLOSE_RANGE_CLOEXEC", CLOSE_RANGE_CLOEXEC)) {
      tables.cloexecRange(e.pid, first, last);
      return;
    }
    if (hasFlag(flags, "CLOSE_RANGE_UNSHARE", 2)) tables.unshare(e.pid);
    scope.release(tables.removeRange(e.pid, first, last));
  };

  /** What a call does to the socket behind its fd argument; returns a socket it made (accept). */
  const dispatch = (
    s: SocketRecord,
    e: StitchedCall,
    spec: SyscallSpec,
    fd: number,
    scope: CallScope,
  ): SocketRecord | undefined => {
    switch (e.name) {
      case "bind":
        calls.onBind(s, e, scope);
        return undefined;
      case "listen":
        calls.onListen(s, e, scope);
        return undefined;
      case "connect":
        calls.onConnect(s, e, scope);
        return undefined;
      case "accept":
      case "accept4":
        return calls.onAccept(s, e, scope);
      case "shutdown": {
        calls.onShutdown(s, e, scope);
        return undefined;
      }
      case "setsockopt":
        calls.onSetsockopt(s, e);
        return undefined;
      case "getsockopt":
        calls.onGetsockopt(s, e, scope);
        return undefined;
      case "getsockname":
      case "getpeername":
        calls.onNameQuery(s, e, scope);
        return undefined;
      case "fcntl":
        calls.onFcntl(s, e, fd, scope);
        return undefined;
      case "ioctl":
        calls.onIoctl(s, e, fd, scope);
        return undefined;
      case "dup":
      case "dup2":
      case "dup3":
        calls.onDup(s, e, scope);
        return undefined;
      default:
        if (spec.classes.includes("data")) {
          if (spec.flags !== undefined && !s.nonblocking && dontwait(e, spec)) e.dontwait = true;
          onData(s, e, spec, scope);
        } else if (e.errno !== undefined) s.errors[e.errno] = (s.errors[e.errno] ?? 0) + 1;
        return undefined;
    }
  };

  return {
    push(event, out) {
      switch (event.type) {
        case "syscall":
          handle(event, out);
          return;
        case "exit": {
          const process = processes.view(event.pid);
          out.push({ ...event, process });
          if (event.supersededBy === undefined) {
            const how = {
              ...(event.code !== undefined ? { code: event.code } : {}),
              ...(event.signal !== undefined ? { signal: event.signal } : {}),
            };
            processes.exited(event.pid, how);
            finish(tables.exit(event.pid), "exit", event.time, event.pid, out);
          }
          return;
        }
        case "signal":
          out.push({ ...event, process: processes.view(event.pid) });
          return;
        case "note":
          if (event.note === "stitch" && event.subject !== undefined) {
            tables.alias(0, event.subject);
            processes.alias(0, event.subject);
            for (const { socket } of tables.open()) if (socket.pid === 0) socket.pid = event.subject;
          }
          out.push(event);
          return;
        case "unparsed":
          out.push(event);
          return;
        default:
          assertNever(event, "stitched event");
      }
    },
    flush(out) {
      for (const s of [...dormant.values()]) wake(s, out);
      const seen = new Set<SocketRecord>();
      const inFlight = [...state.inflight.queues.values()].flat();
      for (const socket of [...tables.open().map((o) => o.socket), ...inFlight]) {
        if (socket === undefined || seen.has(socket)) continue;
        seen.add(socket);
        socket.refs = 0;
        finish([socket], "end-of-trace", undefined, undefined, out);
      }
    },
    view: {
      processes,
      socket: (id) => open.get(id),
      sockets: () => open.values(),
      fds: (pid) => tables.entries(pid).map(([fd, e]) => ({ fd, socket: e.socket, cloexec: e.cloexec })),
    },
  };
}

export type { ModelView, SocketRecord };
