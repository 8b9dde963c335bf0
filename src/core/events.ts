// The events sockscope's stages pass on, after the socket model: a syscall with the model's facts
// about it, signals, exits, strace's notes, lines not understood, a connection when a socket's last
// reference goes, diagnostics and the summary. These are internal types: the JSON-lines contract
// (events/schema.ts) is a projection of them made by the JSON sink, and nothing else serialises them.
import type { KernelSummary, MachineFacts, TcpKernelInfo } from "./kernel.js";
import type { SyscallSpec } from "./syscalls.js";
import type { Address, Decoration, Value } from "./values.js";
import type { KernelStep, Outcome, Release, Role, SocketState, Transport } from "./vocabulary.js";

/** The model's view of a socket after a call. Immutable: a new view is made when something changes. */
export interface SocketView {
  /** The model's id for this socket (stable across dup, fork, SCM_RIGHTS and untraced forks). */
  readonly id: number;
  readonly family?: string;
  /** SOCK_STREAM, SOCK_DGRAM, … from socket()/socketpair() or the first decoration seen. */
  readonly type?: string;
  readonly transport: Transport;
  readonly state: SocketState;
  /** O_NONBLOCK as the trace shows it (false also when unknown: see blockingUnknown). */
  readonly nonblocking: boolean;
  /** The trace does not show the blocking mode (a socket from before the trace starts). */
  readonly blockingUnknown?: true;
  /** SO_RCVTIMEO / SO_SNDTIMEO: null for none, the value as strace printed it, absent when unknown. */
  readonly rcvtimeo?: string | null;
  readonly sndtimeo?: string | null;
  /** socket()'s protocol argument (IPPROTO_TCP…), when the trace shows it. */
  readonly protocol?: string;
  readonly inode?: number;
  readonly peerInode?: number;
  readonly local?: Address;
  readonly remote?: Address;
  /** The id of the other end, when both ends are traced and the model has paired them (so far). */
  readonly peer?: number;
}

/** A traced process as the model knows it when the event happened. Immutable, like SocketView. */
export interface ProcessView {
  readonly pid: number;
  /** The thread group (process) this pid belongs to: itself unless created with CLONE_THREAD. */
  readonly tgid: number;
  /** The process that created it, when the trace shows the fork. */
  readonly parent?: number;
  /** The program it runs: the base name of its last execve, or its parent's before any. */
  readonly name?: string;
}

/** Bytes a call moved on its socket, as the model counts them, and the socket's totals after it. */
export interface Transfer {
  readonly in: number;
  readonly out: number;
  readonly totalIn: number;
  readonly totalOut: number;
  /**
   * The traced socket at the other end of these bytes: the connection's peer, or for a datagram the
   * socket bound to the address it went to or came from.
   */
  readonly peer?: number;
}

/** What the kernel did for a call, from the catalogue, fitted to the call (see src/explain). */
export interface Explain {
  summary: string;
  /** Which of the syscall's kernel paths this call took: "TCP over IPv4, the handshake completes". */
  path?: string;
  /** The kernel functions this call runs, function (file), in call order. */
  kernel: readonly string[];
  /** What the kernel does for this call elsewhere: later (softirq, a timer) or at the other end. */
  after?: readonly string[];
  /** What went on the wire. */
  wire: string;
  /** Context: what this result means, errno meaning and what to try, pitfalls that apply. */
  notes: string[];
  /** --explain full: the structures created or changed, when and why it blocks, and the layers. */
  structures?: readonly string[];
  blocking?: string;
  layers?: ReadonlyArray<{ layer: string; functions: readonly string[]; reached: boolean }>;
  /** --os: the equivalent on another system. */
  os?: { name: string; text: string };
}

export type Incomplete = "exit" | "detached" | "end-of-trace" | "lost";

