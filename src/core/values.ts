// What a strace line decodes into: argument values, socket addresses, -y/-yy fd decorations and
// return values. Plain types shared by every stage; the wire schema (events/schema.ts) checks them.

/** A socket address as people and tools match it: `text` is always present. */
export interface Address {
  family: string;
  ip?: string;
  port?: number;
  path?: string;
  abstract?: boolean;
  netlinkPid?: number;
  netlinkProtocol?: string;
  /** Under --stable: the port was an ephemeral one, renamed eph1, eph2… (then `port` is absent). */
  ephemeral?: string;
  text: string;
}

/** What strace's -y / -yy decoration says about an fd (evidence, possibly stale: strace caches it). */
export interface Decoration {
  /** The text between the angle brackets, as printed. */
  text: string;
  /** For sockets: the protocol name strace printed (TCP, TCPv6, UDP, UNIX-STREAM, NETLINK, socket…). */
  protocol?: string;
  family?: string;
  inode?: number;
  peerInode?: number;
  local?: Address;
  remote?: Address;
  /** For files: the path (and for devices the nested `<char 1:3>` detail). */
  path?: string;
  detail?: string;
  /** The file was unlinked: strace prints `(deleted)` right after the bracket. */
  deleted?: boolean;
}

interface Commented {
  /** A trailing C comment strace printed after the value. */
  comment?: string;
}

export interface NumValue extends Commented {
  kind: "num";
  value: number;
  /** The number as printed, kept when it is not plain decimal (hex, octal) or not exact in a double. */
  text?: string;
}
export interface StrValue extends Commented {
  kind: "str";
  /** The bytes strace printed, decoded as UTF-8 (invalid sequences replaced). */
  value: string;
  /** Number of bytes strace printed (before any `...` truncation mark). */
  bytes: number;
  truncated?: boolean;
  /** `@"name"`: an abstract unix socket name. */
  abstract?: boolean;
  /** strace's escaped text, kept only when the bytes are not valid UTF-8. */
  raw?: string;
  /** sockscope cut or masked what it shows (--payload limit, credentials, --no-payload). */
  redacted?: "cut" | "masked" | "hidden";
}
export interface SymValue extends Commented {
  kind: "sym";
  value: string;
}
export interface FlagsValue extends Commented {
  kind: "flags";
  value: string[];
}
export interface NullValue extends Commented {
  kind: "null";
}
export interface FdValue extends Commented {
  kind: "fd";
  fd: number;
  decoration: Decoration;
}
export interface RawValue extends Commented {
  kind: "raw";
  text: string;
}
export interface MoreValue extends Commented {
  kind: "more";
}
export interface StructValue extends Commented {
  kind: "struct";
  /** Named fields in order; an unnamed entry is keyed by its position, `#0`, `#1`… */
  fields: Record<string, Value>;
  more?: boolean;
  /** Present when the struct is a sockaddr (it has `sa_family`). */
  addr?: Address;
}
export interface ArrayValue extends Commented {
  kind: "array";
  items: Value[];
  more?: boolean;
  /** `~[…]`: a signal set printed as its complement. */
  negated?: boolean;
}
export interface CallValue extends Commented {
  kind: "call";
  fn: string;
  args: Value[];
}
export interface NamedValue extends Commented {
  kind: "named";
  name: string;
  value: Value;
}
export interface ChangedValue extends Commented {
  kind: "changed";
  from: Value;
  to: Value;
}

export type Value =
  | NumValue
  | StrValue
  | SymValue
  | FlagsValue
  | NullValue
  | FdValue
  | RawValue
  | MoreValue
  | StructValue
  | ArrayValue
  | CallValue
  | NamedValue
  | ChangedValue;

export type ValueKind = Value["kind"];

/** Every value kind, for tables that must cover them all (redaction, formatting, the wire schema). */
export const VALUE_KINDS = [
  "num",
  "str",
  "sym",
  "flags",
  "null",
  "fd",
  "raw",
  "more",
  "struct",
  "array",
  "call",
  "named",
  "changed",
] as const satisfies readonly ValueKind[];

/** A syscall's return, as printed after ` = `. */
export interface Return {
  /** The numeric value; null for `= ?`. */
  value: number | null;
  /** The text of the value as printed (`0x55d0c000`, `3`, `?`). */
  text: string;
  errno?: string;
  errnoText?: string;
  /** The fd decoration when the result is an fd (`= 4<TCP:[…]>`). */
  decoration?: Decoration;
  /** strace's decoded extra, e.g. `[{fd=5, revents=POLLOUT}]`, `flags O_RDWR`, `Timeout`. */
  detail?: string;
  /** `(INJECTED)`: strace's fault injection replaced the result (the kernel did not run the call). */
  injected?: boolean;
  /** `(DELAYED)`: strace's delay injection held the call at its entry, then let it run. */
  delayed?: boolean;
}
