// A timeline for Perfetto (ui.perfetto.dev) and chrome://tracing: the Chrome trace-event JSON format,
// `{"traceEvents":[…],"displayTimeUnit":"ms","otherData":{…}}`, written as the events come (the
// opening with the first event, one trace event per line, the closing and the summary in end()).
//
// Layout: one process track per traced process (pid = its thread group), one thread track per
// thread (tid = the pid strace printed); each call is a complete slice ("X") on its thread, as long
// as the call took, so a blocked accept or read is visibly long. Signals, exits and diagnostics are
// instants ("i"). Each socket's life is an async slice ("b"/"e") in a "connections" process of its
// own. Arrows (flow events "s" → "f"): from a connect to the accept that took that connection, and
// from a write to each read whose first byte it sent, when both ends were traced.
//
// Clock: strace's start time of each call in µs, the call's duration as the slice's length. A
// trace without times (or --stable, whose events have none) uses each event's seq as the clock, so
// the output depends on nothing but the events.
//
// Memory stays bounded on an endless trace: every map below is capped (the oldest entries go first)
// and a socket's pending state goes when its connection event (its last close) says no more bytes
// or pairings can come for it.
import { assertNever } from "../core/assert-never.js";
import type {
  ConnectionEvent,
  DiagnosticEvent,
  ExitEvent,
  ProcessView,
  SignalEvent,
  SocketView,
  SummaryEvent,
  SyscallEvent,
  TraceEvent,
} from "../core/events.js";
import { STREAM_TRANSPORTS } from "../core/vocabulary.js";
import { formatValue } from "../util/format-value.js";
import type { Renderer, RenderOptions } from "./renderer.js";

/**
 * The "connections" process: above Linux's largest pid_max (2^22), so no traced pid can be it, and
 * above any --stable pid.
 */
export const CONNECTIONS_PID = 4_194_304;
/** Threads and processes whose names and last slice end are remembered. */
const MAX_THREADS = 65_536;
/** Sockets with pending pairing or byte state. */
const MAX_SOCKETS = 4_096;
/** Writes (or reads still waiting for their write) kept per writing socket. */
const MAX_PENDING = 256;
/** Without times: each event is a slice this wide at its seq, so slices on a thread never touch. */
const SEQ_WIDTH = 0.5;
/** A timed call whose length is unknown (no -T) or under strace's µs resolution: drawn 1 µs wide. */
const MIN_WIDTH = 1;

/** A slice a flow arrow starts or ends at: its track and a time inside it. */
interface Anchor {
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
}

/** Bytes [from, to) that one write sent on its socket. */
interface WriteSpan {
  readonly from: number;
  readonly to: number;
  readonly at: Anchor;
}

/** A read whose first byte's write has not been seen yet (the write returned after the read). */
interface WaitingRead {
  readonly first: number;
  readonly at: Anchor;
}

/** What is pending for the bytes a socket wrote: its writes not yet read, reads waiting for one. */
interface ByteState {
  writes: WriteSpan[];
  reads: WaitingRead[];
}

/** Sets `key` as the newest entry of `map`, dropping the oldest past `cap`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, cap: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > cap) map.delete(map.keys().next().value as K);
}

/** Appends to a bounded list, dropping the oldest past MAX_PENDING. */
function push<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_PENDING) list.shift();
}

/**
 * JSON text for a value. JSON.stringify escapes C0 controls; DEL and the C1 controls are escaped
 * too, so the file is inert even when it goes to a terminal.
 */
