// The per-call view of the model that the syscall handlers (calls.ts, data.ts) work through: the
// calling process's fd table, state transitions, address updates that feed pairing, kernel steps,
// and SCM_RIGHTS messages in flight.
import type { SyscallEvent } from "../core/events.js";
import type { Address, Decoration } from "../core/values.js";
import type { KernelStep } from "../core/vocabulary.js";
import type { FdTables } from "./fd-table.js";
import { nextState, type SocketAction } from "./lifecycle.js";
import type { Pairing } from "./pairing.js";
import type { NewSocket, SocketRecord } from "./record.js";

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

/** The context of one call; `steps` and `released` collect what the call caused. */
export class CallScope {
  /** What the kernel did on its own during the call (made on first use: most calls have none). */
  steps: KernelStep[] | undefined;
  /** Sockets whose last reference the call dropped. */
  released: SocketRecord[] | undefined;
  /** Sockets whose last reference went by a close the trace did not show. */
  missed: SocketRecord[] | undefined;

  constructor(
    readonly model: ModelState,
    readonly e: SyscallEvent,
  ) {}

  get pid(): number {
    return this.e.pid;
  }

  /** The socket behind `fd` in the calling process's table. */
  lookup(fd: number | undefined): SocketRecord | undefined {
    return fd === undefined ? undefined : this.model.tables.get(this.e.pid, fd);
  }
  /** A socket the model already knows that a -yy decoration describes. */
  find(d: Decoration | undefined): SocketRecord | undefined {
    return this.model.pairing.find(d);
  }
  create(spec: Omit<NewSocket, "pid" | "at">): SocketRecord {
    return this.model.makeRecord({ ...spec, pid: this.e.pid, at: this.e.time });
  }
  /**
   * Installs `socket` at `fd`; `madeBy` is the call the fd comes from (a dup's source fd's maker).
   * A socket the fd held before lost that reference: dup2/dup3 close their target (`replaces`); any
   * other call can only have been given a free fd, so the trace missed that fd's close.
   */
  install(
    fd: number,
    socket: SocketRecord,
    cloexec: boolean,
    madeBy: SyscallEvent | undefined = this.e,
    replaces = false,
  ): void {
    const dropped = this.model.tables.set(this.e.pid, fd, socket, cloexec, madeBy);
    if (replaces) this.release(dropped);
    else this.miss(dropped);
  }
  /** Sockets whose last reference went. */
  release(sockets: SocketRecord[]): void {
    if (sockets.length === 0) return;
    if (this.released === undefined) this.released = sockets;
    else this.released.push(...sockets);
  }
  /**
   * Sockets whose last reference went by a close the trace did not show (the fd was reused, or is a
   * file now): perhaps another process holds them through a fork the trace does not show either.
   */
  miss(sockets: SocketRecord[]): void {
    if (sockets.length === 0) return;
    if (this.missed === undefined) this.missed = sockets;
    else this.missed.push(...sockets);
  }
  remove(fd: number): void {
    this.release(this.model.tables.remove(this.e.pid, fd));
  }
  /** The fd was closed by a call the trace does not show. */
  removeMissed(fd: number): void {
    this.miss(this.model.tables.remove(this.e.pid, fd));
  }
  /** The call that made the fd `fd` of the calling process, when the trace shows it. */
  madeBy(fd: number): SyscallEvent | undefined {
    return this.model.tables.entry(this.e.pid, fd)?.madeBy;
  }
  setCloexec(fd: number, cloexec: boolean): void {
    this.model.tables.setCloexec(this.e.pid, fd, cloexec);
  }
  transition(socket: SocketRecord, action: SocketAction): void {
    const t = nextState(socket.state, action);
    socket.state = t.state;
    if (t.illegal) this.step("unexpected", `the socket model did not expect ${t.illegal}`);
  }
  setLocal(socket: SocketRecord, address: Address): void {
    if (!sameAddress(socket.local, address)) socket.local = address;
    this.model.pairing.index(socket);
  }
  setRemote(socket: SocketRecord, address: Address): void {
    if (!sameAddress(socket.remote, address)) socket.remote = address;
    this.model.pairing.index(socket);
  }
  pair(a: SocketRecord, b: SocketRecord): void {
    this.model.pairing.pair(a, b);
  }
  /** A stream client's connect went through or is under way: find its server end. */
  connected(client: SocketRecord): void {
    this.model.pairing.connected(client);
  }
  /** accept() made `server`: find its client end. */
  accepted(server: SocketRecord): void {
    this.model.pairing.accepted(server);
  }
  /** A datagram socket sent to or received from `peer`: the traced socket there, if any. */
  datagramPeer(socket: SocketRecord, peer: Address): SocketRecord | undefined {
    return this.model.pairing.datagram(socket, peer);
  }
  step(kind: KernelStep["kind"], text: string): void {
    this.steps ??= [];
    this.steps.push({ kind, text });
  }
  // A socket in flight in an SCM_RIGHTS message is referenced by the message itself: the sender
  // may close its fd before the receiver's recvmsg installs a new one.
  sendFds(from: SocketRecord, sockets: Array<SocketRecord | undefined>): void {
    const { inflight } = this.model;
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
    const { inflight } = this.model;
    const queue = inflight.queues.get(at.id) ?? [];
    inflight.queues.delete(at.id);
    return queue;
  }
  /** A recvmsg installed `s` before strace showed the sendmsg that carried it. */
  arrivedEarly(s: SocketRecord): void {
    this.model.inflight.arrivedEarly.add(s);
  }
  /** The message's own references go once the receiver holds the fds. */
  dropInflight(sockets: Array<SocketRecord | undefined>): void {
    for (const sent of sockets) {
      if (!sent) continue;
      sent.refs--;
      if (sent.refs === 0) this.release([sent]);
    }
  }
}
