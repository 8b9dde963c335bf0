// The state of the interactive view as a pure reducer: the last events of the trace, a live table of
// the sockets they touched, the selection, the filter and which explanations are open. No React here;
// the hook in use-trace-store.ts feeds it and the components only read the selectors' results.

import { assertNever } from "../../core/assert-never.js";
import type { SocketView, SummaryEvent, SyscallEvent, TraceEvent } from "../../core/events.js";
import type { TcpKernelInfo } from "../../core/kernel.js";
import type { Outcome, Role, SocketState, Transport } from "../../core/vocabulary.js";
import { withHost } from "../host.js";

type Event = TraceEvent;

/** How many events the view keeps (the oldest go first). */
export const MAX_EVENTS = 5000;
/** How many sockets the connection table keeps (finished ones go first). */
export const MAX_CONNECTIONS = 1000;

/** One socket as the table shows it: live from syscall events, final once its connection event came. */
export interface ConnectionRow {
  id: number;
  pid: number;
  fd?: number;
  transport: Transport;
  role?: Role;
  local?: string;
  remote?: string;
  state: SocketState;
  bytesIn: number;
  bytesOut: number;
  /** How it ended: set by the `connection` event when its last reference closed. */
  outcome?: Outcome;
  /** The kernel's final tcp_info (live traces with kernel state). */
  kernel?: TcpKernelInfo;
}

export interface TraceState {
  /** The last MAX_EVENTS events, in stream order (the summary is kept apart). */
  events: readonly Event[];
  /** How many older events were dropped. */
  dropped: number;
  /** Sockets by id, in the order they appeared. */
  connections: ReadonlyMap<number, ConnectionRow>;
  /** The `seq` of the selected event; null: the first visible one. */
  selected: number | null;
  /** The selection tracks the newest visible event (End / G). */
  follow: boolean;
  /** Events whose explanation is shown in full. */
  expanded: ReadonlySet<number>;
  /** How far the explanation pane is scrolled (clamped when shown; back to 0 on any other change). */
  paneOffset: number;
  /** Substring filter over syscall name, addresses and errno ("" = none). */
  filter: string;
  /** Show only this socket's events (a socket id), or all. */
  connection: number | null;
  /** The time of the first timed event: lines show times relative to it. */
  origin?: number;
  summary?: SummaryEvent;
  ended: boolean;
  /** Why the event stream stopped early. */
  error?: string;
}

export type TraceAction =
  | { kind: "event"; event: Event }
  /** Several events at once (what the hook sends, one render per batch). */
  | { kind: "events"; events: readonly Event[] }
  /** Move the selection; ±Infinity go to the first / last (the last also starts following). */
  | { kind: "move"; delta: number }
  | { kind: "toggle-expand" }
  /** Scroll the explanation pane (a long full explanation on a short terminal). */
  | { kind: "scroll-pane"; delta: number }
  | { kind: "filter"; text: string }
  /**
   * Narrow the list to one socket: from all, the selected event's socket (the first socket when it
   * has none); from one socket, the next by id; after the last, all again.
   */
  | { kind: "cycle-connection" }
  /** Drop both the socket and the text filter (Esc). */
  | { kind: "clear-filters" }
  | { kind: "end"; error?: string };

export const initialTraceState: TraceState = {
  events: [],
  dropped: 0,
  connections: new Map(),
  selected: null,
  follow: false,
  expanded: new Set(),
  paneOffset: 0,
  filter: "",
  connection: null,
  ended: false,
};

export function reduceTrace(state: TraceState, action: TraceAction): TraceState {
  switch (action.kind) {
    case "event":
      return appendEvents(state, [action.event]);
    case "events":
      return action.events.length === 0 ? state : appendEvents(state, action.events);
    case "move":
      return move(state, action.delta);
    case "toggle-expand": {
      const e = selectedEvent(state);
      if (!e) return state;
      const expanded = new Set(state.expanded);
      if (!expanded.delete(e.seq)) expanded.add(e.seq);
      // An open explanation stays put: stop following so new events do not take it away.
      return { ...state, expanded, selected: e.seq, follow: false, paneOffset: 0 };
    }
    case "scroll-pane":
      return { ...state, paneOffset: Math.max(0, state.paneOffset + action.delta) };
    case "filter":
      return pinSelection({ ...state, filter: action.text.trim(), paneOffset: 0 });
    case "cycle-connection":
      return pinSelection({ ...state, connection: nextConnection(state), paneOffset: 0 });
    case "clear-filters":
      return state.connection === null && state.filter === ""
        ? state
        : pinSelection({ ...state, connection: null, filter: "", paneOffset: 0 });
    case "end":
      return action.error === undefined
        ? { ...state, ended: true }
        : { ...state, ended: true, error: action.error };
    default:
      return assertNever(action, "action");
  }
}