function str(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** µs, to the ns, as a JSON number. */
const micros = (x: number) => Math.round(x * 1000) / 1000;

/** "AF_INET tcp 127.0.0.1:40000 → 127.0.0.1:5000". */
function socketText(s: SocketView): string {
  const ends =
    s.remote === undefined
      ? s.local === undefined
        ? ""
        : ` ${s.local.text}`
      : ` ${s.local?.text ?? "?"} → ${s.remote.text}`;
  return `${s.family === undefined ? "" : `${s.family} `}${s.transport}${ends}`;
}

const isStream = (s: SocketView | undefined): s is SocketView =>
  s !== undefined && STREAM_TRANSPORTS.has(s.transport);

export function createPerfettoRenderer(options: RenderOptions = {}): Renderer {
  const stable = options.stable === true;
  let started = false;
  let summary: SummaryEvent | undefined;
  /** The last time on the clock, for events without one of their own (diagnostics, untimed calls). */
  let now: number | undefined;
  let timed = false;
  let flowIds = 0;
  /** tid → its thread group and the name its track was given. */
  const threads = new Map<number, { tgid: number; name?: string }>();
  /** tgid → the name its process track was given. */
  const processes = new Map<number, string>();
  /** tid → where its last slice ended: a thread makes one call at a time, so slices must not overlap. */
  const lastEnd = new Map<number, number>();
  /** Socket id → when it was first seen (its async slice's start without the model's `opened`). */
  const opened = new Map<number, number>();
  /** Socket id → its first connect (client) or the accept that made it (server), not yet paired. */
  const connects = new Map<number, Anchor>();
  const accepts = new Map<number, Anchor>();
  /** Writing socket id → its bytes' pending writes and reads. */
  const bytes = new Map<number, ByteState>();
  /** Sockets whose connection event came while their other end's had not: forgotten at the second. */
  const closed = new Map<number, true>();

  let out: string[] = [];
  // Every item follows the opening's first one, so each starts with its comma.
  const emit = (item: string) => {
    out.push(`,\n${item}`);
  };
  const opening = () => {
    if (started) return "";
    started = true;
    // The connections process is named once, up front.
    const name = `{"ph":"M","name":"process_name","pid":${CONNECTIONS_PID},"tid":${CONNECTIONS_PID},"args":{"name":"connections"}}`;
    return `{"traceEvents":[\n${name}`;
  };
  const take = (): string => {
    const text = out.join("");
    out = [];
    return text;
  };

  /** Where an event sits on the clock: its start time in µs, or its seq. */
  const clock = (e: { seq: number; time?: number }): number => {
    if (!stable && e.time !== undefined) {
      timed = true;
      now = Math.round(e.time * 1e6);
      return now;
    }
    return timed && now !== undefined ? now : e.seq;
  };

  /** Names the process and thread tracks when first seen and when the name changes (execve). */
  const track = (pid: number, process: ProcessView | undefined): number => {
    const tgid = process?.tgid ?? threads.get(pid)?.tgid ?? pid;
    const name = process?.name;
    const thread = threads.get(pid);
    if (thread === undefined || thread.tgid !== tgid || (name !== undefined && thread.name !== name)) {
      remember(threads, pid, { tgid, ...(name === undefined ? {} : { name }) }, MAX_THREADS);
      if (name !== undefined) {
        const label = stable ? `${name} p${pid}` : `${name} ${pid}`;
        emit(`{"ph":"M","name":"thread_name","pid":${tgid},"tid":${pid},"args":{"name":${str(label)}}}`);
      }
    }
    if (name !== undefined && processes.get(tgid) !== name) {
      remember(processes, tgid, name, MAX_THREADS);
      emit(`{"ph":"M","name":"process_name","pid":${tgid},"args":{"name":${str(name)}}}`);
    }
    return tgid;
  };

  const flow = (name: string, from: Anchor, to: Anchor) => {
    const id = ++flowIds;
    emit(
      `{"ph":"s","cat":"flow","name":${str(name)},"id":${id},"pid":${from.pid},"tid":${from.tid},"ts":${from.ts}}`,
    );
    emit(
      `{"ph":"f","bp":"e","cat":"flow","name":${str(name)},"id":${id},"pid":${to.pid},"tid":${to.tid},"ts":${to.ts}}`,
    );
  };

  /** A pairing the model made known (client ↔ server socket): the connect → accept arrow, once. */
  const paired = (a: number, b: number | undefined) => {
    if (b === undefined) return;
    for (const [client, server] of [
      [a, b],
      [b, a],
    ] as const) {
      const from = connects.get(client);
      const to = accepts.get(server);
      if (from === undefined || to === undefined) continue;
      connects.delete(client);
      accepts.delete(server);
      flow("connect → accept", from, to);
    }
  };

  const byteState = (socket: number): ByteState => {
    let state = bytes.get(socket);
    if (state === undefined) {
      state = { writes: [], reads: [] };
      remember(bytes, socket, state, MAX_SOCKETS);
    }
    return state;
  };

  /** A write of bytes [from, to) on `socket`: the arrow to each read that waited for it. */
  const wrote = (socket: number, from: number, to: number, at: Anchor) => {
    const state = byteState(socket);
    const waiting: WaitingRead[] = [];
    for (const read of state.reads) {
      if (read.first >= from && read.first < to) flow("bytes", at, read.at);
      else waiting.push(read);
    }
    state.reads = waiting;
    push(state.writes, { from, to, at });
  };

  /** A read of bytes [first, last) that `writer` sent: the arrow from the write holding the first. */
  const read = (writer: number, first: number, last: number, at: Anchor) => {
    const state = byteState(writer);
    const source = state.writes.find((w) => first >= w.from && first < w.to);
    if (source === undefined) push(state.reads, { first, at });
    else flow("bytes", source.at, at);
    // A byte stream is read in order: the writes wholly before `last` can hold no later read's first byte.
    state.writes = state.writes.filter((w) => w.to > last);
  };

  const syscall = (e: SyscallEvent) => {
    const tid = e.pid;
    const pid = track(tid, e.process);
    let ts = clock(e);
    // Every slice is wider than nothing, so the arrows' times inside them are each in one slice.
    const least = stable || e.time === undefined ? SEQ_WIDTH : MIN_WIDTH;
    let dur = least;
    if (!stable && e.time !== undefined) {
      const measured = e.duration ?? (e.end === undefined ? undefined : e.end - e.time);
      if (measured !== undefined) dur = Math.max(least, micros(measured * 1e6));
    }
    // strace's µs (or, with -t, whole-second) times can put a call's start inside the previous
    // call's slice: start it at that end instead, so the thread's slices stay one after another (a
    // viewer drops overlapping ones).
    const previous = lastEnd.get(tid);
    if (previous !== undefined && ts < previous) {
      dur = Math.max(least, micros(ts + dur - previous));
      ts = previous;
    }
    remember(lastEnd, tid, micros(ts + dur), MAX_THREADS);

    const args: Record<string, unknown> = {
      // The arguments after the pipeline's redaction (printedArgs is gone once they were replaced).
      args: e.printedArgs?.() ?? e.args.map(formatValue).join(", "),
      ret: e.incomplete === undefined ? (e.retText ?? e.ret) : `? (${e.incomplete})`,
    };
    if (e.errno !== undefined)
      args.errno = e.errnoText === undefined ? e.errno : `${e.errno} (${e.errnoText})`;
    if (e.fd !== undefined) args.fd = e.fd;
    if (e.socket !== undefined) {
      args.socket = socketText(e.socket);
      args.conn = e.socket.id;
    }
    if (e.newFd !== undefined) args.newFd = e.newFd;
    if (e.newSocket !== undefined) {
      args.newSocket = socketText(e.newSocket);
      args.newConn = e.newSocket.id;
    }
    if (e.transfer !== undefined) {
      if (e.transfer.out > 0) args.bytesOut = e.transfer.out;
      if (e.transfer.in > 0) args.bytesIn = e.transfer.in;
    }
    if (e.injected === true) args.injected = true;
    if (e.delayed === true) args.delayed = true;
    if (e.explain !== undefined) args.summary = e.explain.summary;
    if (e.time === undefined || stable) args.seq = e.seq;
    const cat = e.socket !== undefined || e.newSocket !== undefined ? "net" : "syscall";
    emit(
      `{"ph":"X","cat":"${cat}","name":${str(e.name)},"pid":${pid},"tid":${tid},"ts":${ts},"dur":${dur},"args":${str(args)}}`,
    );

    // A time inside the slice for the arrows that start or end at it.
    const at: Anchor = { pid, tid, ts: micros(ts + dur / 2) };
    for (const s of [e.socket, e.newSocket])
      if (s !== undefined && !opened.has(s.id)) remember(opened, s.id, ts, MAX_SOCKETS);

    const s = e.socket;
    if (e.name === "connect" && isStream(s) && (e.errno === undefined || e.errno === "EINPROGRESS")) {
      // The first connect sent the SYN; a second one on a non-blocking socket only asks how it went.
      if (!connects.has(s.id)) remember(connects, s.id, at, MAX_SOCKETS);
    }
    if (isStream(e.newSocket) && e.name.startsWith("accept")) {
      remember(accepts, e.newSocket.id, at, MAX_SOCKETS);
      paired(e.newSocket.id, e.newSocket.peer);
    }
    if (s !== undefined) paired(s.id, s.peer ?? e.transfer?.peer);

    const t = e.transfer;
    if (t !== undefined && isStream(s)) {
      if (t.out > 0) wrote(s.id, t.totalOut - t.out, t.totalOut, at);
      if (t.in > 0 && t.peer !== undefined) read(t.peer, t.totalIn - t.in, t.totalIn, at);
    }
  };

  const instant = (
    name: string,
    cat: string,
    pid: number | undefined,
    tid: number | undefined,
    ts: number,
    args: Record<string, unknown>,
  ) => {
    const where = pid === undefined ? `"s":"g"` : `"s":"t","pid":${pid},"tid":${tid ?? pid}`;
    emit(`{"ph":"i","cat":"${cat}","name":${str(name)},${where},"ts":${ts},"args":${str(args)}}`);
  };

  const signal = (e: SignalEvent) => {
    const pid = track(e.pid, e.process);
    const args: Record<string, unknown> = {};
    if (e.info !== undefined) args.info = formatValue(e.info);
    if (e.stopped === true) args.stopped = true;
    instant(e.signal, "signal", pid, e.pid, clock(e), args);
  };

  const exit = (e: ExitEvent) => {
    const pid = track(e.pid, e.process);
    const name =
      e.supersededBy !== undefined
        ? "superseded by execve"
        : e.signal !== undefined
          ? `killed by ${e.signal}${e.coreDumped === true ? " (core dumped)" : ""}`
          : `exited ${e.code ?? "?"}`;
    instant(name, "exit", pid, e.pid, clock(e), {});
    // The thread is gone: its pid may come back as another one.
    threads.delete(e.pid);
    lastEnd.delete(e.pid);
    if (e.pid === pid) processes.delete(pid);
  };

  const diagnostic = (e: DiagnosticEvent) => {
    const tid = e.pid;
    const pid = tid === undefined ? undefined : (threads.get(tid)?.tgid ?? tid);
    const args: Record<string, unknown> = { message: e.message, fix: e.fix, events: e.events };
    if (e.socket !== undefined) args.conn = e.socket;
    instant(`${e.severity}: ${e.code}`, "diagnostic", pid, tid, clock({ seq: e.seq }), args);
  };

  /** Forgets what a closed socket left pending, once its other end (if traced) is closed too. */
  const forget = (id: number) => {
    connects.delete(id);
    accepts.delete(id);
    bytes.delete(id);
    opened.delete(id);
    closed.delete(id);
  };

  const connection = (c: ConnectionEvent) => {
    // The last close may be where the model learnt the pairing.
    paired(c.id, c.peer);
    const end = !stable && c.closed !== undefined ? Math.round(c.closed * 1e6) : clock({ seq: c.seq });
    const start = Math.min(
      end,
      !stable && c.opened !== undefined ? Math.round(c.opened * 1e6) : (opened.get(c.id) ?? end),
    );
    const ends = [c.local?.text ?? "?", c.remote?.text ?? c.peers?.map((p) => p.text).join(", ")]
      .filter((x) => x !== undefined)
      .join(" → ");
    const name = `conn#${c.id} ${c.transport} ${c.role} ${ends}`;
    const args: Record<string, unknown> = {
      conn: c.id,
      pid: c.pid,
      fd: c.fd,
      outcome: c.outcome,
      state: c.state,
      bytesIn: c.bytesIn,
      bytesOut: c.bytesOut,
    };
    if (c.family !== undefined) args.family = c.family;
    if (c.accepted !== undefined) args.accepted = c.accepted;
    if (c.peer !== undefined) args.peer = c.peer;
    if (c.inherited === true) args.inherited = true;
    args.release = c.release;
    const head = `"cat":"connection","name":${str(name)},"id":${c.id},"pid":${CONNECTIONS_PID},"tid":${CONNECTIONS_PID}`;
    emit(`{"ph":"b",${head},"ts":${start},"args":${str(args)}}`);
    emit(`{"ph":"e",${head},"ts":${end}}`);

    // Its bytes can still be read, and its pairing still shown, until the other end closes too.
    if (c.peer === undefined || closed.has(c.peer)) {
      forget(c.id);
      if (c.peer !== undefined) forget(c.peer);
    } else remember(closed, c.id, true, MAX_SOCKETS);
  };

  return {
    event(e: TraceEvent): string {
      const before = opening();
      switch (e.type) {
        case "syscall":
          syscall(e);
          break;
        case "signal":
          signal(e);
          break;
        case "exit":
          exit(e);
          break;
        case "connection":
          connection(e);
          break;
        case "diagnostic":
          diagnostic(e);
          break;
        case "summary":
          // Kept for otherData, at the end: the one object the format has for it.
          summary = e;
          break;
        case "note":
        case "unparsed":
          // strace's own notes and lines not understood have no place on a timeline.
          break;
        default:
          assertNever(e, "event");
      }
      return before + take();
    },
    end(): string {
      const before = opening();
      const other: Record<string, unknown> = { generator: "sockscope", clock: timed ? "µs" : "seq" };
      if (summary !== undefined) {
        const { type: _type, seq: _seq, ...rest } = summary;
        other.summary = rest;
      }
      return `${before}\n],"displayTimeUnit":"ms","otherData":${str(other)}}\n`;
    },
  };
}