/** A syscall after the model: what strace showed, and what the model knows about it. */
export interface SyscallEvent {
  readonly type: "syscall";
  /** The position in the final stream, given once by the pipeline's numbering. */
  seq: number;
  /** The line of the input where the call starts (1-based). */
  readonly lineNo: number;
  readonly pid: number;
  /** Seconds: since the epoch (-ttt), since midnight (-t/-tt), or since the first line (-r only). */
  readonly time?: number;
  /** When the call returned, for a call strace printed in two halves. */
  readonly end?: number;
  readonly duration?: number;
  readonly name: string;
  /** The syscall table's entry, when sockscope knows the call. */
  readonly spec?: SyscallSpec;
  /** The arguments, decoded (on first use). */
  readonly args: readonly Value[];
  /** The arguments as strace printed them, when formatting the decoded values gives exactly that. */
  printedArgs?(): string | undefined;
  readonly ret: number | null;
  readonly retText?: string;
  readonly errno?: string;
  readonly errnoText?: string;
  readonly detail?: string;
  readonly incomplete?: Incomplete;
  readonly partial?: boolean;
  /** strace's fault injection replaced the result (`(INJECTED)`): the kernel never ran the call. */
  readonly injected?: boolean;
  /** strace's delay injection held the call before it ran (`(DELAYED)`); the result is the kernel's. */
  readonly delayed?: boolean;
  // What the model knows.
  /** The fd the call works on (its fd argument, or the fd it created). */
  readonly fd?: number;
  /** The fd's file path from -y, when it is not a socket. */
  readonly path?: string;
  /** The fd the call returned (socket, accept, dup…). */
  readonly newFd?: number;
  readonly socket?: SocketView;
  readonly newSocket?: SocketView;
  readonly steps?: readonly KernelStep[];
  readonly transfer?: Transfer;
  readonly process?: ProcessView;
  /** A readiness wait with a socket among its fds (poll, select), or whose epoll instance watches one. */
  readonly waitsOnSocket?: boolean;
  /**
   * poll/select: the socket the result reports ready, else the first among the fds; an epoll wait:
   * the first socket its result reports ready (none when the result's data cannot be matched);
   * epoll_ctl: its target.
   */
  readonly waited?: SocketView;
  /** A call that moves bytes either way (splice): which way they went through its socket. */
  readonly dataDir?: "in" | "out";
  /** MSG_DONTWAIT made this one call non-blocking on a blocking socket. */
  readonly dontwait?: boolean;
  /** The state of the call's socket before the call, as the model knew it. */
  readonly stateBefore?: SocketState;
  /** close, close_range, dup2 over a socket: whether this fd was the socket's last reference. */
  readonly lastReference?: boolean;
  /** execve: the socket fds that survived into the new program (no close-on-exec). */
  readonly inheritedFds?: readonly InheritedFd[];
  /** Set by the explain stage. */
  explain?: Explain;
  /** The name the call's destination address was resolved from (connect, sendto…), when the trace showed the lookup. */
  host?: string;
}

/** A socket fd that an execve passed on to the new program. */
export interface InheritedFd {
  readonly fd: number;
  readonly socket: SocketView;
  /** The call that made the fd (socket, accept, dup…), when the trace shows it. */
  readonly madeBy?: SyscallEvent;
}

/** The fields of a syscall event that only the model sets. */
export type FactKey =
  | "fd"
  | "path"
  | "newFd"
  | "socket"
  | "newSocket"
  | "steps"
  | "transfer"
  | "process"
  | "waitsOnSocket"
  | "waited"
  | "dataDir"
  | "dontwait"
  | "stateBefore"
  | "lastReference"
  | "inheritedFds";

/**
 * A call as the stitcher hands it to the model: what strace showed, with the fact fields still to
 * be set (by the model, once) and strace's decoration of a returned fd as evidence.
 */
