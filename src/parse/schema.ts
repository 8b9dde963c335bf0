// Typed shapes of what the parser produces from one strace line: decoded argument values,
// socket addresses, -y/-yy fd decorations and the line kinds. Types come from these schemas.
import { z } from "zod";

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
export type Address = z.infer<typeof AddressSchema>;

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
export type Decoration = z.infer<typeof DecorationSchema>;

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

type ValueT =
  | z.infer<typeof NumValueSchema>
  | z.infer<typeof StrValueSchema>
  | z.infer<typeof SymValueSchema>
  | z.infer<typeof FlagsValueSchema>
  | z.infer<typeof NullValueSchema>
  | z.infer<typeof FdValueSchema>
  | z.infer<typeof RawValueSchema>
  | z.infer<typeof EllipsisValueSchema>
  | { kind: "struct"; fields: Record<string, ValueT>; more?: boolean; addr?: Address; comment?: string }
  | { kind: "array"; items: ValueT[]; more?: boolean; negated?: boolean; comment?: string }
  | { kind: "call"; fn: string; args: ValueT[]; comment?: string }
  | { kind: "named"; name: string; value: ValueT; comment?: string }
  | { kind: "changed"; from: ValueT; to: ValueT; comment?: string };

export const ValueSchema: z.ZodType<ValueT> = z.lazy(() =>
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
export type Value = ValueT;

/** A syscall's return, as printed after ` = `. */
export const ReturnSchema = z.object({
  /** The numeric value; null for `= ?`. */
  value: z.number().nullable(),
  /** The text of the value as printed (`0x55d0c000`, `3`, `?`). */
  text: z.string(),
  errno: z.string().optional(),
  errnoText: z.string().optional(),
  /** The fd decoration when the result is an fd (`= 4<TCP:[…]>`). */
  decoration: DecorationSchema.optional(),
  /** strace's decoded extra, e.g. `[{fd=5, revents=POLLOUT}]`, `flags O_RDWR`, `Timeout`. */
  detail: z.string().optional(),
  /** `(INJECTED)` / `(DELAYED)` by strace's fault injection. */
  injected: z.boolean().optional(),
});
export type Return = z.infer<typeof ReturnSchema>;

/** Where and when: what precedes the syscall name on a line. */
export const PrefixSchema = z.object({
  /** The pid, or null when strace printed none (single process, or the first process on stderr). */
  pid: z.number().int().nullable(),
  /** Seconds: since the epoch (-ttt) or since midnight (-t, -tt). */
  time: z.number().optional(),
  /** Seconds since the previous line (-r). */
  rel: z.number().optional(),
});

const lineBase = { lineNo: z.number().int(), ...PrefixSchema.shape };

export const TraceLineSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("syscall"),
    ...lineBase,
    name: z.string(),
    args: z.array(ValueSchema),
    ret: ReturnSchema,
    duration: z.number().optional(),
  }),
  z.object({
    kind: z.literal("unfinished"),
    ...lineBase,
    name: z.string(),
    /** The argument text printed so far; parsed once the call resumes. */
    argsText: z.string(),
  }),
  z.object({
    kind: z.literal("resumed"),
    ...lineBase,
    name: z.string(),
    /** The rest of the argument text, up to the closing parenthesis. */
    argsText: z.string(),
    /** null when the call never returned (`<... x resumed> <unfinished ...>) = ?`). */
    ret: ReturnSchema.nullable(),
    duration: z.number().optional(),
  }),
  z.object({
    kind: z.literal("detached"),
    ...lineBase,
    name: z.string(),
    argsText: z.string(),
  }),
  z.object({
    kind: z.literal("signal"),
    ...lineBase,
    signal: z.string(),
    info: ValueSchema.optional(),
    /** `--- stopped by SIGSTOP ---` rather than a delivery. */
    stopped: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal("exit"),
    ...lineBase,
    code: z.number().int().optional(),
    signal: z.string().optional(),
    coreDumped: z.boolean().optional(),
    /** `+++ superseded by execve in pid N +++`. */
    supersededBy: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal("note"),
    ...lineBase,
    /** attached / detached for `strace: Process N attached`, else other. */
    note: z.enum(["attached", "detached", "stack", "dump", "personality", "strace"]),
    /** The pid the note is about, when it names one. */
    subject: z.number().int().optional(),
    text: z.string(),
  }),
  z.object({
    kind: z.literal("unparsed"),
    lineNo: z.number().int(),
    raw: z.string(),
    reason: z.string(),
  }),
]);
export type TraceLine = z.infer<typeof TraceLineSchema>;
export type TraceLineKind = TraceLine["kind"];
