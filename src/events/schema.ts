// The JSON-lines contract: what `--json` writes, one event per line, for CI and other tools. These
// zod schemas describe the wire format only; the stages work on the internal types in core/, and
// the JSON sink (render/jsonl.ts) is the one place that turns those into this shape. Every event
// carries `v` (schema version) and `type`. See README "JSON events".
import { z } from "zod";
import { NOTE_KINDS, RULE_NAMES, type TestRow } from "../core/events.js";
import type { KernelSummary, MachineFacts, TcpKernelInfo } from "../core/kernel.js";
import type { Address, Decoration, Value } from "../core/values.js";
import {
  KERNEL_STEP_KINDS,
  OUTCOMES,
  RELEASES,
  ROLES,
  SOCKET_STATES,
  TRANSPORTS,
} from "../core/vocabulary.js";
import { SCHEMA_VERSION } from "./version.js";

export { SCHEMA_VERSION };

export const TransportSchema = z.enum(TRANSPORTS);
export const SocketStateSchema = z.enum(SOCKET_STATES);
export const RoleSchema = z.enum(ROLES);
export const OutcomeSchema = z.enum(OUTCOMES);
export const KernelStepSchema = z.object({ kind: z.enum(KERNEL_STEP_KINDS), text: z.string() });

/** A socket address as people and tools match it: `text` is always present. */
export const AddressSchema = z.object({
  family: z.string(),
  ip: z.string().optional(),
  port: z.number().int().optional(),
  path: z.string().optional(),
  abstract: z.boolean().optional(),
  netlinkPid: z.number().int().optional(),
  netlinkProtocol: z.string().optional(),
  /** Under --stable: the port was an ephemeral one, renamed eph1, eph2… (then `port` is absent). */
  ephemeral: z.string().optional(),
  text: z.string(),
});

/** What strace's -y / -yy decoration says about an fd (evidence, possibly stale: strace caches it). */
export const DecorationSchema = z.object({
  /** The text between the angle brackets, as printed. */
  text: z.string(),
  /** For sockets: the protocol name strace printed (TCP, TCPv6, UDP, UNIX-STREAM, NETLINK, socket…). */
  protocol: z.string().optional(),
  family: z.string().optional(),
  inode: z.number().int().optional(),
  peerInode: z.number().int().optional(),
  local: AddressSchema.optional(),
  remote: AddressSchema.optional(),
  /** For files: the path (and for devices the nested `<char 1:3>` detail). */
  path: z.string().optional(),
  detail: z.string().optional(),
  /** The file was unlinked: strace prints `(deleted)` right after the bracket (`22</tmp/f>(deleted)`). */
  deleted: z.boolean().optional(),
});

const base = { comment: z.string().optional() };

// Decoded argument values. Every variant carries `kind`; `comment` holds a trailing /* … */.
export const NumValueSchema = z.object({
  kind: z.literal("num"),
  value: z.number(),
  /** The number as printed, kept when it is not plain decimal (hex, octal) or not exact in a double. */
  text: z.string().optional(),
  ...base,
});
export const StrValueSchema = z.object({
  kind: z.literal("str"),
  /** The bytes strace printed, decoded as UTF-8 (invalid sequences replaced). */
  value: z.string(),
  /** Number of bytes strace printed (before any `...` truncation mark). */
  bytes: z.number().int(),
  truncated: z.boolean().optional(),
  /** `@"name"`: an abstract unix socket name. */
  abstract: z.boolean().optional(),
  /** strace's escaped text, kept only when the bytes are not valid UTF-8. */
  raw: z.string().optional(),
  /** sockscope cut or masked what it shows (--payload limit, credentials, --no-payload). */
  redacted: z.enum(["cut", "masked", "hidden"]).optional(),
  ...base,
});
export const SymValueSchema = z.object({ kind: z.literal("sym"), value: z.string(), ...base });
export const FlagsValueSchema = z.object({ kind: z.literal("flags"), value: z.array(z.string()), ...base });
export const NullValueSchema = z.object({ kind: z.literal("null"), ...base });
export const FdValueSchema = z.object({
  kind: z.literal("fd"),
  fd: z.number().int(),
  decoration: DecorationSchema,
  ...base,
});
export const RawValueSchema = z.object({ kind: z.literal("raw"), text: z.string(), ...base });
export const EllipsisValueSchema = z.object({ kind: z.literal("more"), ...base });