// ---- events and the connection table ----

function appendEvents(state: TraceState, incoming: readonly Event[]): TraceState {
  const connections = new Map(state.connections);
  let events = state.events.slice();
  let origin = state.origin;
  let summary = state.summary;
  for (const e of incoming) {
    if (e.type === "summary") {
      summary = e;
      continue;
    }
    if (origin === undefined && "time" in e && e.time !== undefined) origin = e.time;
    events.push(e);
    if (e.type === "syscall") trackSyscall(connections, e);
    else if (e.type === "connection") {
      connections.set(e.id, {
        id: e.id,
        pid: e.pid,
        fd: e.fd,
        transport: e.transport,
        role: e.role,
        local: e.local?.text,
        remote: withHost(
          e.remote?.text ?? (e.peers?.length ? e.peers.map((p) => p.text).join(", ") : undefined),
          e.remoteHost,
        ),
        state: e.state,
        bytesIn: e.bytesIn,
        bytesOut: e.bytesOut,
        outcome: e.outcome,
        ...(e.kernel !== undefined ? { kernel: e.kernel } : {}),
      });
    }
  }
  let dropped = state.dropped;
  if (events.length > MAX_EVENTS) {
    dropped += events.length - MAX_EVENTS;
    events = events.slice(events.length - MAX_EVENTS);
  }
  trimConnections(connections);
  return { ...state, events, dropped, connections, origin, summary };
}

function trackSyscall(connections: Map<number, ConnectionRow>, e: SyscallEvent): void {
  if (e.socket !== undefined) {
    const row = touch(connections, e.socket, e.pid, e.fd);
    // The model's totals for the socket after this call (every data call, mmsg per message).
    if (row && e.transfer !== undefined) {
      row.bytesIn = e.transfer.totalIn;
      row.bytesOut = e.transfer.totalOut;
    }
  }
  if (e.newSocket !== undefined && e.newSocket.id !== e.socket?.id)
    touch(connections, e.newSocket, e.pid, e.newFd);
}

/** Updates (or adds) a socket's row from a syscall's view of it; finished rows are left alone. */
function touch(
  connections: Map<number, ConnectionRow>,
  ref: SocketView,
  pid: number,
  fd: number | undefined,
): ConnectionRow | undefined {
  const id = ref.id;
  const old = connections.get(id);
  if (old?.outcome !== undefined) return undefined;
  const row: ConnectionRow = old
    ? { ...old }
    : { id, pid, fd, transport: ref.transport, state: ref.state, bytesIn: 0, bytesOut: 0 };
  row.transport = ref.transport;
  row.state = ref.state;
  if (ref.local) row.local = ref.local.text;
  if (ref.remote) row.remote = ref.remote.text;
  connections.set(id, row);
  return row;
}

function trimConnections(connections: Map<number, ConnectionRow>): void {
  if (connections.size <= MAX_CONNECTIONS) return;
  for (const [id, row] of connections) {
    if (connections.size <= MAX_CONNECTIONS) return;
    if (row.outcome !== undefined) connections.delete(id);
  }
  for (const id of connections.keys()) {
    if (connections.size <= MAX_CONNECTIONS) return;
    connections.delete(id);
  }
}

// ---- selection ----

/**
 * After the filters changed: the selection is the event now shown (the nearest still visible), so
 * that widening the filters again keeps it rather than going back to where it was before.
 */
function pinSelection(state: TraceState): TraceState {
  if (state.follow) return state;
  const e = selectedEvent(state);
  return e === undefined ? state : { ...state, selected: e.seq };
}

