// The per-call view of the model that the syscall handlers (calls.ts) work through: the calling
// process's fd table, state transitions, address updates that feed pairing, kernel steps, and
// SCM_RIGHTS messages in flight.
import type { SocketRef, SyscallEvent } from "../events/schema.js";
import type { Address } from "../parse/schema.js";
import type { FdTables } from "./fd-table.js";
import type { SocketAction } from "./lifecycle.js";
import { nextState } from "./lifecycle.js";
import type { Pairing } from "./pairing.js";
import type { NewSocket, SocketRecord } from "./record.js";
import type { KernelStep } from "./schema.js";

/** What a syscall handler may do to the model. */
export interface CallContext {
  /** The socket behind `fd` in the calling process's table (created on first sight from -yy). */
  lookup(fd: number | undefined): SocketRecord | undefined;
  /** A socket the model already knows that a -yy decoration describes. */
  find(d: SocketRef | undefined): SocketRecord | undefined;
  create(spec: Omit<NewSocket, "pid" | "at">): SocketRecord;
  install(fd: number, socket: SocketRecord, cloexec: boolean): void;
  remove(fd: number): void;
  setCloexec(fd: number, cloexec: boolean): void;
  isCloexec(fd: number): boolean;
  transition(socket: SocketRecord, action: SocketAction): void;
  setLocal(socket: SocketRecord, address: Address): void;
  setRemote(socket: SocketRecord, address: Address): void;
  pair(a: SocketRecord, b: SocketRecord): void;
  /** A stream client's connect went through or is under way: find its server end. */
  connected(client: SocketRecord): void;
  /** accept() made `server`: find its client end. */
  accepted(server: SocketRecord): void;
  step(kind: KernelStep["kind"], text: string): void;
  /** SCM_RIGHTS: fds in flight from `from` to the receiving end. */
  sendFds(from: SocketRecord, sockets: Array<SocketRecord | undefined>): void;
  receiveFds(at: SocketRecord): Array<SocketRecord | undefined>;
  /** A recvmsg installed `s` before strace showed the sendmsg that carried it. */
  arrivedEarly(s: SocketRecord): void;
  /** The message's own references go once the receiver holds the fds. */
  dropInflight(sockets: Array<SocketRecord | undefined>): void;
}

/** SCM_RIGHTS messages in flight, keyed by the id of the socket that will receive them. */
export interface InFlight {
  queues: Map<number, Array<SocketRecord | undefined>>;
  /** Sockets a recvmsg installed before strace showed the matching sendmsg (stitch order). */
  arrivedEarly: Set<SocketRecord>;
}

export interface ModelState {
  tables: FdTables<SocketRecord>;
  pairing: Pairing;
  inflight: InFlight;
  makeRecord(spec: NewSocket): SocketRecord;
}

function sameAddress(a: Address | undefined, b: Address | undefined): boolean {
  return a !== undefined && b !== undefined && a.text === b.text;
}

/** Builds the context for one syscall event; `steps` and `released` collect what the call caused. */
export function createCallContext(
  model: ModelState,
  e: SyscallEvent,
  steps: KernelStep[],
  released: SocketRecord[],
): CallContext {
  const { tables, pairing, inflight } = model;
  const pid = e.pid;
  const drop = (s: SocketRecord) => {
    s.refs--;
    if (s.refs === 0) released.push(s);
  };
  return {
    lookup: (fd) => (fd === undefined ? undefined : tables.get(pid, fd)),
    find: (d) => pairing.find(d),
    create: (spec) => model.makeRecord({ ...spec, pid, at: e.time }),
    install: (fd, s, cloexec) => released.push(...tables.set(pid, fd, s, cloexec)),
    remove: (fd) => released.push(...tables.remove(pid, fd)),
    setCloexec: (fd, cloexec) => tables.setCloexec(pid, fd, cloexec),
    isCloexec: (fd) => tables.isCloexec(pid, fd),
    transition: (s, action) => {
      const t = nextState(s.state, action);
      s.state = t.state;
      if (t.illegal) steps.push({ kind: "unexpected", text: `the socket model did not expect ${t.illegal}` });
    },
    setLocal: (s, a) => {
      if (!sameAddress(s.local, a)) s.local = a;
      pairing.index(s);
    },
    setRemote: (s, a) => {
      if (!sameAddress(s.remote, a)) s.remote = a;
      pairing.index(s);
    },
    pair: (a, b) => pairing.pair(a, b),
    connected: (s) => pairing.connected(s),
    accepted: (s) => pairing.accepted(s),
    step: (kind, text) => steps.push({ kind, text }),
    // A socket in flight in an SCM_RIGHTS message is referenced by the message itself: the sender
    // may close its fd before the receiver's recvmsg installs a new one.
    sendFds: (from, sockets) => {
      const key = from.peer ?? -from.id;
      const queue = inflight.queues.get(key) ?? [];
      for (const sent of sockets) {
        if (sent && inflight.arrivedEarly.delete(sent)) continue;
        if (sent) sent.refs++;
        queue.push(sent);
      }
      if (queue.length > 0) inflight.queues.set(key, queue);
    },
    receiveFds: (at) => {
      const queue = inflight.queues.get(at.id) ?? [];
      inflight.queues.delete(at.id);
      return queue;
    },
    arrivedEarly: (s) => inflight.arrivedEarly.add(s),
    dropInflight: (sockets) => {
      for (const sent of sockets) if (sent) drop(sent);
    },
  };
}
