// The shape of the explanation catalogue: one entry per topic (a syscall, an errno, a socket
// option or flag), written as data and validated in tests. A syscall's kernel story is a set of
// paths (catalogue/paths/): one per family, protocol, outcome and state that runs different kernel
// code, each with its steps in call order, the structures it touches and what it puts on the wire.
// The annotator picks the one path that fits the actual call, and the `cases` that match it for
// the summary and notes, filling their {placeholders} from the call.
import { z } from "zod";
import { SOCKET_STATES, TRANSPORTS } from "../core/vocabulary.js";

import { OS_NAMES } from "./os.js";

export { OS_NAMES };
export const OsSchema = z.enum(OS_NAMES);
export type Os = z.infer<typeof OsSchema>;

/** Where a claim can be checked: a file of a public repository (with the symbols it defines) or a man page. */
export const SourceSchema = z.union([
  z.object({ repo: z.string(), path: z.string(), symbols: z.array(z.string()).optional() }),
  z.object({ man: z.string().regex(/^[\w.-]+\(\d\w*\)$/) }),
]);
export type Source = z.infer<typeof SourceSchema>;

/** One function on the kernel path, with the file that defines it (relative to the Linux tree). */
export const KernelFnSchema = z.object({
  fn: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  file: z.string().regex(/^(net|fs|kernel|include|mm|arch|security|lib|drivers)\//),
  /** What happens there, in a few words. */
  does: z.string(),
});
export type KernelFn = z.infer<typeof KernelFnSchema>;

/**
 * Where a step of a path runs:
 * - `call`: in this syscall, in the calling thread (the default);
 * - `softirq`: on this host, but later or alongside, in softirq (a packet arriving, loopback's
 *   delivery of what this call sent), not in the call's own stack;
 * - `arrival`: when the answer to what this call sent is processed: in softirq, or, if it arrives
 *   while the call holds the socket lock (usual on loopback), inside the call, from the socket's
 *   backlog when the lock is released;
 * - `timer`: later, when a timer fires (retransmission, TIME_WAIT, keepalive);
 * - `peer`: at the other end: the peer socket's kernel code (on loopback the same kernel, in
 *   softirq for TCP and UDP) or the peer process's own later call.
 */
export const WHERE = ["call", "softirq", "arrival", "timer", "peer"] as const;
export type Where = (typeof WHERE)[number];

export const StepSchema = KernelFnSchema.extend({
  at: z.enum(WHERE).optional(),
  /** The step runs only in this case, which the trace does not show: "nothing was queued yet". */
  only: z.string().optional(),
  /** The step runs only when this argument is not NULL (accept's address): dropped when it is. */
  ifArg: z.number().int().nonnegative().optional(),
  /** Only this kernel has the step (the other reaches the same point through other functions). */
  kernels: z.enum(["6.1", "6.12"]).optional(),
});
export type Step = z.infer<typeof StepSchema>;

/**
 * The calls a path is the story of. Every given field must match the call; a fact the trace does
 * not give (an unknown family, an unknown state) matches no field that asks for it, so the call
 * falls through to a later, less specific path.
 */
export const PathWhenSchema = z.object({
  /** AF_INET, AF_INET6, AF_UNIX, AF_NETLINK, AF_PACKET… */
  family: z.array(z.string()).optional(),
  transport: z.array(z.enum(TRANSPORTS)).optional(),
  /** "ok", "eof" (a read of 0 on a stream), an errno name, or "error" for any failure. */
  result: z.array(z.string()).optional(),
  /** Whether this call ran non-blocking (O_NONBLOCK on the file, or MSG_DONTWAIT). */
  nonblocking: z.boolean().optional(),
  /** The socket's state before the call, as the model knew it. */
  state: z.array(z.enum(SOCKET_STATES)).optional(),
  /** The symbolic value of the call's selector argument (see PathSetSchema.selector). */
  arg: z.array(z.string()).optional(),
  /** close: whether this fd was the socket's last reference (other fds or processes keep it open). */
  last: z.boolean().optional(),
  /** AF_INET6 only: the address at the other end is IPv4-mapped (::ffff:a.b.c.d). */
  mapped: z.boolean().optional(),
  /** Which way the call's bytes go through the socket: "in" (received) or "out" (sent). splice
   * works either way, on whichever of its two fds is the socket. */
  dir: z.array(z.enum(["in", "out"])).optional(),
});
export type PathWhen = z.infer<typeof PathWhenSchema>;

/** The story of one kind of call: the kernel code it runs, in order, and what it leaves behind. */
export const PathSchema = z.object({
  /** Unique within the syscall, kebab-case: "tcp4-connected", "unix-stream-eof". */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** For people: "TCP over IPv4, the handshake completes". */
  title: z.string(),
  when: PathWhenSchema,
  steps: z.array(StepSchema).min(1),
  /** Structures this path creates or changes. */
  structures: z.array(z.string()).min(1),
  /** What goes on the wire on this path (plain text: the same for every call that takes it). */
  wire: z.string(),
  /** When and why this path blocks, when it differs from the syscall's general text. */
  blocking: z.string().optional(),
});
export type Path = z.infer<typeof PathSchema>;

/**
 * A syscall's paths, most specific first: the annotator takes the first whose `when` matches.
 * The last path has an empty `when`: the story of any call, told only as far as the trace can
 * tell (the syscall and socket layers), for a socket whose family the log does not show.
 */
export const PathSetSchema = z.object({
  syscall: z.string(),
  /** Other syscalls that reach the same code after their own entry (ppoll for poll). */
  alsoFor: z.array(z.string()).optional(),
  /** The argument whose symbolic value `when.arg` matches (shutdown's how, setsockopt's level). */
  selector: z.number().int().min(0).optional(),
  paths: z.array(PathSchema).min(1),
});
export type PathSet = z.infer<typeof PathSetSchema>;
export type PathSetInput = z.input<typeof PathSetSchema>;

/** A transport a case applies to: the socket model's transports. */
export const TransportMatchSchema = z.enum(TRANSPORTS);

/**
 * A context the text applies to. Every given field must match. `result` is "ok" for success,
 * "eof" for a read that returned 0, an errno name (EINPROGRESS, EAGAIN…) for that failure, or
 * "error" for any failure.
 */
export const WhenSchema = z.object({
  transport: z.array(TransportMatchSchema).optional(),
  family: z.array(z.string()).optional(),
  result: z.array(z.string()).optional(),
  nonblocking: z.boolean().optional(),
  /** bind/connect: whether the address the call gave has port 0 (the kernel picks one). */
  port0: z.boolean().optional(),
  /** The socket's state before the call, as the model knew it. */
  state: z.array(z.enum(SOCKET_STATES)).optional(),
  /** close: whether this fd was the socket's last reference. */
  last: z.boolean().optional(),
  /** Which way the bytes went through the socket (splice works either way). */
  dir: z.array(z.enum(["in", "out"])).optional(),
});
export type When = z.infer<typeof WhenSchema>;

/**
 * Text for one context. Placeholders: {fd} {local} {remote} {peer} {bytes} {backlog} {somaxconn}
 * {option} {value} {errno} {transport} {family} {state}. Unknown values leave the placeholder's
 * sentence out (the annotator drops a case whose placeholders it cannot fill).
 */
export const CaseSchema = z.object({
  when: WhenSchema,
  summary: z.string().optional(),
  note: z.string().optional(),
});
export type Case = z.infer<typeof CaseSchema>;

export const LayerSchema = z.enum(["syscall", "socket", "transport", "ip", "device"]);
export type Layer = z.infer<typeof LayerSchema>;

export const SyscallEntrySchema = z.object({
  kind: z.literal("syscall"),
  name: z.string(),
  /** Other names people use for it (send for sendto, select for pselect6…). */
  aliases: z.array(z.string()).default([]),
  /** One line: what the call asks the kernel to do. */
  summary: z.string(),
  /** When and why it blocks. */
  blocking: z.string(),
  /** What the non-blocking variant does instead. */
  nonblocking: z.string(),
  pitfalls: z.array(z.string()),
  cases: z.array(CaseSchema),
  man: z.array(z.string().regex(/^[\w.-]+\(\d\w*\)$/)).min(1),
  sources: z.array(SourceSchema).min(1),
});
export type SyscallEntry = z.infer<typeof SyscallEntrySchema>;

export const ErrnoEntrySchema = z.object({
  kind: z.literal("errno"),
  name: z.string().regex(/^E[A-Z0-9_]+$/),
  /** Linux x86_64 number. */
  number: z.number().int(),
  /** strerror text. */
  text: z.string(),
  /** What the kernel saw when it returned this on a socket call. */
  meaning: z.string(),
  /** Likely causes in a program, most common first. */
  causes: z.array(z.string()).min(1),
  /** What to try. */
  fixes: z.array(z.string()).min(1),
  /** Socket calls that return it. */
  calls: z.array(z.string()).min(1),
  /** Whether a program should treat it as normal flow (EAGAIN, EINPROGRESS, EINTR…). */
  expected: z.boolean(),
  man: z.array(z.string()).min(1),
  sources: z.array(SourceSchema).min(1),
});
export type ErrnoEntry = z.infer<typeof ErrnoEntrySchema>;

export const OptionEntrySchema = z.object({
  kind: z.literal("option"),
  name: z.string(),
  /**
   * Other spellings of the same option, e.g. the one strace prints (SO_TIMESTAMP_OLD for
   * SO_TIMESTAMP): `explain` and the setsockopt annotation find the entry by them too.
   */
  aliases: z.array(z.string()).optional(),
  /**
   * SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6, SOL_NETLINK, "socket() type flag",
   * "send/recv flag", or "ioctl request, not a socket option level" (an ioctl(2) command on a socket fd: not a setsockopt
   * level, but looked up and explained the same way).
   */
  level: z.string(),
  summary: z.string(),
  /** What it changes inside the kernel (struct fields, flags) and where. */
  kernel: z.string(),
  /** The default on Linux, and the sysctl that sets it when there is one. */
  default: z.string(),
  pitfalls: z.array(z.string()),
  cases: z.array(CaseSchema).default([]),
  man: z.array(z.string()).min(1),
  sources: z.array(SourceSchema).min(1),
});
export type OptionEntry = z.infer<typeof OptionEntrySchema>;

/**
 * A topic that is no single call, errno or option: a kind of socket or a mechanism that spans
 * several calls (ping sockets, IPv4-mapped addresses, netlink dumps). `sockscope explain` finds it
 * by its name or any alias.
 */
export const ConceptEntrySchema = z.object({
  kind: z.literal("concept"),
  /** Lower case, as people say it: "ping sockets". */
  name: z.string(),
  /** Short names to look it up by: "ping", "icmp socket"… */
  aliases: z.array(z.string()),
  /** One or two sentences: what it is. */
  summary: z.string(),
  /** How the kernel does it, one point a line, in the order things happen. */
  kernel: z.array(z.string()).min(1),
  /** Sysctls and options that govern it, with their defaults. */
  settings: z.array(z.string()),
  pitfalls: z.array(z.string()),
  /** Other topics of the catalogue to read with it (their names). */
  related: z.array(z.string()),
  man: z.array(z.string()).min(1),
  sources: z.array(SourceSchema).min(1),
});
export type ConceptEntry = z.infer<typeof ConceptEntrySchema>;

export const EntrySchema = z.discriminatedUnion("kind", [
  SyscallEntrySchema,
  ErrnoEntrySchema,
  OptionEntrySchema,
  ConceptEntrySchema,
]);
export type Entry = z.infer<typeof EntrySchema>;
export type EntryInput = z.input<typeof EntrySchema>;
