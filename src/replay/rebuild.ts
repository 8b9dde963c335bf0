// JSON lines back into the internal events, so that a trace recorded with `--json` feeds every sink
// as the strace log's events would. The wire form (events/schema.ts) is a projection: it keeps what
// strace showed and the model's view of each call's sockets, and drops what the model knew besides
// (the process, bytes per call, the state before the call, whether a close was the last reference,
// which socket a wait was on). Those are rebuilt here from the events themselves, in order, the way
// the model found them; what cannot be rebuilt is left out (see README, "Reading JSON lines").
// Connections, diagnostics and the summary are the recording's and pass through as recorded.
import { CLONE_THREAD, MSG_DONTWAIT, MSG_PEEK } from "../core/constants.js";
import type {
  ConnectionEvent,
  DiagnosticEvent,
  ExitEvent,
  Mutable,
  NoteEvent,
  ProcessView,
  SignalEvent,
  SocketView,
  SummaryEvent,
  SyscallEvent,
  TraceEvent,
  Transfer,
  UnparsedEvent,
} from "../core/events.js";
import type { MachineFacts } from "../core/kernel.js";
import {
  addressOf,
  after,
  cloneFlagsValue,
  fcntlCommand,
  fdOf,
  hasFlag,
  mmsgBytes,
  msgNameAddress,
  optionName,
  readyFds,
  symbolOf,
  waitedValues,
} from "../core/readers.js";
import { specOf, WAIT_CALLS } from "../core/syscalls.js";
import type { Value } from "../core/values.js";
import { DATAGRAM_TRANSPORTS } from "../core/vocabulary.js";
import type { Event, WireSyscallEvent } from "../events/schema.js";
import { timevalOf, timevalText } from "../grammar/timeval.js";

/** The process bookkeeping the model keeps (model/processes.ts), given by the composition root. */
export interface ProcessTracker {
  forked(parent: number, child: number, thread: boolean): void;
  execed(pid: number, path: string | undefined): void;
  exited(pid: number, how: { code?: number; signal?: string } | undefined): void;
  view(pid: number): ProcessView;
  tgid(pid: number): number;
  /** Events of pid `from` (0: none printed) turned out to be pid `to`'s. */
  alias(from: number, to: number): void;
}

export interface Rebuilder {
  /** One wire event in; the internal events that are complete now out (a close waits for the next event). */
  push(e: Event, out: TraceEvent[]): void;
  flush(out: TraceEvent[]): void;
  /** The recorded machine note's facts, once seen. */
  readonly machine: MachineFacts | undefined;
}

type SocketRef = NonNullable<WireSyscallEvent["socket"]>;

const strip = <T extends { v: number }>(e: T): Omit<T, "v"> => {
  const { v: _v, ...rest } = e;
  return rest;
};

/** An epoll_event's data as printed (`{events=EPOLLIN, data={u32=7, u64=7}}`, or older strace's unnamed second field). */
function eventData(v: Value | undefined): string | undefined {
  const event = after(v);
  if (event?.kind !== "struct") return undefined;
  const data = event.fields.data ?? event.fields["#1"];
  return data === undefined ? undefined : JSON.stringify(data);
}

/** A call whose result shows the fd's blocking mode to the model. */
function showsBlocking(w: WireSyscallEvent): boolean {
  if (w.ret === null || w.ret < 0) return false;
  if (w.name === "fcntl" || w.name === "fcntl64") {
    const cmd = fcntlCommand(w.args[1]);
    return cmd === "F_SETFL" || cmd === "F_GETFL";
  }
  if (w.name !== "ioctl" || w.ret !== 0 || symbolOf(w.args[1]) !== "FIONBIO") return false;
  const arg = w.args[2]?.kind === "changed" ? w.args[2].to : w.args[2];
  const value = arg?.kind === "array" ? arg.items[0] : arg;
  return value?.kind === "num";
}

