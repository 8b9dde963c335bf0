// Joins the kernel's records of TCP sockets (src/kernel/collector.ts) to sockscope's connections,
// by 4-tuple (the local and remote address as both print them), never by pid: the kernel's
// destroy event and strace's close() line race each other, so a TCP connection event waits a
// little (`holdMs`) for its record, and the events after it wait with it, to keep their order.
// The end that closes first keeps its socket (FIN-WAIT) until the other end's FIN comes, which is
// when the kernel destroys it (TIME-WAIT has no tcp_info): so when the other end is traced too, its
// connection event comes first and the wait starts from there (at most `peerMs` in all).
// Records that come first wait for their connection (at most MAX_EARLY of them). The summary
// waits for the end, where the collector's last look (`finish`) fills in what is still missing,
// the connection table gets the same facts, and the kernel's diagnostics go just before it.
// Pure: the caller gives the time and runs the timer.
import type { ConnectionEvent, SummaryEvent, SyscallEvent, TraceEvent } from "../core/events.js";
import type { KernelSummary, TcpKernelInfo } from "../core/kernel.js";
import { rwndShare } from "../core/kernel.js";
import { kernelFindings } from "./diagnose.js";

export interface KernelRecord {
  local: string;
  remote: string;
  info: TcpKernelInfo;
}

export interface KernelJoinOptions {
  /**
   * How long a TCP connection event waits for its record (default 1 s: the end that closed first
   * is destroyed when the other end's FIN arrives, and a lost FIN is sent again after 200 ms or more).
   */
  holdMs?: number;
  /** How long it may wait in all for a traced other end to close first (default 10 s). */
  peerMs?: number;
  /** A traced listener started listening on this address: sample its accept queue. */
  onListener?: (local: string) => void;
  /** net.core.somaxconn of the traced machine, for the listen-overflow advice. */
  somaxconn?: number;
}

export interface KernelJoin {
  /** The pipeline's events; returns those ready to go on, in order. */
  events(batch: readonly TraceEvent[], now: number): TraceEvent[];
  /** A kernel record came; returns the events it let go. */
  socket(record: KernelRecord, now: number): TraceEvent[];
  /** Time passed; returns the events that waited long enough. */
  tick(now: number): TraceEvent[];
  /** When the first waiting event will have waited long enough (for the caller's timer). */
  readonly deadline: number | undefined;
  /** The 4-tuples still without a record, for the collector's last look. */
  pending(): Array<{ local: string; remote: string }>;
  /** The collector's last look: everything still waiting goes, the summary last. */
  finish(result: { sockets: readonly KernelRecord[]; summary: KernelSummary } | undefined): TraceEvent[];
}

const MAX_EARLY = 4096;
/** The summary's connection table lists the first 1000 connections to close. */
const TABLE_ROWS = 1000;
/** Connections kept for the kernel's diagnostics (only those with something to say). */
const MAX_NOTABLE = 1000;

const keyOf = (local: string, remote: string) => `${local}|${remote}`;

function tupleOf(c: ConnectionEvent): string | undefined {
  if (c.transport !== "tcp" || c.role === "listener") return undefined;
  if (c.local?.port === undefined || c.remote?.port === undefined) return undefined;
  return keyOf(c.local.text, c.remote.text);
}

function notable(c: ConnectionEvent): boolean {
  const k = c.kernel;
  if (k === undefined) return false;
  return (k.retransmits ?? 0) > 0 || (rwndShare(k) ?? 0) >= 0.2;
}

