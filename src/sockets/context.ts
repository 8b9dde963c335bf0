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

/**
 * The context of one syscall event; `steps` and `released` collect what the call caused. A class,
 * not an object of closures: one is made for every call on a socket, and its methods are shared.
 */
class Call implements CallContext {
  readonly #model: ModelState;
  readonly #e: SyscallEvent;
  readonly #steps: KernelStep[];
  readonly #released: SocketRecord[];

  constructor(model: ModelState, e: SyscallEvent, steps: KernelStep[], released: SocketRecord[]) {
    this.#model = model;
    this.#e = e;
    this.#steps = steps;
    this.#released = released;
  }

  lookup(fd: number | undefined): SocketRecord | undefined {
    return fd === undefined ? undefined : this.#model.tables.get(this.#e.pid, fd);
  }
  find(d: SocketRef | undefined): SocketRecord | undefined {
    return this.#model.pairing.find(d);
  }
  create(spec: Omit<NewSocket, "pid" | "at">): SocketRecord {
    return this.#model.makeRecord({ ...spec, pid: this.#e.pid, at: this.#e.time });
  }
  install(fd: number, socket: SocketRecord, cloexec: boolean): void {
    this.#released.push(...this.#model.tables.set(this.#e.pid, fd, socket, cloexec));
  }
  remove(fd: number): void {
    this.#released.push(...this.#model.tables.remove(this.#e.pid, fd));
  }
  setCloexec(fd: number, cloexec: boolean): void {
    this.#model.tables.setCloexec(this.#e.pid, fd, cloexec);
  }
  isCloexec(fd: number): boolean {
    return this.#model.tables.isCloexec(this.#e.pid, fd);
  }
  transition(socket: SocketRecord, action: SocketAction): void {
    const t = nextState(socket.state, action);
    socket.state = t.state;
    if (t.illegal)
      this.#steps.push({ kind: "unexpected", text: `the socket model did not expect ${t.illegal}` });
  }
  setLocal(socket: SocketRecord, address: Address): void {
    if (!sameAddress(socket.local, address)) socket.local = address;
    this.#model.pairing.index(socket);
  }
  setRemote(socket: SocketRecord, address: Address): void {
    if (!sameAddress(socket.remote, address)) socket.remote = address;
    this.#model.pairing.index(socket);
  }
  pair(a: SocketRecord, b: SocketRecord): void {
    this.#model.pairing.pair(a, b);
  }
  connected(client: SocketRecord): void {
    this.#model.pairing.connected(client);
  }
  accepted(server: SocketRecord): void {
    this.#model.pairing.accepted(server);
  }
  step(kind: KernelStep["kind"], text: string): void {
    this.#steps.push({ kind, text });
  }
  // A socket in flight in an SCM_RIGHTS message is referenced by the message itself: the sender
  // may close its fd before the receiver's recvmsg installs a new one.
  sendFds(from: SocketRecord, sockets: Array<SocketRecord | undefined>): void {
    const { inflight } = this.#model;
    const key = from.peer ?? -from.id;
    const queue = inflight.queues.get(key) ?? [];
    for (const sent of sockets) {
      if (sent && inflight.arrivedEarly.delete(sent)) continue;
      if (sent) sent.refs++;
      queue.push(sent);
    }
    if (queue.length > 0) inflight.queues.set(key, queue);
  }
  receiveFds(at: SocketRecord): Array<SocketRecord | undefined> {
    const { inflight } = this.#model;
    const queue = inflight.queues.get(at.id) ?? [];
    inflight.queues.delete(at.id);
    return queue;
  }
  arrivedEarly(s: SocketRecord): void {
    this.#model.inflight.arrivedEarly.add(s);
  }
  dropInflight(sockets: Array<SocketRecord | undefined>): void {
    for (const sent of sockets) {
      if (!sent) continue;
      sent.refs--;
      if (sent.refs === 0) this.#released.push(sent);
    }
  }
}

/** Builds the context for one syscall event; `steps` and `released` collect what the call caused. */
export function createCallContext(
  model: ModelState,
  e: SyscallEvent,
  steps: KernelStep[],
  released: SocketRecord[],
): CallContext {
  return new Call(model, e, steps, released);
}