export const ValueSchema: z.ZodType<Value> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    NumValueSchema,
    StrValueSchema,
    SymValueSchema,
    FlagsValueSchema,
    NullValueSchema,
    FdValueSchema,
    RawValueSchema,
    EllipsisValueSchema,
    z.object({
      kind: z.literal("struct"),
      /** Named fields in order; an unnamed entry is keyed by its position, `#0`, `#1`… */
      fields: z.record(z.string(), ValueSchema),
      more: z.boolean().optional(),
      /** Present when the struct is a sockaddr (it has `sa_family`). */
      addr: AddressSchema.optional(),
      ...base,
    }),
    z.object({
      kind: z.literal("array"),
      items: z.array(ValueSchema),
      more: z.boolean().optional(),
      /** `~[…]`: a signal set printed as its complement. */
      negated: z.boolean().optional(),
      ...base,
    }),
    z.object({ kind: z.literal("call"), fn: z.string(), args: z.array(ValueSchema), ...base }),
    z.object({ kind: z.literal("named"), name: z.string(), value: ValueSchema, ...base }),
    z.object({ kind: z.literal("changed"), from: ValueSchema, to: ValueSchema, ...base }),
  ]),
);

/** The socket behind an fd, as the socket model knows it after the call. */
export const SocketRefSchema = z.object({
  /** The socket model's id for this socket (stable across dup, fork, SCM_RIGHTS and untraced forks). */
  id: z.number().int(),
  family: z.string().optional(),
  /** SOCK_STREAM, SOCK_DGRAM, … from socket()/socketpair() or the first decoration seen. */
  type: z.string().optional(),
  transport: TransportSchema,
  /** The state after the call. */
  state: SocketStateSchema,
  nonblocking: z.boolean(),
  /** socket()'s protocol argument (IPPROTO_TCP…), when the trace shows it. */
  protocol: z.string().optional(),
  inode: z.number().int().optional(),
  peerInode: z.number().int().optional(),
  local: AddressSchema.optional(),
  remote: AddressSchema.optional(),
});

/** What the kernel did for this call, from the catalogue, fitted to the call (see src/explain). */
export const ExplainSchema = z.object({
  summary: z.string(),
  /** Which of the syscall's kernel paths this call took: "TCP over IPv4, the handshake completes". */
  path: z.string().optional(),
  /** The kernel functions this call runs, "function (file)", in call order. */
  kernel: z.array(z.string()),
  /** What the kernel does for this call elsewhere, "function (file): where": later (in softirq, when a timer fires) or at the other end. */
  after: z.array(z.string()).optional(),
  /** What went on the wire. */
  wire: z.string(),
  /** Context: what this result means, errno meaning and what to try, pitfalls that apply. */
  notes: z.array(z.string()),
  /** --explain full: the structures created or changed, when and why it blocks, and the layers. */
  structures: z.array(z.string()).optional(),
  blocking: z.string().optional(),
  layers: z
    .array(z.object({ layer: z.string(), functions: z.array(z.string()), reached: z.boolean() }))
    .optional(),
  /** --os: the equivalent on another system. */
  os: z.object({ name: z.string(), text: z.string() }).optional(),
});

const common = {
  v: z.literal(SCHEMA_VERSION),
  seq: z.number().int(),
  /** The line of the input where the event starts (1-based). */
  lineNo: z.number().int(),
};

/** Seconds: since the epoch (-ttt), since midnight (-t/-tt), or since the first line (-r only). */
const time = z.number().optional();