export function createRebuilder(processes: ProcessTracker): Rebuilder {
  let machine: MachineFacts | undefined;
  /** The latest view of each socket (shared, so that equal views are one object, as the model's are). */
  const views = new Map<number, { key: string; view: SocketView }>();
  /** Bytes each way per socket, for Transfer's totals. */
  const totals = new Map<number, { in: number; out: number }>();
  /** Each thread group's fds that are sockets, as the events show them. */
  const fds = new Map<number, Map<number, SocketView>>();
  /** Each epoll instance (tgid:fd) and the sockets it watches. */
  const epolls = new Map<string, Set<number>>();
  /** What each epoll instance's registrations carry (their `data`, as printed) and whose socket it is. */
  const epollData = new Map<string, Map<string, number>>();
  /** A close waiting for the next event: a connection of its socket right after means it was the last reference. */
  let held: { e: Mutable<SyscallEvent>; after: TraceEvent[] } | undefined;

  /** Sockets first seen already open, whose blocking mode the trace has not shown yet (the wire form does not say). */
  const blockingUnknown = new Set<number>();

  /** SO_RCVTIMEO/SO_SNDTIMEO as the model follows them: none for a socket made in the trace, a setsockopt's value, a listener's for the sockets it accepts. */
  const timeouts = new Map<number, { rcvtimeo?: string | null; sndtimeo?: string | null }>();

  const viewOf = (r: SocketRef): SocketView => {
    const unknown = blockingUnknown.has(r.id);
    const t = timeouts.get(r.id);
    const key = `${JSON.stringify(r)}${unknown ? "?" : ""}${t === undefined ? "" : JSON.stringify(t)}`;
    const known = views.get(r.id);
    if (known !== undefined && known.key === key) return known.view;
    const view = Object.freeze({
      ...r,
      ...(unknown ? { blockingUnknown: true as const } : {}),
      ...(t ?? {}),
    }) as SocketView;
    views.set(r.id, { key, view });
    if (view.local !== undefined && view.state !== "listening") byLocal.set(view.local.text, view.id);
    if (view.inode !== undefined) byInode.set(view.inode, view.id);
    return view;
  };
  const table = (pid: number) => {
    const tgid = processes.tgid(pid);
    let t = fds.get(tgid);
    if (t === undefined) {
      t = new Map();
      fds.set(tgid, t);
    }
    return t;
  };

  /** Sockets by their local address, and those connected whose local address is not known yet. */
  const byLocal = new Map<string, number>();
  const byInode = new Map<number, number>();
  const pairs = new Map<number, number>();
  let unnamedSender: number | undefined;

  /**
   * The traced socket at the other end, as the model pairs them: a unix socket by its peer's inode,
   * a connected inet socket by the addresses seen from both ends (the connecting end's local address
   * may show only after the accepting end's first read: then the one socket connected to this one's
   * address with no local address yet), a datagram by the socket bound where it went or came from.
   */
  const peerOf = (s: SocketView, w: WireSyscallEvent): number | undefined => {
    const known = pairs.get(s.id);
    if (known !== undefined) return known;
    let peer: number | undefined;
    if (s.peerInode !== undefined) peer = byInode.get(s.peerInode);
    else if (DATAGRAM_TRANSPORTS.has(s.transport)) {
      const name = w.name;
      const named =
        name === "sendto" || name === "recvfrom"
          ? addressOf(w.args[4])
          : name === "sendmsg" || name === "recvmsg"
            ? msgNameAddress(w.args[1])
            : undefined;
      const there = named ?? s.remote;
      let id: number | undefined;
      if (there !== undefined) {
        id = byLocal.get(there.text);
        if (id === undefined && there.port !== undefined)
          id = byLocal.get(`0.0.0.0:${there.port}`) ?? byLocal.get(`[::]:${there.port}`);
        // Sent from a socket the kernel bound on its first send, before the trace shows its address.
        if (
          id === undefined &&
          unnamedSender !== undefined &&
          views.get(unnamedSender)?.view.local === undefined
        )
          id = unnamedSender;
      }
      if (w.name.startsWith("send") && s.local === undefined) unnamedSender = s.id;
      return id === s.id ? undefined : id;
    } else if (s.remote !== undefined && s.local !== undefined) {
      const id = byLocal.get(s.remote.text);
      const o = id === undefined ? undefined : views.get(id)?.view;
      if (o !== undefined && o.remote?.text === s.local.text) peer = id;
      else {
        const waiting: number[] = [];
        for (const { view } of views.values())
          if (
            view.local === undefined &&
            view.remote?.text === s.local.text &&
            view.transport === s.transport
          )
            waiting.push(view.id);
        if (waiting.length === 1) peer = waiting[0];
      }
    }
    if (peer === undefined || peer === s.id) return undefined;
    pairs.set(s.id, peer);
    pairs.set(peer, s.id);
    return peer;
  };

  const syscall = (w: WireSyscallEvent): Mutable<SyscallEvent> => {
    const { v: _v, socket: wireSocket, newSocket: wireNew, ...rest } = w;
    const spec = specOf(w.name);
    const e: Mutable<SyscallEvent> = { ...rest, ...(spec !== undefined ? { spec } : {}) };
    const before = wireSocket === undefined ? undefined : views.get(wireSocket.id)?.view.state;
    // Made in the trace (socket, socketpair, accept) its mode is known; first seen on another call, it
    // is not until an F_GETFL, F_SETFL or FIONBIO shows it (model/record.ts, model/calls.ts).
    if (
      wireSocket !== undefined &&
      !views.has(wireSocket.id) &&
      w.name !== "socket" &&
      w.name !== "socketpair"
    )
      blockingUnknown.add(wireSocket.id);
    if (wireSocket !== undefined && blockingUnknown.has(wireSocket.id) && showsBlocking(w))
      blockingUnknown.delete(wireSocket.id);
    if (w.name === "socket" && wireSocket !== undefined)
      timeouts.set(wireSocket.id, { rcvtimeo: null, sndtimeo: null });
    if (w.name === "socketpair" && wireSocket !== undefined && wireNew !== undefined) {
      timeouts.set(wireSocket.id, { rcvtimeo: null, sndtimeo: null });
      timeouts.set(wireNew.id, { rcvtimeo: null, sndtimeo: null });
    } else if (wireNew !== undefined && wireSocket !== undefined && w.name.startsWith("accept")) {
      // sk_clone_lock copies the listener's timeouts to the new socket (sock_copy).
      const from = timeouts.get(wireSocket.id);
      if (from === undefined) timeouts.delete(wireNew.id);
      else timeouts.set(wireNew.id, { ...from });
    }
    if (w.name === "setsockopt" && w.ret === 0 && wireSocket !== undefined) {
      const option = optionName(w.args[1], w.args[2]);
      if (option === "SO_RCVTIMEO" || option === "SO_SNDTIMEO") {
        const tv = timevalOf(w.args[3]);
        const value = tv === undefined ? undefined : tv.sec !== 0 || tv.usec !== 0 ? timevalText(tv) : null;
        const k = option === "SO_RCVTIMEO" ? "rcvtimeo" : "sndtimeo";
        const t = { ...timeouts.get(wireSocket.id) };
        if (value === undefined) delete t[k];
        else t[k] = value;
        timeouts.set(wireSocket.id, t);
      }
    }
    if (wireSocket !== undefined) e.socket = viewOf(wireSocket);
    if (wireNew !== undefined) e.newSocket = viewOf(wireNew);
    const s = e.socket;
    if (before !== undefined) e.stateBefore = before;
    const pid = w.pid;
    // The processes, as the model follows them: births, execs (the name views show).
    if (spec?.classes.includes("fork") && w.ret !== null && w.ret > 0 && Number.isSafeInteger(w.ret))
      processes.forked(pid, w.ret, hasFlag(cloneFlagsValue(w.args), "CLONE_THREAD", CLONE_THREAD));
    if ((w.name === "execve" || w.name === "execveat") && w.ret === 0) {
      const path = w.args[w.name === "execveat" ? 1 : 0];
      processes.execed(pid, path?.kind === "str" ? path.value : undefined);
    }
    e.process = processes.view(pid);
    // The fds that are sockets, for the waits.
    const t = table(pid);
    if (s !== undefined && w.fd !== undefined) t.set(w.fd, s);
    if (e.newSocket !== undefined && w.newFd !== undefined) t.set(w.newFd, e.newSocket);
    // splice: the socket is its fd_in (bytes in) or, when that is not one, its fd_out (bytes out).
    let dir = spec?.dir;
    if (
      s !== undefined &&
      spec?.outFd !== undefined &&
      w.fd !== undefined &&
      fdOf(w.args[spec.outFd]) === w.fd
    ) {
      if (fdOf(w.args[spec.fd ?? 0]) !== w.fd) {
        dir = spec.dir === "in" ? "out" : "in";
        e.dataDir = dir;
      }
    }
    // Bytes moved, as the model counts them (model/data.ts).
    if (s !== undefined && spec?.bytes !== undefined && w.ret !== null && w.ret > 0) {
      const receiving = dir === "in";
      const flags = spec.flags === undefined ? undefined : w.args[spec.flags];
      let moved = 0;
      if (spec.bytes === "mmsg") moved = mmsgBytes(w.args[1], w.ret);
      else if (spec.bytes === "ret" && !(receiving && hasFlag(flags, "MSG_PEEK", MSG_PEEK))) moved = w.ret;
      if (moved > 0) {
        const sum = totals.get(s.id) ?? { in: 0, out: 0 };
        if (receiving) sum.in += moved;
        else sum.out += moved;
        totals.set(s.id, sum);
        const peer = peerOf(s, w);
        const transfer: Transfer = {
          in: receiving ? moved : 0,
          out: receiving ? 0 : moved,
          totalIn: sum.in,
          totalOut: sum.out,
          ...(peer !== undefined ? { peer } : {}),
        };
        e.transfer = transfer;
      }
    }
    if (s !== undefined && spec?.flags !== undefined && spec.bytes !== undefined && !s.nonblocking) {
      if (hasFlag(w.args[spec.flags], "MSG_DONTWAIT", MSG_DONTWAIT)) e.dontwait = true;
    }
    // Readiness waits: on a socket when one of their fds is one (epoll: when its instance watches one).
    if (spec?.epoll === "create" && w.ret !== null && w.ret >= 0)
      epolls.set(`${processes.tgid(pid)}:${w.ret}`, new Set());
    if (w.name === "epoll_ctl" && w.ret === 0) {
      const epfd = fdOf(w.args[0]);
      const target = fdOf(w.args[2]);
      const op = symbolOf(w.args[1]);
      const watched = epfd === undefined ? undefined : epolls.get(`${processes.tgid(pid)}:${epfd}`);
      const socket = target === undefined ? undefined : t.get(target);
      if (socket !== undefined) {
        e.waited = socket;
        if (watched !== undefined) {
          if (op === "EPOLL_CTL_DEL") watched.delete(socket.id);
          else watched.add(socket.id);
        }
        const key = eventData(w.args[3]);
        if (key !== undefined && op !== "EPOLL_CTL_DEL") {
          const at = `${processes.tgid(pid)}:${epfd}`;
          const data = epollData.get(at) ?? new Map<string, number>();
          data.set(key, socket.id);
          epollData.set(at, data);
        }
      }
    } else if (WAIT_CALLS.has(w.name)) {
      if (spec?.fd !== undefined) {
        const at = `${processes.tgid(pid)}:${fdOf(w.args[spec.fd])}`;
        const watched = epolls.get(at);
        if (watched !== undefined && watched.size > 0) e.waitsOnSocket = true;
        // The first ready event whose data a registration of a socket carried.
        const ready = w.ret !== null && w.ret > 0 ? after(w.args[1]) : undefined;
        const data = epollData.get(at);
        if (ready?.kind === "array" && data !== undefined)
          for (const item of ready.items.slice(0, w.ret ?? 0)) {
            const key = eventData(item);
            const id = key === undefined ? undefined : data.get(key);
            const view = id === undefined ? undefined : views.get(id)?.view;
            if (view !== undefined) {
              e.waited = view;
              break;
            }
          }
      } else {
        const sockets = waitedValues(w.name, w.args)
          .map(fdOf)
          .filter((fd): fd is number => fd !== undefined && t.has(fd));
        if (sockets.length > 0 || w.explain !== undefined) e.waitsOnSocket = true;
        const ready = readyFds(w.detail).find((fd) => t.has(fd));
        const at = ready ?? sockets[0];
        const view = at === undefined ? undefined : t.get(at);
        if (view !== undefined) e.waited = view;
      }
    }
    if (w.name === "close" && w.ret === 0 && w.fd !== undefined) t.delete(w.fd);
    return e;
  };

  const release = (out: TraceEvent[], next: TraceEvent | undefined) => {
    if (held === undefined) return;
    const { e, after } = held;
    held = undefined;
    e.lastReference = next?.type === "connection" && next.id === e.socket?.id;
    out.push(e, ...after);
  };

  return {
    get machine() {
      return machine;
    },
    push(w, out) {
      let e: TraceEvent;
      switch (w.type) {
        case "syscall":
          e = syscall(w);
          break;
        case "signal":
          e = { ...(strip(w) as SignalEvent), process: processes.view(w.pid) };
          break;
        case "exit": {
          e = { ...(strip(w) as ExitEvent), process: processes.view(w.pid) };
          if (w.supersededBy === undefined) {
            processes.exited(w.pid, {
              ...(w.code !== undefined ? { code: w.code } : {}),
              ...(w.signal !== undefined ? { signal: w.signal } : {}),
            });
            const gone = fds.get(w.pid);
            if (gone !== undefined && processes.tgid(w.pid) === w.pid) fds.delete(w.pid);
          }
          break;
        }
        case "note":
          e = strip(w) as NoteEvent;
          if (w.note === "machine" && w.machine !== undefined) machine ??= w.machine;
          // The lines without a pid were this process's (strace's stderr, one process traced).
          if (w.note === "stitch" && w.subject !== undefined) {
            processes.alias(0, w.subject);
            const unnamed = fds.get(0);
            if (unnamed !== undefined && !fds.has(w.subject)) fds.set(w.subject, unnamed);
          }
          break;
        case "unparsed":
          e = strip(w) as UnparsedEvent;
          break;
        case "connection": {
          const { release: how = "closed", ...rest } = strip(w);
          e = { ...rest, release: how } as ConnectionEvent;
          break;
        }
        case "diagnostic":
          e = strip(w) as DiagnosticEvent;
          break;
        case "summary":
          e = strip(w) as SummaryEvent;
          break;
        case "lesson":
          // A lesson's story (sockscope lesson --json) is about the trace, not part of it.
          return;
      }
      // A close's diagnostics come between it and its connection.
      if (held !== undefined && e.type === "diagnostic") {
        held.after.push(e);
        return;
      }
      release(out, e);
      if (e.type === "syscall" && e.name === "close" && e.ret === 0 && e.socket !== undefined) {
        held = { e, after: [] };
        return;
      }
      out.push(e);
    },
    flush(out) {
      release(out, undefined);
    },
  };
}