export type StitchedCall = Omit<SyscallEvent, FactKey> & {
  -readonly [K in FactKey]?: SyscallEvent[K];
} & {
  /** The argument text as strace printed it (both halves of a split call, joined). */
  readonly argsText: string;
  /** strace's decoration of the returned fd (`= 4<TCP:[…]>`). */
  readonly retDecoration?: Decoration;
  /** The fd argument at position 0 (`3`, `3<TCP:[…]>`), read cheaply when it has that shape. */
  leadingFd(): { fd: number; decoration?: Decoration } | undefined;
  /** Replaces the decoded arguments with what may be shown of them (the pipeline's redaction). */
  setArgs(args: Value[]): void;
};

/** What the stitcher emits, in an order where every process's lines follow its birth. */
export type Stitched = StitchedCall | SignalEvent | ExitEvent | NoteEvent | UnparsedEvent;

/** What the model emits: the stitched events with their facts, and connections. */
export type ModelEvent = StitchedCall | SignalEvent | ExitEvent | NoteEvent | UnparsedEvent | ConnectionEvent;

export interface SignalEvent {
  readonly type: "signal";
  seq: number;
  readonly lineNo: number;
  readonly pid: number;
  readonly time?: number;
  readonly signal: string;
  readonly info?: Value;
  readonly stopped?: boolean;
  readonly process?: ProcessView;
}

export interface ExitEvent {
  readonly type: "exit";
  seq: number;
  readonly lineNo: number;
  readonly pid: number;
  readonly time?: number;
  /** The exit status, when the process exited. */
  readonly code?: number;
  /** The signal that killed the process. */
  readonly signal?: string;
  readonly coreDumped?: boolean;
  /** A thread was replaced by execve in another thread of the same process. */
  readonly supersededBy?: number;
  readonly process?: ProcessView;
}