export const SyscallEventSchema = z.object({
  type: z.literal("syscall"),
  ...common,
  pid: z.number().int(),
  time,
  /** When the call returned, for a call strace printed in two halves (unfinished / resumed). */
  end: time,
  /** Seconds spent in the call (strace -T). */
  duration: z.number().optional(),
  name: z.string(),
  args: z.array(ValueSchema),
  /** The return value; null when the call never returned or strace printed `?`. */
  ret: z.number().nullable(),
  /** The return as printed when it is not a plain decimal (`0x55d0c000`, `?`). */
  retText: z.string().optional(),
  errno: z.string().optional(),
  errnoText: z.string().optional(),
  /** strace's decoded extra after the return: `[{fd=5, revents=POLLOUT}]`, `flags O_RDWR`, `Timeout`. */
  detail: z.string().optional(),
  /** The fd the call works on (its fd argument, or the fd it created). */
  fd: z.number().int().optional(),
  socket: SocketRefSchema.optional(),
  /** The fd file path from -y when the fd is not a socket. */
  path: z.string().optional(),
  /** The fd the call returned, with its decoration (socket, accept, accept4, dup, fcntl F_DUPFD…). */
  newFd: z.number().int().optional(),
  newSocket: SocketRefSchema.optional(),
  /** Why there is no return: the process exited or was killed, strace detached, or the trace ended. */
  incomplete: z.enum(["exit", "detached", "end-of-trace", "lost"]).optional(),
  /** Only the second half of the call was in the trace (the log starts mid-call). */
  partial: z.boolean().optional(),
  /**
   * strace's fault injection (`--inject`, strace's `(INJECTED)`) replaced this call's result: strace
   * turned the call into an invalid syscall, so the kernel ran none of it, and wrote this result.
   */
  injected: z.boolean().optional(),
  /** strace's delay injection (`--inject NAME=delay:TIME`, `(DELAYED)`) held the call at its entry; it then ran for real. */
  delayed: z.boolean().optional(),
  /** What the kernel did on its own during this call (autobind, an ephemeral port…). */
  steps: z.array(KernelStepSchema).optional(),
  explain: ExplainSchema.optional(),
  /** The name the call's destination address was resolved from (a DNS answer or /etc/hosts the trace showed). */
  host: z.string().optional(),
});

/** The kernel's final tcp_info for a TCP socket (see src/core/kernel.ts for each field). */
export const TcpKernelInfoSchema = z.object({
  state: z.string(),
  source: z.enum(["destroyed", "snapshot"]),
  rttMs: z.number().optional(),
  rttVarMs: z.number().optional(),
  minRttMs: z.number().optional(),
  retransmits: z.number().int().optional(),
  bytesRetrans: z.number().int().optional(),
  lost: z.number().int().optional(),
  backoff: z.number().int().optional(),
  cwnd: z.number().int().optional(),
  ssthresh: z.number().int().optional(),
  mss: z.number().int().optional(),
  bytesSent: z.number().int().optional(),
  bytesAcked: z.number().int().optional(),
  bytesReceived: z.number().int().optional(),
  segsOut: z.number().int().optional(),
  segsIn: z.number().int().optional(),
  dataSegsOut: z.number().int().optional(),
  dataSegsIn: z.number().int().optional(),
  deliveryRate: z.number().optional(),
  busyMs: z.number().optional(),
  rwndLimitedMs: z.number().optional(),
  sndbufLimitedMs: z.number().optional(),
  sndWnd: z.number().int().optional(),
  rcvSpace: z.number().int().optional(),
  recvQ: z.number().int().optional(),
  sendQ: z.number().int().optional(),
});

/** The kernel's side of a live trace (summary.kernel). */
export const KernelSummarySchema = z.object({
  scope: z.enum(["system", "namespace"]),
  counters: z.array(z.object({ group: z.string(), name: z.string(), delta: z.number().int() })),
  listeners: z.array(
    z.object({
      local: z.string(),
      peak: z.number().int(),
      backlog: z.number().int(),
      samples: z.number().int(),
    }),
  ),
  notes: z.array(z.string()),
});

