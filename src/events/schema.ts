// The event stream sockscope emits (and writes as JSON lines): the contract for CI and other tools.
// Every event carries `v` (schema version) and `type`. See README "JSON events".
import { z } from "zod";
import { AddressSchema, ValueSchema } from "../parse/schema.js";
import {
  KernelStepSchema,
  OutcomeSchema,
  RoleSchema,
  SocketStateSchema,
  TransportSchema,
} from "../sockets/schema.js";

import { SCHEMA_VERSION } from "./version.js";

export { SCHEMA_VERSION };

/** What is known about the socket behind an fd (from strace's -y/-yy decoration for now). */
export const SocketRefSchema = z.object({
  /** The socket model's id for this socket (stable across dup, fork and SCM_RIGHTS). */
  id: z.number().int().optional(),
  family: z.string().optional(),
  /** SOCK_STREAM, SOCK_DGRAM, … from socket()/socketpair(). */
  type: z.string().optional(),
  transport: TransportSchema.optional(),
  /** The state after the call. */
  state: SocketStateSchema.optional(),
  nonblocking: z.boolean().optional(),
  /** strace's protocol name: TCP, TCPv6, UDP, UDPv6, UNIX, UNIX-STREAM, NETLINK, RAW, socket… */
  protocol: z.string().optional(),
  inode: z.number().int().optional(),
  peerInode: z.number().int().optional(),
  local: AddressSchema.optional(),
  remote: AddressSchema.optional(),
});
export type SocketRef = z.infer<typeof SocketRefSchema>;

/** What the kernel did for this call, from the catalogue, fitted to the call (see src/explain). */
export const ExplainSchema = z.object({
  summary: z.string(),
  /** The kernel path, function (file), in call order. */
  kernel: z.array(z.string()),
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
export type Explain = z.infer<typeof ExplainSchema>;

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
  /** strace's fault injection changed this call. */
  injected: z.boolean().optional(),
  /** What the kernel did on its own during this call (autobind, an ephemeral port…). */
  steps: z.array(KernelStepSchema).optional(),
  explain: ExplainSchema.optional(),
});
export type SyscallEvent = z.infer<typeof SyscallEventSchema>;

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
  note: z.enum(["attached", "detached", "stack", "dump", "personality", "strace", "stitch"]),
  subject: z.number().int().optional(),
  text: z.string(),
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
});
export type ConnectionEvent = z.infer<typeof ConnectionEventSchema>;

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
});
export type DiagnosticEvent = z.infer<typeof DiagnosticEventSchema>;

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
});

/** A broken --fail-on rule. */
export const ViolationSchema = z.object({
  rule: z.enum(["external", "listen-any", "refused", "error", "leak", "diagnostic"]),
  pid: z.number().int().optional(),
  call: z.string().optional(),
  address: z.string().optional(),
  /** The `seq` of the event that broke the rule. */
  seq: z.number().int(),
  message: z.string(),
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
});
export type SummaryEvent = z.infer<typeof SummaryEventSchema>;

export const EventSchema = z.discriminatedUnion("type", [
  SyscallEventSchema,
  SignalEventSchema,
  ExitEventSchema,
  NoteEventSchema,
  UnparsedEventSchema,
  ConnectionEventSchema,
  DiagnosticEventSchema,
  SummaryEventSchema,
]);
export type Event = z.infer<typeof EventSchema>;
export type EventType = Event["type"];
export type SignalEvent = z.infer<typeof SignalEventSchema>;
export type ExitEvent = z.infer<typeof ExitEventSchema>;
export type NoteEvent = z.infer<typeof NoteEventSchema>;
export type UnparsedEvent = z.infer<typeof UnparsedEventSchema>;

/** What the stitcher emits. */
export type StreamEvent = Exclude<Event, SummaryEvent | ConnectionEvent | DiagnosticEvent>;
/** What the socket model emits: the stitched events, enriched, and connections. */
export type ModelEvent = Exclude<Event, SummaryEvent | DiagnosticEvent>;