export const NOTE_KINDS = [
  "attached",
  "detached",
  "stack",
  "dump",
  "personality",
  "strace",
  "stitch",
  "machine",
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface NoteEvent {
  readonly type: "note";
  seq: number;
  readonly lineNo: number;
  readonly pid?: number;
  readonly time?: number;
  readonly note: NoteKind;
  readonly subject?: number;
  readonly text: string;
  /** note "machine": the traced machine's sysctls, first in a live trace's events. */
  readonly machine?: MachineFacts;
}

export interface UnparsedEvent {
  readonly type: "unparsed";
  seq: number;
  readonly lineNo: number;
  readonly raw: string;
  readonly reason: string;
}

/** A socket whose last reference went (or that was still open when the trace ended). */
export interface ConnectionEvent {
  readonly type: "connection";
  seq: number;
  readonly id: number;
  /** The process that created (or first showed) the socket, and its first fd there. */
  readonly pid: number;
  readonly fd: number;
  readonly transport: Transport;
  readonly role: Role;
  readonly family?: string;
  readonly local?: Address;
  readonly remote?: Address;
  /** For datagram sockets: the distinct addresses it sent to or received from (at most 16). */
  readonly peers?: readonly Address[];
  readonly opened?: number;
  readonly closed?: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly accepted?: number;
  readonly outcome: Outcome;
  /** The last state before the final close. */
  readonly state: SocketState;
  readonly peer?: number;
  readonly nonblocking: boolean;
  readonly options: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, number>>;
  readonly autobound?: boolean;
  /** First seen already open (inherited, like stdio socketpairs, or before an attach). */
  readonly inherited?: boolean;
  /** How the last reference went, and which process held it. */
  readonly release: Release;
  readonly releasedBy?: number;
  /** When a call last used the socket (any process). */
  readonly lastUsed?: number;
  /** TCP: the kernel's final tcp_info for this socket (live traces with kernel state). */
  readonly kernel?: TcpKernelInfo;
  /** The name the remote address (or the one datagram peer) was resolved from, when the trace showed the lookup. */
  readonly remoteHost?: string;
  /** The test that made the socket (per-test attribution: src/attribution). */
  readonly test?: string;
}

export interface DiagnosticEvent {
  readonly type: "diagnostic";
  seq: number;
  /** The rule that fired: epipe-sigpipe, close-wait-leak, backlog-clamped, partial-write… */
  readonly code: string;
  readonly severity: "info" | "warning" | "error";
  readonly message: string;
  readonly fix: string;
  readonly pid?: number;
  readonly socket?: number;
  /** The `seq` of the events involved, in order. */
  readonly events: readonly number[];
  /** injected-fault: what the program did with the injected result. */
  readonly reaction?: "retried" | "closed" | "exited" | "killed" | "leaked" | "continued";
  /** The test running when it fired (per-test attribution). */
  readonly test?: string;
}

export interface ConnectionRow {
  id: number;
  pid: number;
  transport: Transport;
  role: Role;
  local?: string;
  remote?: string;
  duration?: number;
  bytesIn: number;
  bytesOut: number;
  outcome: Outcome;
  peer?: number;
  /** The name the remote address was resolved from (see ConnectionEvent.remoteHost). */
  remoteHost?: string;
  /** The kernel's tcp_info, when known (see ConnectionEvent.kernel). */
  kernel?: TcpKernelInfo;
}

export const RULE_NAMES = [
  "external",
  "listen-any",
  "refused",
  "error",
  "leak",
  "diagnostic",
  "unexpected",
  "missing",
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface Violation {
  rule: RuleName;
  pid?: number;
  /** The call, e.g. connect(fd 3). */
  call?: string;
  address?: string;
  /** The name `address` was resolved from, when the trace showed the lookup. */
  host?: string;
  /** The `seq` of the event that broke the rule. */
  seq: number;
  message: string;
  /** The test that broke it (per-test attribution). */
  test?: string;
}

/** Per-test attribution: one test's share of the trace. */
export interface TestRow {
  name: string;
  /** Sockets the test made, and the distinct remote endpoints among them (at most 32). */
  connections: number;
  endpoints: string[];
  bytesIn: number;
  bytesOut: number;
  violations: number;
}

/** One thing a run did with the network (see summary/inventory.ts). */
export interface InventoryEntry {
  kind: "endpoint" | "listener";
  transport: Transport;
  /** The name the address was resolved from; then `address` is left out (resolvers answer differently each run). */
  host?: string;
  address?: string;
  /** A unix socket's path (`@name` for an abstract one). */
  path?: string;
  /** "*": a listener on a port the kernel picked. */
  port?: number | "*";
  /** The programs that did it (process names). */
  by?: string[];
}

export interface NetworkInventory {
  endpoints: InventoryEntry[];
  listeners: InventoryEntry[];
  /** Entries past the cap, not listed. */
  omitted?: number;
}

export interface SummaryEvent {
  readonly type: "summary";
  seq: number;
  lines: number;
  /** Per syscall name: completed calls (those that returned) and the failed ones among them. */
  syscalls: Record<string, { calls: number; errors: number; time: number }>;
  /** Every socket's connection, in the order they closed (at most 1000; `connectionsOmitted` counts the rest). */
  connections: ConnectionRow[];
  connectionsOmitted: number;
  errnos: Record<string, number>;
  incomplete: number;
  unparsed: number;
  processes: number;
  truncated: boolean;
  hints: string[];
  diagnostics: Record<string, number>;
  violations: Violation[];
  /** Per-test attribution: every test a marker named, in the order first seen (absent: no marker). */
  tests?: TestRow[];
  /** The kernel's side of a live trace: counter deltas, listeners' accept queues, what was not read. */
  kernel?: KernelSummary;
  /** What the run did with the network: its endpoints and listeners (--record-baseline writes it). */
  network?: NetworkInventory;
  /** --baseline: what this run did that the baseline does not list, and what it lists that this run did not do. */
  baseline?: { file: string; unexpected: string[]; missing: string[] };
}

/** A copy of an event that its maker may still fill in (the stabilizer, tests). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Everything a sink can receive. */
export type TraceEvent =
  | SyscallEvent
  | SignalEvent
  | ExitEvent
  | NoteEvent
  | UnparsedEvent
  | ConnectionEvent
  | DiagnosticEvent
  | SummaryEvent;

export type TraceEventType = TraceEvent["type"];