/** The traced machine's sysctls (note "machine"). */
export const MachineFactsSchema = z.object({
  kernel: z.string().optional(),
  somaxconn: z.number().int().optional(),
  rmemMax: z.number().int().optional(),
  wmemMax: z.number().int().optional(),
  tcpRmem: z.tuple([z.number().int(), z.number().int(), z.number().int()]).optional(),
  tcpWmem: z.tuple([z.number().int(), z.number().int(), z.number().int()]).optional(),
  ipLocalPortRange: z.tuple([z.number().int(), z.number().int()]).optional(),
  tcpFinTimeout: z.number().int().optional(),
  tcpSynRetries: z.number().int().optional(),
  pingGroupRange: z.string().optional(),
  ipUnprivilegedPortStart: z.number().int().optional(),
});

export const SignalEventSchema = z.object({
  type: z.literal("signal"),
  ...common,
  pid: z.number().int(),
  time,
  signal: z.string(),
  info: ValueSchema.optional(),
  stopped: z.boolean().optional(),
});

export const ExitEventSchema = z.object({
  type: z.literal("exit"),
  ...common,
  pid: z.number().int(),
  time,
  /** The exit status, when the process exited. */
  code: z.number().int().optional(),
  /** The signal that killed the process. */
  signal: z.string().optional(),
  coreDumped: z.boolean().optional(),
  /** A thread was replaced by execve in another thread of the same process. */
  supersededBy: z.number().int().optional(),
});

export const NoteEventSchema = z.object({
  type: z.literal("note"),
  ...common,
  pid: z.number().int().optional(),
  time,
  note: z.enum(NOTE_KINDS),
  subject: z.number().int().optional(),
  text: z.string(),
  /** note "machine": the traced machine's sysctls, first in a live trace. */
  machine: MachineFactsSchema.optional(),
});

export const UnparsedEventSchema = z.object({
  type: z.literal("unparsed"),
  ...common,
  raw: z.string(),
  reason: z.string(),
});