/** The socket `c` narrows the list to next (null: all). */
function nextConnection(state: TraceState): number | null {
  const ids = [...state.connections.keys()].sort((a, b) => a - b);
  if (state.connection === null) {
    // Start from the socket of the event the user is looking at, if the table has it.
    const selected = selectedEvent(state);
    const own = selected ? socketsOf(selected).find((id) => state.connections.has(id)) : undefined;
    return own ?? ids[0] ?? null;
  }
  // The next id after the current one (which may have been trimmed from the table meanwhile).
  return ids.find((id) => id > (state.connection as number)) ?? null;
}

function move(state: TraceState, delta: number): TraceState {
  const visible = visibleEvents(state);
  if (visible.length === 0) return delta === Number.POSITIVE_INFINITY ? { ...state, follow: true } : state;
  const at = selectedIndex(state, visible);
  const to = Math.max(0, Math.min(visible.length - 1, at + delta));
  const target = visible[to] as Event;
  return { ...state, selected: target.seq, follow: delta === Number.POSITIVE_INFINITY, paneOffset: 0 };
}

/** The index in `visible` of the selected event (-1 when nothing is visible). */
export function selectedIndex(state: TraceState, visible: readonly Event[]): number {
  if (visible.length === 0) return -1;
  if (state.follow) return visible.length - 1;
  const seq = state.selected;
  if (seq === null) return 0;
  // The selected event may be filtered out or dropped: take the next one still shown.
  const at = visible.findIndex((e) => e.seq >= seq);
  return at === -1 ? visible.length - 1 : at;
}

// ---- selectors ----

/** The socket ids an event is about. */
export function socketsOf(e: Event): number[] {
  switch (e.type) {
    case "syscall": {
      const ids: number[] = [];
      if (e.socket?.id !== undefined) ids.push(e.socket.id);
      if (e.newSocket?.id !== undefined) ids.push(e.newSocket.id);
      return ids;
    }
    case "connection":
      return [e.id];
    case "diagnostic":
      return e.socket === undefined ? [] : [e.socket];
    default:
      return [];
  }
}

/** The text the `/` filter looks in: the syscall name, its addresses, its errno, and `injected` / `delayed` (--inject). */
export function searchTextOf(e: Event): string {
  switch (e.type) {
    case "syscall": {
      const parts = [e.name, e.errno ?? "", e.injected ? "injected" : "", e.delayed ? "delayed" : ""];
      for (const ref of [e.socket, e.newSocket]) parts.push(ref?.local?.text ?? "", ref?.remote?.text ?? "");
      for (const a of e.args) if (a.kind === "struct" && a.addr) parts.push(a.addr.text);
      return parts.join("\n");
    }
    case "connection":
      return [
        e.local?.text,
        e.remote?.text,
        ...(e.peers ?? []).map((p) => p.text),
        e.outcome,
        ...Object.keys(e.errors),
      ]
        .filter((x) => x !== undefined)
        .join("\n");
    case "diagnostic":
      return e.code;
    case "signal":
      return e.signal;
    case "exit":
      return e.signal ?? "";
    case "note":
      return e.text;
    case "unparsed":
      return e.raw;
    case "summary":
      return "";
    default:
      return assertNever(e, "event");
  }
}

/** The events the list shows: those of the chosen socket, matching the filter. */
export function visibleEvents(state: TraceState): Event[] {
  const needle = state.filter.toLowerCase();
  const socket = state.connection;
  return state.events.filter(
    (e) =>
      (socket === null || socketsOf(e).includes(socket)) &&
      (needle === "" || searchTextOf(e).toLowerCase().includes(needle)),
  );
}

export function selectedEvent(state: TraceState, visible = visibleEvents(state)): Event | undefined {
  return visible[selectedIndex(state, visible)];
}

/** The connection table, by socket id. */
export function connectionRows(state: TraceState): ConnectionRow[] {
  return [...state.connections.values()].sort((a, b) => a.id - b.id);
}

/** The depth the selected event's explanation is shown at. */
export function depthOf(state: TraceState, e: Event | undefined): "brief" | "full" {
  return e !== undefined && state.expanded.has(e.seq) ? "full" : "brief";
}
