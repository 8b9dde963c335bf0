// One socket as the model knows it, how it is created (from socket()/socketpair()/accept() or from a
// first sighting), the immutable view of it that events carry, and the connection event made when
// its last reference goes.
import type { ConnectionEvent, SocketView } from "../core/events.js";
import type { Address } from "../core/values.js";
import type { Outcome, Release, Role, SocketState, Transport } from "../core/vocabulary.js";

export interface SocketRecord {
  readonly id: number;
  /** The process that created (or first showed) the socket, and its fd there. */
  pid: number;
  fd: number;
  family?: string;
  type?: string;
  protocol?: string;
  transport: Transport;
  local?: Address;
  remote?: Address;
  /** Datagram peers seen (sendto destinations, recvfrom senders), by text. */
  peers: Map<string, Address>;
  state: SocketState;
  role: Role;
  failure?: Exclude<Outcome, "closed" | "open-at-exit">;
  /** A blocking call ran into its SO_RCVTIMEO/SO_SNDTIMEO and nothing was transferred since. */
  timedOut: boolean;
  nonblocking: boolean;
  /**
   * Whether the trace shows the socket's blocking mode: false for a socket first seen already open
   * (made before the trace, or by calls it does not show), until a call sets or reads O_NONBLOCK.
   */
  nonblockingKnown: boolean;
  /**
   * SO_RCVTIMEO / SO_SNDTIMEO as the trace shows them: null when none is set, the value as strace
   * printed it when one is, undefined when the trace cannot tell (a socket from before the trace).
   */
  rcvtimeo?: string | null;
  sndtimeo?: string | null;
  options: Record<string, string>;
  errors: Record<string, number>;
  opened?: number;
  closed?: number;
  /** When a call last used the socket. */
  lastUsed?: number;
  bytesIn: number;
  bytesOut: number;
  accepted?: number;
  /** fd-table entries (and SCM_RIGHTS messages in flight) that refer to the socket. */
  refs: number;
  peer?: number;
  inode?: number;
  peerInode?: number;
  autobound?: boolean;
  /** Set when the kernel will pick the local address on the next connect/sendto/listen. */
  unbound: boolean;
  /** First seen already open (inherited fds, a log that starts mid-life). */
  inherited?: boolean;
  /**
   * Its last known reference went by a close the trace did not show: kept findable for a while, as
   * a process whose fork the trace does not show may hold it (see model.ts).
   */
  dormant?: boolean;
  /** How the last reference went, and the process that held it. */
  release?: Release;
  releasedBy?: number;
  /** The view the last event carried (see `viewOf`). */
  view?: SocketView;
}

export interface NewSocket {
  pid: number;
  fd: number;
  family?: string | undefined;
  type?: string | undefined;
  protocol?: string | undefined;
  transport: Transport;
  role: Role;
  state: SocketState;
  nonblocking: boolean;
  /** false: the blocking mode (and the timeouts) are unknown, as for a socket from before the trace. */
  known?: boolean;
  at?: number | undefined;
}

/** Makes socket records with ids 1, 2, 3… in the order the trace shows them. */
export function createRecordFactory(): (s: NewSocket) => SocketRecord {
  let nextId = 0;
  return (s) => {
    const r: SocketRecord = {
      id: ++nextId,
      pid: s.pid,
      fd: s.fd,
      transport: s.transport,
      peers: new Map(),
      state: s.state,
      role: s.role,
      timedOut: false,
      nonblocking: s.nonblocking,
      nonblockingKnown: s.known !== false,
      options: {},
      errors: {},
      bytesIn: 0,
      bytesOut: 0,
      refs: 0,
      unbound: s.state === "created",
    };
    if (s.family !== undefined) r.family = s.family;
    if (s.type !== undefined) r.type = s.type;
    if (s.protocol !== undefined) r.protocol = s.protocol;
    if (s.at !== undefined) r.opened = s.at;
    if (s.known !== false) {
      r.rcvtimeo = null;
      r.sndtimeo = null;
    }
    return r;
  };
}

/** Whether a view still shows the record as it is. */
function current(v: SocketView, r: SocketRecord): boolean {
  return (
    v.state === r.state &&
    v.nonblocking === r.nonblocking &&
    (v.blockingUnknown === true) === !r.nonblockingKnown &&
    v.rcvtimeo === r.rcvtimeo &&
    v.sndtimeo === r.sndtimeo &&
    v.local === r.local &&
    v.remote === r.remote &&
    v.inode === r.inode &&
    v.peerInode === r.peerInode &&
    v.family === r.family &&
    v.type === r.type &&
    v.protocol === r.protocol &&
    v.transport === r.transport &&
    v.peer === r.peer
  );
}

/**
 * The socket as events show it: one frozen object, shared by every event until something it shows
 * changes (so a sink can cache what it makes of a view).
 */
export function viewOf(r: SocketRecord): SocketView {
  if (r.view !== undefined && current(r.view, r)) return r.view;
  const view: {
    -readonly [K in keyof SocketView]: SocketView[K];
  } = { id: r.id, transport: r.transport, state: r.state, nonblocking: r.nonblocking };
  if (r.family !== undefined) view.family = r.family;
  if (r.type !== undefined) view.type = r.type;
  if (r.protocol !== undefined) view.protocol = r.protocol;
  if (r.inode !== undefined) view.inode = r.inode;
  if (r.peerInode !== undefined) view.peerInode = r.peerInode;
  if (r.local !== undefined) view.local = r.local;
  if (r.remote !== undefined) view.remote = r.remote;
  if (r.peer !== undefined) view.peer = r.peer;
  if (!r.nonblockingKnown) view.blockingUnknown = true;
  if (r.rcvtimeo !== undefined) view.rcvtimeo = r.rcvtimeo;
  if (r.sndtimeo !== undefined) view.sndtimeo = r.sndtimeo;
  r.view = Object.freeze(view);
  return r.view;
}

export function outcomeOf(r: SocketRecord): Outcome {
  if (r.failure !== undefined) return r.failure;
  if (r.timedOut) return "timed-out";
  if (r.release === "exit" || r.release === "end-of-trace") return "open-at-exit";
  return "closed";
}

const MAX_PEERS = 16;

export function connectionEvent(r: SocketRecord): ConnectionEvent {
  const e: {
    -readonly [K in keyof ConnectionEvent]: ConnectionEvent[K];
  } = {
    type: "connection",
    seq: 0,
    id: r.id,
    pid: r.pid,
    fd: r.fd,
    transport: r.transport,
    role: r.role,
    bytesIn: r.bytesIn,
    bytesOut: r.bytesOut,
    outcome: outcomeOf(r),
    state: r.state,
    nonblocking: r.nonblocking,
    options: r.options,
    errors: r.errors,
    release: r.release ?? "end-of-trace",
  };
  if (r.family !== undefined) e.family = r.family;
  if (r.local !== undefined) e.local = r.local;
  if (r.remote !== undefined) e.remote = r.remote;
  if (r.peers.size > 0 && r.remote === undefined) e.peers = [...r.peers.values()].slice(0, MAX_PEERS);
  if (r.opened !== undefined) e.opened = r.opened;
  if (r.closed !== undefined) e.closed = r.closed;
  if (r.accepted !== undefined) e.accepted = r.accepted;
  if (r.peer !== undefined) e.peer = r.peer;
  if (r.autobound) e.autobound = true;
  if (r.inherited) e.inherited = true;
  if (r.releasedBy !== undefined) e.releasedBy = r.releasedBy;
  if (r.lastUsed !== undefined) e.lastUsed = r.lastUsed;
  return e;
}
