// Finding the other end of a connection when both ends are in the trace, and the socket an fd
// refers to when a process shows it without the trace having shown where it came from.
// 1. By addresses: a TCP client A->B and a server socket B->A (from -yy decorations, getsockname,
//    accept's peer address).
// 2. By unix socket inodes: strace -yy prints `UNIX-STREAM:[inode->peer inode]`.
// 3. When a client's own address never shows (strace without -yy), by the listener's accept queue,
//    which the kernel serves in order: the n-th unpaired client that connected to port P is the
//    n-th unpaired socket accepted on P. The client then learns its address from the server's view.
// 4. Datagram sockets: a UDP socket that sent to (or received from) address A is paired with the
//    traced socket bound to A; a wildcard bind (0.0.0.0:P, [::]:P) matches any address on port P.
//    A datagram socket that talks to several traced peers keeps no single `peer`.
//
// The accept-queue guesses of 3. are bounded. A socket leaves its queue when its last reference
// goes (forget), so only open sockets wait; but a client that stays open and whose peer is not
// traced (a connection pool to a remote server) waits for an accept that never comes. The kernel's
// own accept queue holds at most `somaxconn` connections (4096 by default), so a traced listener
// never has more than that many clients waiting for it: each port's queue keeps the newest
// MAX_QUEUE_PER_KEY sockets and all queues together the newest MAX_QUEUED, the oldest going first.
// A socket dropped from a queue is left without a guessed peer; exact pairing (2., 1.) still finds it.
import type { Address, Decoration } from "../core/values.js";
import { STREAM_TRANSPORTS, type Transport } from "../core/vocabulary.js";
import type { SocketRecord } from "./record.js";

export interface Pairing {
  pair(a: SocketRecord, b: SocketRecord): void;
  /** Call when a socket's addresses or inodes may have become known. */
  index(s: SocketRecord): void;
  /** Paired for certain (not by accept order): nothing can change its peer any more. */
  settled(s: SocketRecord): boolean;
  /** A client's connect went through (or is under way) to its remote address. */
  connected(client: SocketRecord): void;
  /** accept() returned `server` on a listener. */
  accepted(server: SocketRecord): void;
  /** A datagram socket sent to or received from `peer`: the traced socket there, if any. */
  datagram(s: SocketRecord, peer: Address): SocketRecord | undefined;
  /** An open socket the model already knows that an fd decoration describes. */
  find(d: Decoration | undefined): SocketRecord | undefined;
  forget(s: SocketRecord): void;
  /** Sockets waiting in accept queues (clients and servers), for the tests of the bounds. */
  readonly waiting: number;
}

/** The most sockets waiting for an accept-queue match on one port (net.core.somaxconn's default). */
export const MAX_QUEUE_PER_KEY = 4096;
/** The most sockets waiting for an accept-queue match on all ports together. */
export const MAX_QUEUED = 65536;

const WILDCARDS = new Set(["0.0.0.0", "::", "::ffff:0.0.0.0"]);

function queueKey(s: SocketRecord, address: Address | undefined): string | undefined {
  if (!STREAM_TRANSPORTS.has(s.transport) || address === undefined) return undefined;
  return `${s.transport}|${address.port ?? address.text}`;
}

/** `a` (a bound address) accepts datagrams sent to `b`: the same port, and the same IP or a wildcard. */
function reaches(bound: Address | undefined, to: Address | undefined): boolean {
  if (bound === undefined || to === undefined) return false;
  if (bound.port === undefined) return bound.text === to.text;
  return bound.port === to.port && (bound.ip === to.ip || WILDCARDS.has(bound.ip ?? ""));
}