export function createKernelJoin(options: KernelJoinOptions = {}): KernelJoin {
  const holdMs = options.holdMs ?? 1000;
  const peerMs = options.peerMs ?? 10_000;
  /**
   * Events not yet let go, in order; `key` set on a connection still waiting for its record,
   * `peer` while its traced other end has not closed yet (then `since` is when it started waiting).
   */
  const held: Array<{ event: TraceEvent; key?: string; since: number; peer?: number }> = [];
  /** Connections whose event has come, by id (the last ones; for `peer` above). */
  const closed = new Set<number>();
  /** Records that came before their connection. */
  const early = new Map<string, TcpKernelInfo>();
  /** Connections that went on without their record (the table may still get it). */
  const missing = new Map<string, ConnectionEvent>();
  /** id → 4-tuple for the connections the summary table lists. */
  const rows = new Map<number, string>();
  const infos = new Map<string, TcpKernelInfo>();
  const notables: ConnectionEvent[] = [];
  const listeners = new Map<string, { id: number; pid: number; seq: number }>();
  let connections = 0;

  const remember = (key: string, info: TcpKernelInfo) => {
    early.delete(key);
    early.set(key, info);
    for (const old of early.keys()) {
      if (early.size <= MAX_EARLY) break;
      early.delete(old);
    }
  };

  const withInfo = (c: ConnectionEvent, info: TcpKernelInfo): ConnectionEvent => {
    const joined = { ...c, kernel: info };
    if (notable(joined) && notables.length < MAX_NOTABLE) notables.push(joined);
    return joined;
  };

  const release = (now: number, all = false): TraceEvent[] => {
    const out: TraceEvent[] = [];
    while (held.length > 0) {
      const head = held[0];
      if (head === undefined) break;
      if (head.event.type === "summary" && !all) break;
      if (head.key !== undefined && !all && now - head.since < (head.peer !== undefined ? peerMs : holdMs))
        break;
      held.shift();
      if (head.key !== undefined) {
        missing.set(head.key, head.event as ConnectionEvent);
        for (const old of missing.keys()) {
          if (missing.size <= MAX_EARLY) break;
          missing.delete(old);
        }
      }
      out.push(head.event);
    }
    return out;
  };

  const listened = (e: SyscallEvent) => {
    if (e.name !== "listen" || e.ret !== 0 || e.socket?.transport !== "tcp") return;
    const local = e.socket.local;
    if (local?.port === undefined || listeners.has(local.text)) return;
    listeners.set(local.text, { id: e.socket.id, pid: e.pid, seq: e.seq });
    options.onListener?.(local.text);
  };

  const join: KernelJoin = {
    events(batch, now) {
      for (const e of batch) {
        if (e.type === "syscall") listened(e);
        if (e.type !== "connection") {
          held.push({ event: e, since: now });
          continue;
        }
        connections++;
        closed.add(e.id);
        if (closed.size > MAX_EARLY) closed.delete(closed.values().next().value as number);
        // The other end's wait for this one is over: it now waits holdMs from here.
        for (const h of held) {
          if (h.peer === e.id) {
            delete h.peer;
            h.since = now;
          }
        }
        const key = tupleOf(e);
        if (key !== undefined && connections <= TABLE_ROWS) rows.set(e.id, key);
        const info = key === undefined ? undefined : early.get(key);
        if (key === undefined) held.push({ event: e, since: now });
        else if (info !== undefined) {
          early.delete(key);
          if (rows.has(e.id)) infos.set(key, info);
          held.push({ event: withInfo(e, info), since: now });
        } else if (e.peer !== undefined && !closed.has(e.peer))
          held.push({ event: e, key, since: now, peer: e.peer });
        else held.push({ event: e, key, since: now });
      }
      return release(now);
    },
    socket(record, now) {
      const key = keyOf(record.local, record.remote);
      const waiting = held.find((h) => h.key === key);
      if (waiting !== undefined) {
        const c = waiting.event as ConnectionEvent;
        waiting.event = withInfo(c, record.info);
        delete waiting.key;
        if (rows.has(c.id)) infos.set(key, record.info);
        return release(now);
      }
      const gone = missing.get(key);
      if (gone !== undefined) {
        // Its connection went on without it: the table and the diagnostics still get it.
        missing.delete(key);
        withInfo(gone, record.info);
        if (rows.has(gone.id)) infos.set(key, record.info);
        return [];
      }
      remember(key, record.info);
      return [];
    },
    tick: (now) => release(now),
    get deadline() {
      const first = held.find((h) => h.key !== undefined);
      return first === undefined ? undefined : first.since + (first.peer !== undefined ? peerMs : holdMs);
    },
    pending() {
      const keys = new Set([
        ...held.filter((h) => h.key !== undefined).map((h) => h.key as string),
        ...missing.keys(),
      ]);
      return [...keys].map((k) => {
        const [local = "", remote = ""] = k.split("|");
        return { local, remote };
      });
    },
    finish(result) {
      for (const record of result?.sockets ?? []) join.socket(record, Number.POSITIVE_INFINITY);
      const out = release(Number.POSITIVE_INFINITY, true);
      const at = out.findIndex((e) => e.type === "summary");
      if (at < 0) return out;
      const summary = out[at] as SummaryEvent;
      const patched: SummaryEvent = {
        ...summary,
        connections: summary.connections.map((row) => {
          const key = rows.get(row.id);
          const info = key === undefined ? undefined : infos.get(key);
          return info === undefined ? row : { ...row, kernel: info };
        }),
        ...(result !== undefined ? { kernel: result.summary } : {}),
      };
      const findings = kernelFindings(notables, result?.summary, listeners, options.somaxconn);
      const diagnostics = findings.map((f, i) => ({ ...f, seq: summary.seq + i }));
      patched.seq = summary.seq + diagnostics.length;
      patched.diagnostics = { ...summary.diagnostics };
      for (const d of diagnostics) patched.diagnostics[d.code] = (patched.diagnostics[d.code] ?? 0) + 1;
      return [...out.slice(0, at), ...diagnostics, patched, ...out.slice(at + 1)];
    },
  };
  return join;
}