export const ConnectionEventSchema = z.object({
  type: z.literal("connection"),
  v: z.literal(SCHEMA_VERSION),
  seq: z.number().int(),
  /** The socket's id (the `socket.id` of the syscall events that touched it). */
  id: z.number().int(),
  /** The process that created (or first showed) the socket, and its first fd there. */
  pid: z.number().int(),
  fd: z.number().int(),
  transport: TransportSchema,
  role: RoleSchema,
  family: z.string().optional(),
  local: AddressSchema.optional(),
  remote: AddressSchema.optional(),
  /** For datagram sockets: the distinct addresses it sent to or received from (at most 16). */
  peers: z.array(AddressSchema).optional(),
  /** Times as in syscall events: when the socket appeared, and when its last reference closed. */
  opened: z.number().optional(),
  closed: z.number().optional(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  /** For a listener: how many connections it accepted. */
  accepted: z.number().int().optional(),
  outcome: OutcomeSchema,
  /** The last state before the final close. */
  state: SocketStateSchema,
  /** The id of the other end, when both ends were traced. */
  peer: z.number().int().optional(),
  nonblocking: z.boolean(),
  /** Socket options set with setsockopt, by name. */
  options: z.record(z.string(), z.string()),
  /** Failed calls on this socket, by errno. */
  errors: z.record(z.string(), z.number().int()),
  /** The kernel picked the local address itself (autobind on connect, sendto or listen). */
  autobound: z.boolean().optional(),
  /** The socket was already open when first seen (inherited, like stdio socketpairs, or before an attach). */
  inherited: z.boolean().optional(),
  /** How its last reference went: closed, dropped by an execve (close-on-exec), its process exited, or still open when the trace ended. */
  release: z.enum(RELEASES).optional(),
  /** The process that held that last reference (a forked child, say, that kept an inherited socket). */
  releasedBy: z.number().int().optional(),
  /** When a call last used the socket (times as in syscall events). */
  lastUsed: z.number().optional(),
  /** TCP, live traces: the kernel's final tcp_info for this socket (joined by 4-tuple). */
  kernel: TcpKernelInfoSchema.optional(),
  /** The name the remote address (or the one datagram peer) was resolved from, when the trace showed the lookup. */
  remoteHost: z.string().optional(),
  /** Per-test attribution: the test whose call made the socket (a `sockscope:test=` marker named it). */
  test: z.string().optional(),
});

/** A mistake the program made, found from the trace alone (see src/diagnostics). */
export const DiagnosticEventSchema = z.object({
  type: z.literal("diagnostic"),
  v: z.literal(SCHEMA_VERSION),
  seq: z.number().int(),
  /** The rule that fired: epipe-sigpipe, close-wait-leak, backlog-clamped, partial-write… */
  code: z.string(),
  severity: z.enum(["info", "warning", "error"]),
  /** What happened, in one or two sentences, with the fds, addresses and numbers of this trace. */
  message: z.string(),
  /** How to fix it. */
  fix: z.string(),
  pid: z.number().int().optional(),
  /** The socket model id of the socket involved, if any. */
  socket: z.number().int().optional(),
  /** The `seq` of the events involved, in order. */
  events: z.array(z.number().int()),
  /**
   * injected-fault only: what the program did with the result strace injected (--inject): retried
   * the call, closed the fd, exited, was killed by a signal, leaked the fd, or went on.
   */
  reaction: z.enum(["retried", "closed", "exited", "killed", "leaked", "continued"]).optional(),
  /** Per-test attribution: the test running when it fired. */
  test: z.string().optional(),
});

/** One row of the summary's connection table (like bcc's tcplife, without root). */
export const ConnectionRowSchema = z.object({
  id: z.number().int(),
  pid: z.number().int(),
  transport: TransportSchema,
  role: RoleSchema,
  local: z.string().optional(),
  remote: z.string().optional(),
  duration: z.number().optional(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  outcome: OutcomeSchema,
  peer: z.number().int().optional(),
  remoteHost: z.string().optional(),
  kernel: TcpKernelInfoSchema.optional(),
});

/** One thing a run did with the network (summary.network, and a --record-baseline file). */
export const InventoryEntrySchema = z.object({
  kind: z.enum(["endpoint", "listener"]),
  transport: TransportSchema,
  /** The name the address was resolved from (then the address is left out). */
  host: z.string().optional(),
  address: z.string().optional(),
  /** A unix socket's path (`@name` for an abstract one). */
  path: z.string().optional(),
  /** "*": a port the kernel picked (a listener), or any port (in a hand-edited baseline). */
  port: z.union([z.number().int(), z.literal("*")]).optional(),
  /** The programs that did it. */
  by: z.array(z.string()).optional(),
});

export const NetworkInventorySchema = z.object({
  endpoints: z.array(InventoryEntrySchema),
  listeners: z.array(InventoryEntrySchema),
  omitted: z.number().int().optional(),
});

/** A broken --fail-on rule. */
export const ViolationSchema = z.object({
  rule: z.enum(RULE_NAMES),
  pid: z.number().int().optional(),
  call: z.string().optional(),
  address: z.string().optional(),
  /** The name `address` was resolved from. */
  host: z.string().optional(),
  /** The `seq` of the event that broke the rule. */
  seq: z.number().int(),
  message: z.string(),
  /** Per-test attribution: the test that broke the rule. */
  test: z.string().optional(),
});

/** Per-test attribution: one test's share of the trace. */
export const TestRowSchema = z.object({
  name: z.string(),
  /** Sockets the test made. */
  connections: z.number().int(),
  /** The distinct remote endpoints of those sockets (at most 32). */
  endpoints: z.array(z.string()),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  /** --fail-on violations the test's calls made. */
  violations: z.number().int(),
});

export const SummaryEventSchema = z.object({
  type: z.literal("summary"),
  v: z.literal(SCHEMA_VERSION),
  seq: z.number().int(),
  lines: z.number().int(),
  /** Per syscall name: completed calls (those that returned) and the failed ones among them. */
  syscalls: z.record(
    z.string(),
    z.object({
      calls: z.number().int(),
      errors: z.number().int(),
      /** Seconds spent in these calls, summed from -T durations (0 without -T). */
      time: z.number(),
    }),
  ),
  /** Every socket's connection, in the order they closed (at most 1000; `connectionsOmitted` counts the rest). */
  connections: z.array(ConnectionRowSchema),
  connectionsOmitted: z.number().int(),
  /** Per errno name: how many calls failed with it. */
  errnos: z.record(z.string(), z.number().int()),
  /** Calls that never returned (killed, detached, exit_group, or the trace ended). */
  incomplete: z.number().int(),
  unparsed: z.number().int(),
  processes: z.number().int(),
  /** The input ended in the middle of a line. */
  truncated: z.boolean(),
  /** Advice about the trace itself, e.g. that most traced calls were file I/O (try --net-only). */
  hints: z.array(z.string()),
  /** Diagnostics by code. */
  diagnostics: z.record(z.string(), z.number().int()),
  /** --fail-on rules that broke (at most 1000). */
  violations: z.array(ViolationSchema),
  /** Per-test attribution: every test a `sockscope:test=` marker named, in the order first seen; absent when none did. */
  tests: z.array(TestRowSchema).optional(),
  /** Live traces: the kernel's counters, listeners' accept queues, and what could not be read. */
  kernel: KernelSummarySchema.optional(),
  /** What the run did with the network: endpoints and listeners, by host name when known (--record-baseline writes it). */
  network: NetworkInventorySchema.optional(),
  /** --baseline: this run against the reviewed inventory. */
  baseline: z
    .object({ file: z.string(), unexpected: z.array(z.string()), missing: z.array(z.string()) })
    .optional(),
});

/**
 * `sockscope lesson NAME --json`: the lesson's story around its trace. One line with part "intro"
 * before the first event (what to look at), one with part "story" after the last (the key facts,
 * each seen in this trace or not, with the seq of the step that shows it, and the questions).
 */
export const LessonEventSchema = z.object({
  type: z.literal("lesson"),
  v: z.literal(SCHEMA_VERSION),
  seq: z.number().int(),
  part: z.enum(["intro", "story"]),
  name: z.string(),
  title: z.string(),
  intro: z.array(z.string()).optional(),
  facts: z
    .array(z.object({ text: z.string(), seen: z.boolean(), seq: z.number().int().optional() }))
    .optional(),
  questions: z.array(z.object({ q: z.string(), a: z.string() })).optional(),
});

export const EventSchema = z.discriminatedUnion("type", [
  SyscallEventSchema,
  SignalEventSchema,
  ExitEventSchema,
  NoteEventSchema,
  UnparsedEventSchema,
  ConnectionEventSchema,
  DiagnosticEventSchema,
  SummaryEventSchema,
  LessonEventSchema,
]);
export type Event = z.infer<typeof EventSchema>;
export type WireSyscallEvent = z.infer<typeof SyscallEventSchema>;
export type WireConnectionEvent = z.infer<typeof ConnectionEventSchema>;
export type WireSummaryEvent = z.infer<typeof SummaryEventSchema>;
export type WireLessonEvent = z.infer<typeof LessonEventSchema>;
export type WireDiagnosticEvent = z.infer<typeof DiagnosticEventSchema>;

// The schemas and the core types must describe the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof AddressSchema>, Address>,
  Same<z.infer<typeof DecorationSchema>, Decoration>,
  Same<z.infer<typeof TcpKernelInfoSchema>, TcpKernelInfo>,
  Same<z.infer<typeof KernelSummarySchema>, KernelSummary>,
  Same<z.infer<typeof MachineFactsSchema>, MachineFacts>,
  Same<z.infer<typeof TestRowSchema>, TestRow>,
] = [true, true, true, true, true, true];
void checks;