export function createPairing(): Pairing {
  const byInode = new Map<number, SocketRecord>();
  /** Sockets that named a peer inode no socket has shown yet, by that inode. */
  const waitingForInode = new Map<number, SocketRecord>();
  const byEnds = new Map<string, SocketRecord>();
  const waitingClients = new Map<string, Set<SocketRecord>>();
  const waitingServers = new Map<string, Set<SocketRecord>>();
  /** Datagram sockets by transport and local port. */
  const byPort = new Map<string, Set<SocketRecord>>();
  /** Datagram sockets that talk to several traced peers. */
  const many = new Set<SocketRecord>();

  const endsKey = (transport: string, local: string, remote: string) => `${transport}|${local}|${remote}`;
  const portKey = (transport: Transport, port: number | undefined) =>
    port === undefined ? undefined : `${transport}|${port}`;

  // Pairs made from the accept queue are guesses: a later exact match (addresses or inodes) wins.
  const tentative = new Set<SocketRecord>();
  const byId = new Map<number, SocketRecord>();

  const pair = (a: SocketRecord, b: SocketRecord, guess = false) => {
    if (a === b || a.peer === b.id) return;
    const firm = (x: SocketRecord) => x.peer !== undefined && !tentative.has(x);
    if (firm(a) || firm(b) || (guess && (a.peer !== undefined || b.peer !== undefined))) return;
    for (const x of [a, b]) {
      const old = x.peer === undefined ? undefined : byId.get(x.peer);
      if (old && old.peer === x.id) {
        delete old.peer;
        tentative.delete(old);
      }
    }
    a.peer = b.id;
    b.peer = a.id;
    byId.set(a.id, a);
    byId.set(b.id, b);
    for (const x of [a, b]) {
      if (guess) tentative.add(x);
      else tentative.delete(x);
    }
  };

  const take = (queues: Map<string, Set<SocketRecord>>, key: string): SocketRecord | undefined => {
    const queue = queues.get(key);
    if (queue === undefined) return undefined;
    for (const s of queue) {
      queue.delete(s);
      acceptQueued.delete(s);
      if (s.peer === undefined && s.refs > 0) {
        if (queue.size === 0) queues.delete(key);
        return s;
      }
    }
    queues.delete(key);
    return undefined;
  };

  /** Where each socket waits (an accept queue, a datagram port), so that forgetting it is exact. */
  const queued = new Map<SocketRecord, Array<[Map<string, Set<SocketRecord>>, string]>>();

  /** Every socket in an accept queue (waitingClients, waitingServers), oldest first. */
  const acceptQueued = new Set<SocketRecord>();

  const enqueue = (queues: Map<string, Set<SocketRecord>>, key: string, s: SocketRecord) => {
    let queue = queues.get(key);
    if (queue === undefined) {
      queue = new Set();
      queues.set(key, queue);
    }
    if (queue.has(s)) return;
    queue.add(s);
    const places = queued.get(s);
    if (places === undefined) queued.set(s, [[queues, key]]);
    else places.push([queues, key]);
    if (queues === byPort) return;
    acceptQueued.add(s);
    if (queue.size > MAX_QUEUE_PER_KEY) {
      const oldest = queue.values().next().value;
      if (oldest !== undefined) dequeueAll(oldest);
    }
    while (acceptQueued.size > MAX_QUEUED) {
      const oldest = acceptQueued.values().next().value;
      if (oldest === undefined) break;
      dequeueAll(oldest);
    }
  };

  function dequeueAll(s: SocketRecord) {
    acceptQueued.delete(s);
    for (const [queues, key] of queued.get(s) ?? []) {
      const queue = queues.get(key);
      if (queue?.delete(s) && queue.size === 0) queues.delete(key);
    }
    queued.delete(s);
  }

  const index = (s: SocketRecord) => {
    if (s.inode !== undefined) {
      byInode.set(s.inode, s);
      // Either end may be the one whose decoration shows the other's inode (`UNIX-STREAM:[a->b]`).
      const other = s.peerInode === undefined ? waitingForInode.get(s.inode) : byInode.get(s.peerInode);
      if (other) pair(s, other);
      else if (s.peerInode !== undefined) waitingForInode.set(s.peerInode, s);
    }
    if (s.local && s.remote) {
      byEnds.set(endsKey(s.transport, s.local.text, s.remote.text), s);
      const other = byEnds.get(endsKey(s.transport, s.remote.text, s.local.text));
      if (other && other.refs > 0) pair(s, other);
    }
    if (!STREAM_TRANSPORTS.has(s.transport) && s.local?.port !== undefined && s.local.port !== 0) {
      const key = portKey(s.transport, s.local.port);
      if (key !== undefined) enqueue(byPort, key, s);
    }
  };

  /** One datagram socket `a` talks to `b`: pair them, unless either already talks to someone else. */
  const link = (a: SocketRecord, b: SocketRecord) => {
    if (a === b || a.peer === b.id) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (x.peer !== undefined && x.peer !== y.id) {
        // A server with several traced clients has no single other end (its clients still name it).
        many.add(x);
        delete x.peer;
      }
    }
    if (!many.has(a) && !many.has(b)) {
      pair(a, b);
      return;
    }
    // Each client of a many-peer server still names the server.
    if (!many.has(a) && a.peer === undefined) a.peer = b.id;
    if (!many.has(b) && b.peer === undefined) b.peer = a.id;
    byId.set(a.id, a);
    byId.set(b.id, b);
  };

  return {
    pair,
    index,
    settled: (s) => s.peer !== undefined && !tentative.has(s),
    connected(client) {
      index(client);
      const key = queueKey(client, client.remote);
      if (client.peer !== undefined || key === undefined) return;
      const server = take(waitingServers, key);
      if (server) pair(client, server, true);
      else enqueue(waitingClients, key, client);
    },
    accepted(server) {
      index(server);
      const key = queueKey(server, server.local);
      if (server.peer !== undefined || key === undefined) return;
      const client = take(waitingClients, key);
      if (client) pair(client, server, true);
      else enqueue(waitingServers, key, server);
    },
    datagram(s, peer) {
      const key = portKey(s.transport, peer.port);
      const candidates = key === undefined ? undefined : byPort.get(key);
      if (candidates === undefined) return undefined;
      for (const other of candidates) {
        if (other === s || other.refs === 0 || !reaches(other.local, peer)) continue;
        // A connected datagram socket takes datagrams only from the address it is connected to.
        const back = other.remote;
        if (back !== undefined && s.local !== undefined && !reaches(s.local, back)) continue;
        link(s, other);
        return other;
      }
      return undefined;
    },
    find(d) {
      if (d === undefined) return undefined;
      const alive = (s: SocketRecord | undefined): s is SocketRecord =>
        s !== undefined && (s.refs > 0 || s.dormant === true);
      if (d.inode !== undefined) {
        const hit = byInode.get(d.inode);
        if (alive(hit)) return hit;
      }
      if (d.local && d.remote) {
        for (const t of STREAM_TRANSPORTS) {
          const hit = byEnds.get(endsKey(t, d.local.text, d.remote.text));
          if (alive(hit)) return hit;
          // Its own address may never have shown; the other end's view finds it through the pair.
          const other = byEnds.get(endsKey(t, d.remote.text, d.local.text));
          const mate = other?.peer === undefined ? undefined : byId.get(other.peer);
          if (alive(mate) && mate.local === undefined) return mate;
        }
      }
      return undefined;
    },
    forget(s) {
      tentative.delete(s);
      byId.delete(s.id);
      many.delete(s);
      if (s.local && s.remote) {
        const key = endsKey(s.transport, s.local.text, s.remote.text);
        if (byEnds.get(key) === s) byEnds.delete(key);
      }
      if (s.inode !== undefined && byInode.get(s.inode) === s) byInode.delete(s.inode);
      if (s.peerInode !== undefined && waitingForInode.get(s.peerInode) === s)
        waitingForInode.delete(s.peerInode);
      dequeueAll(s);
    },
    get waiting() {
      return acceptQueued.size;
    },
  };
}
