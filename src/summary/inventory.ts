// What a run did with the network, as a reviewable list (the summary's `network`, and the file
// --record-baseline writes): the endpoints it connected or sent to, by host name when the trace
// showed the lookup, else by address; the listeners it opened; the unix socket paths it used; and
// which programs did each. Kept out of it, because they change from run to run for no reason worth
// a review: connections whose other end was traced too (the run talking to itself), and loopback
// endpoints on ports in the kernel's ephemeral range (a test server on a port the kernel picked).
// A listener on a port the kernel picked is listed with port "*".
import type { ConnectionEvent, InventoryEntry, NetworkInventory, TraceEvent } from "../core/events.js";
import { isLoopbackIp } from "../core/readers.js";
import type { Address } from "../core/values.js";

/** Entries kept at most, per list (a port scanner's run would otherwise grow without bound). */
const MAX_ENTRIES = 2000;
/** Processes whose names are remembered (the most recent). */
const MAX_PROCESSES = 65_536;
/** Linux's default net.ipv4.ip_local_port_range. */
const EPHEMERAL = [32768, 60999] as const;

/** The key that tells two entries apart (and matches a run against a baseline). */
export function entryKey(e: InventoryEntry): string {
  const where = e.host ?? e.address ?? e.path ?? "?";
  return `${e.kind} ${e.transport} ${where}${e.port !== undefined ? `:${e.port}` : ""}`;
}

/** How an entry reads in a sentence: `tcp github.com:443`, `listener tcp 0.0.0.0:8080`. */
export function entryText(e: InventoryEntry): string {
  const where = e.host ?? e.address ?? e.path ?? "?";
  const port = e.port === undefined ? "" : `:${e.port}`;
  const kind = e.kind === "endpoint" ? "" : `${e.kind} `;
  return `${kind}${e.transport} ${where}${port}`;
}

export interface InventoryBuilder {
  add(e: TraceEvent): void;
  result(): NetworkInventory;
  /** The seq of the event that first showed an entry (by its key), for a violation to point at. */
  firstSeq(key: string): number | undefined;
}

export function createInventory(options: { ephemeral?: readonly [number, number] } = {}): InventoryBuilder {
  const [low, high] = options.ephemeral ?? EPHEMERAL;
  const names = new Map<number, string>();
  const entries = new Map<string, { entry: InventoryEntry; by: Set<string>; first: number }>();
  let omitted = 0;
  /** Sockets bound to port 0: their listener's port is the kernel's pick. */
  const anyPort = new Set<number>();

  const put = (entry: InventoryEntry, pid: number, seq: number) => {
    const k = entryKey(entry);
    let kept = entries.get(k);
    if (kept === undefined) {
      if (entries.size >= MAX_ENTRIES * 3) {
        omitted++;
        return;
      }
      kept = { entry, by: new Set(), first: seq };
      entries.set(k, kept);
    }
    const name = names.get(pid);
    if (name !== undefined) kept.by.add(name);
  };

  const endpoint = (c: ConnectionEvent, a: Address, host: string | undefined) => {
    if (a.path !== undefined) {
      put(
        { kind: "endpoint", transport: c.transport, path: a.abstract ? `@${a.path}` : a.path },
        c.pid,
        c.seq,
      );
      return;
    }
    if (a.ip === undefined) return;
    if (isLoopbackIp(a.ip) && a.port !== undefined && a.port >= low && a.port <= high) return;
    put(
      {
        kind: "endpoint",
        transport: c.transport,
        ...(host !== undefined ? { host } : { address: a.ip }),
        ...(a.port !== undefined ? { port: a.port } : {}),
      },
      c.pid,
      c.seq,
    );
  };

  return {
    add(e) {
      if (e.type === "syscall") {
        const name = e.process?.name;
        if (name !== undefined && names.get(e.pid) !== name) {
          names.delete(e.pid);
          names.set(e.pid, name);
          if (names.size > MAX_PROCESSES) names.delete(names.keys().next().value as number);
        }
        if (e.name === "bind" && e.ret === 0 && e.socket !== undefined) {
          const a = e.args[1];
          if (a?.kind === "struct" && a.addr?.port === 0) anyPort.add(e.socket.id);
        }
        return;
      }
      if (e.type !== "connection") return;
      if (e.peer !== undefined || e.inherited) {
        anyPort.delete(e.id);
        return;
      }
      if (e.role === "listener") {
        const a = e.local;
        if (a !== undefined) {
          const picked = anyPort.has(e.id) || e.autobound === true;
          put(
            {
              kind: "listener",
              transport: e.transport,
              ...(a.path !== undefined
                ? { path: a.abstract ? `@${a.path}` : a.path }
                : {
                    address: a.ip ?? a.text,
                    ...(picked ? { port: "*" as const } : a.port !== undefined ? { port: a.port } : {}),
                  }),
            },
            e.pid,
            e.seq,
          );
        }
      } else if (e.role === "client" && e.remote !== undefined) endpoint(e, e.remote, e.remoteHost);
      else if (e.role !== "server" && e.remote === undefined && e.peers !== undefined) {
        for (const p of e.peers) endpoint(e, p, e.peers.length === 1 ? e.remoteHost : undefined);
      } else if (e.role !== "server" && e.remote !== undefined) endpoint(e, e.remote, e.remoteHost);
      anyPort.delete(e.id);
    },
    firstSeq(key) {
      return entries.get(key)?.first;
    },
    result() {
      const sorted = [...entries.values()]
        .map(({ entry, by }) => ({ ...entry, by: [...by].sort() }))
        .sort((a, b) => (entryKey(a) < entryKey(b) ? -1 : entryKey(a) > entryKey(b) ? 1 : 0));
      return {
        endpoints: sorted.filter((e) => e.kind === "endpoint"),
        listeners: sorted.filter((e) => e.kind === "listener"),
        ...(omitted > 0 ? { omitted } : {}),
      };
    },
  };
}
