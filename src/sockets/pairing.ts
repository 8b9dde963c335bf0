// Finding the other end of a connection when both ends are in the trace.
// 1. By addresses: a TCP client A->B and a server socket B->A (from -yy decorations, getsockname,
//    accept's peer address).
// 2. By unix socket inodes: strace -yy prints `UNIX-STREAM:[inode->peer inode]`.
// 3. When a client's own address never shows (strace without -yy), by the listener's accept queue,
//    which the kernel serves in order: the n-th unpaired client that connected to port P is the
//    n-th unpaired socket accepted on P. The client then learns its address from the server's view.
import type { SocketRef } from "../events/schema.js";
import { type SocketRecord, STREAMS } from "./record.js";

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
  /** A socket already in the model that an fd decoration describes (SCM_RIGHTS arrivals). */
  find(d: SocketRef | undefined): SocketRecord | undefined;
  forget(s: SocketRecord): void;
}

function queueKey(s: SocketRecord, address: SocketRecord["local"]): string | undefined {
  if (!STREAMS.has(s.transport) || address === undefined) return undefined;
  return `${s.transport}|${address.port ?? address.text}`;
}

export function createPairing(): Pairing {
  const byInode = new Map<number, SocketRecord>();
  const byEnds = new Map<string, SocketRecord>();
  const waitingClients = new Map<string, SocketRecord[]>();
  const waitingServers = new Map<string, SocketRecord[]>();

  const endsKey = (transport: string, local: string, remote: string) => `${transport}|${local}|${remote}`;

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

  const take = (queues: Map<string, SocketRecord[]>, key: string): SocketRecord | undefined => {
    const queue = queues.get(key);
    while (queue && queue.length > 0) {
      const s = queue.shift();
      if (s && s.peer === undefined && s.refs > 0) return s;
    }
    return undefined;
  };

  const enqueue = (queues: Map<string, SocketRecord[]>, key: string, s: SocketRecord) => {
    const queue = queues.get(key) ?? [];
    queue.push(s);
    queues.set(key, queue);
  };

  const index = (s: SocketRecord) => {
    if (s.inode !== undefined) {
      byInode.set(s.inode, s);
      const other = s.peerInode === undefined ? undefined : byInode.get(s.peerInode);
      if (other) pair(s, other);
    }
    if (s.local && s.remote) {
      byEnds.set(endsKey(s.transport, s.local.text, s.remote.text), s);
      const other = byEnds.get(endsKey(s.transport, s.remote.text, s.local.text));
      if (other && other.refs > 0) pair(s, other);
    }
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
    find(d) {
      if (d === undefined) return undefined;
      if (d.inode !== undefined && byInode.has(d.inode)) return byInode.get(d.inode);
      if (d.local && d.remote) {
        for (const t of d.transport === undefined ? STREAMS : [d.transport]) {
          const hit = byEnds.get(endsKey(t, d.local.text, d.remote.text));
          if (hit) return hit;
          // Its own address may never have shown; the other end's view finds it through the pair.
          const other = byEnds.get(endsKey(t, d.remote.text, d.local.text));
          const mate = other?.peer === undefined ? undefined : byId.get(other.peer);
          if (mate && mate.local === undefined) return mate;
        }
      }
      return undefined;
    },
    forget(s) {
      tentative.delete(s);
      byId.delete(s.id);
      if (s.local && s.remote) {
        const key = endsKey(s.transport, s.local.text, s.remote.text);
        if (byEnds.get(key) === s) byEnds.delete(key);
      }
      if (s.inode !== undefined && byInode.get(s.inode) === s) byInode.delete(s.inode);
    },
  };
}
