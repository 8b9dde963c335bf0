// The shape of the explanation catalogue: one entry per topic (a syscall, an errno, a socket
// option or flag), written as data and validated in tests. Context-aware text comes from `cases`:
// the annotator picks the cases that match the actual call (transport, family, result, blocking
// mode) and fills their {placeholders} from the call.
import { z } from "zod";
import { TRANSPORTS } from "../core/vocabulary.js";

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
  file: z.string().regex(/^(net|fs|kernel|include|mm|arch|security|lib)\//),
  /** What happens there, in a few words. */
  does: z.string(),
});
export type KernelFn = z.infer<typeof KernelFnSchema>;

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
  wire: z.string().optional(),
  note: z.string().optional(),
});
export type Case = z.infer<typeof CaseSchema>;

export const LayerSchema = z.enum(["syscall", "socket", "transport", "ip", "device"]);
export type Layer = z.infer<typeof LayerSchema>;

const osText = z.object({
  windows: z.string(),
  macos: z.string(),
  freebsd: z.string(),
  lwip: z.string(),
  plan9: z.string(),
});

export const SyscallEntrySchema = z.object({
  kind: z.literal("syscall"),
  name: z.string(),
  /** Other names people use for it (send for sendto, select for pselect6…). */
  aliases: z.array(z.string()).default([]),
  /** One line: what the call asks the kernel to do. */
  summary: z.string(),
  /** The kernel path on Linux 6.x, in call order. */
  kernel: z.array(KernelFnSchema).min(1),
  /** Structures created or changed. */
  structures: z.array(z.string()).min(1),
  /** What goes on the wire, by default; cases refine it per transport. */
  wire: z.string(),
  /** When and why it blocks. */
  blocking: z.string(),
  /** What the non-blocking variant does instead. */
  nonblocking: z.string(),
  pitfalls: z.array(z.string()),
  /** The deepest layer this call reaches in the kernel (syscall → socket → transport → IP → device). */
  layer: LayerSchema,
  cases: z.array(CaseSchema),
  man: z.array(z.string().regex(/^[\w.-]+\(\d\w*\)$/)).min(1),
  sources: z.array(SourceSchema).min(1),
  os: osText,
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
  os: osText,
});
export type ErrnoEntry = z.infer<typeof ErrnoEntrySchema>;

export const OptionEntrySchema = z.object({
  kind: z.literal("option"),
  name: z.string(),
  /** SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6, "socket() type flag", "send/recv flag". */
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
  os: osText,
});
export type OptionEntry = z.infer<typeof OptionEntrySchema>;

export const EntrySchema = z.discriminatedUnion("kind", [
  SyscallEntrySchema,
  ErrnoEntrySchema,
  OptionEntrySchema,
]);
export type Entry = z.infer<typeof EntrySchema>;
export type EntryInput = z.input<typeof EntrySchema>;
