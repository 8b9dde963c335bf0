// Payload hygiene: buffers a program sends can hold secrets, and CI logs are public. Every string
// a traced call carries is masked for credentials (HTTP Authorization, Proxy-Authorization,
// Cookie, Set-Cookie headers; password=, token=, secret=, api_key= values; JSON "password": "…"),
// then payload is cut to the --payload limit (32 bytes by default). --no-payload shows lengths
// only: not one payload byte in any event. --no-redact leaves payload unmasked (asked explicitly:
// a pcap whose dissectors need the whole bytes); every other string is masked anyway. Which argument is payload comes from the syscall table
// (its `payload` argument, and the iov_base/cmsg_data fields inside it); of a call seen only as its
// resumed half, where positions are unknown, every string is payload. Runs on every event before
// anything renders it (the pipeline's last step).
import { assertNever } from "../core/assert-never.js";
import type { NoteEvent, SyscallEvent, TraceEvent, UnparsedEvent } from "../core/events.js";
import { payloadIndex } from "../core/payload.js";
import type { Address, StructValue, StrValue, Value } from "../core/values.js";
import { ESCAPED_BYTE } from "../grammar/strings.js";
import { createDumpRedactor } from "./dump.js";
import { maskSecrets } from "./secrets.js";

export interface RedactOptions {
  /** Bytes of each data buffer to show. */
  limit: number;
  /** --no-payload: show no buffer content at all. */
  none: boolean;
  /** --no-redact: payload buffers keep their credentials (false); argv and paths are masked anyway. */
  mask?: boolean;
}

export { maskSecrets } from "./secrets.js";

/**
 * The longest head of `text` that is at most `limit` bytes of the original data: a character of
 * valid UTF-8 counts its 1 to 4 bytes and is never split; a byte that was not UTF-8 (carried as
 * the lone surrogate U+DC00 + byte, see grammar/strings.ts) counts 1.
 */
export function headBytes(text: string, limit: number): string {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let n: number;
    let units = 1;
    if (c < 0x80) n = 1;
    else if (c < 0x800) n = 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n = 4;
      units = 2;
    } else if (c >= ESCAPED_BYTE && c <= ESCAPED_BYTE + 0xff) n = 1;
    else n = 3;
    if (bytes + n > limit) break;
    bytes += n;
    i += units;
  }
  return i === text.length ? text : text.slice(0, i);
}

/** A path or address can only hold a credential as `key=value` or `user:password@`. */
export const MAYBE_SECRET_PATH = /[=@]/;

/** Fields of a payload argument's structs that hold the payload itself. */
const PAYLOAD_FIELDS = new Set(["iov_base", "cmsg_data"]);

function cut(v: StrValue, options: RedactOptions, payload: boolean): Value {
  const masked = payload && options.mask === false ? v.value : maskSecrets(v.value);
  let out: StrValue = masked === v.value ? v : { ...v, value: masked, redacted: "masked" };
  if (out.raw !== undefined && (masked !== v.value || payload)) {
    out = { ...out };
    delete out.raw;
  }
  if (!payload) return out;
  if (options.none) return { kind: "str", value: "", bytes: v.bytes, redacted: "hidden" };
  const head = headBytes(out.value, options.limit);
  if (head !== out.value)
    return {
      ...out,
      value: head,
      truncated: true,
      redacted: out.redacted ?? "cut",
    };
  return out;
}

/** A value with its payload cut and its secrets masked; the same object when nothing changed. */
export function redactValue(v: Value, options: RedactOptions, payload: boolean): Value {
  switch (v.kind) {
    case "str":
      return cut(v, options, payload);
    case "raw": {
      // Text sockscope could not decode may hold anything: none of it under --no-payload.
      if (options.none) return v.text === "…" ? v : { kind: "raw", text: "…" };
      const masked = payload && options.mask === false ? v.text : maskSecrets(v.text);
      const head = payload ? headBytes(masked, options.limit) : masked;
      if (head !== masked) return { ...v, text: `${head}…` };
      return masked === v.text ? v : { ...v, text: masked };
    }
    case "struct": {
      let changed = false;
      const fields: Record<string, Value> = {};
      for (const [k, f] of Object.entries(v.fields)) {
        const r = redactValue(f, options, payload || PAYLOAD_FIELDS.has(k));
        if (r !== f) changed = true;
        fields[k] = r;
      }
      // A sockaddr's address repeats its sun_path: masked like it.
      const addr = v.addr === undefined ? undefined : redactAddress(v.addr);
      if (addr !== v.addr) changed = true;
      if (!changed) return v;
      const out: StructValue = { ...v, fields };
      if (addr !== undefined) out.addr = addr;
      return out;
    }
    case "array": {
      const items = v.items.map((x) => redactValue(x, options, payload));
      return items.some((x, i) => x !== v.items[i]) ? { ...v, items } : v;
    }
    case "changed": {
      const from = redactValue(v.from, options, payload);
      const to = redactValue(v.to, options, payload);
      return from === v.from && to === v.to ? v : { ...v, from, to };
    }
    case "named": {
      const value = redactValue(v.value, options, payload);
      return value === v.value ? v : { ...v, value };
    }
    case "call": {
      const args = v.args.map((x) => redactValue(x, options, payload));
      return args.some((x, i) => x !== v.args[i]) ? { ...v, args } : v;
    }
    // An fd's decoration is strace's (-y/-yy), from the kernel: addresses and paths, which the
    // program named and which may carry a credential (`…/token=…`): masked, never cut.
    case "fd": {
      if (!MAYBE_SECRET_PATH.test(v.decoration.text)) return v;
      const decoration = maskDeep(v.decoration);
      return decoration === v.decoration ? v : { ...v, decoration };
    }
    // No text of the program's in these: numbers, constants, flag names, NULL, `...`.
    case "num":
    case "sym":
    case "flags":
    case "null":
    case "more":
      return v;
    default:
      return assertNever(v, "value");
  }
}

/**
 * A plain object (a connection, a socket view, an explanation) with credentials masked in every
 * string it holds; the same object when there were none.
 */
export function maskDeep<T>(x: T): T {
  if (typeof x === "string") return maskSecrets(x) as T;
  if (Array.isArray(x)) {
    const items = x.map((i) => maskDeep(i));
    return items.some((i, n) => i !== x[n]) ? (items as T) : x;
  }
  if (x === null || typeof x !== "object") return x;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(x)) {
    const m = maskDeep(v);
    if (m === v) continue;
    out ??= { ...(x as Record<string, unknown>) };
    out[k] = m;
  }
  return (out ?? x) as T;
}

/** An address with credentials in its path (a unix socket named after a token, say) masked. */
function redactAddress(a: Address): Address {
  if (a.path === undefined) return a;
  const path = maskSecrets(a.path);
  return path === a.path ? a : { ...a, path, text: maskSecrets(a.text) };
}

/** The call's arguments, redacted; undefined when nothing needed to change. */
export function redactArgs(e: SyscallEvent, options: RedactOptions): Value[] | undefined {
  const payloadAt = payloadIndex(e);
  let out: Value[] | undefined;
  e.args.forEach((a, i) => {
    const r = redactValue(a, options, payloadAt === "all" || i === payloadAt);
    if (r === a) return;
    out ??= [...e.args];
    out[i] = r;
  });
  return out;
}

/** Every double-quoted run in a line sockscope could not read, cut to the limit like a buffer. */
function cutQuoted(text: string, limit: number): string {
  let out = "";
  let at = 0;
  for (let open = text.indexOf('"'); open >= 0; open = text.indexOf('"', at)) {
    let close = open + 1;
    while (close < text.length && text.charCodeAt(close) !== 34)
      close += text.charCodeAt(close) === 92 ? 2 : 1;
    const inner = text.slice(open + 1, Math.min(close, text.length));
    const head = headBytes(inner, limit);
    out += `${text.slice(at, open)}"${head}${head === inner ? "" : "…"}`;
    if (close >= text.length) return out;
    out += '"';
    at = close + 1;
  }
  return out + text.slice(at);
}

function redactUnparsed(e: UnparsedEvent, options: RedactOptions): UnparsedEvent {
  // A line sockscope could not read may be anything, payload included: its quoted strings are cut.
  const raw = options.none
    ? `(${e.raw.length} characters not shown: --no-payload)`
    : cutQuoted(maskSecrets(e.raw), options.limit);
  return raw === e.raw ? e : { ...e, raw };
}

function redactNote(e: NoteEvent, options: RedactOptions): NoteEvent {
  // -e read=/write= hex dumps are payload; the pipeline passes them through dump.ts, which sees
  // a dump's lines together. One line alone: masked and cut as a dump of its own.
  if (e.note !== "dump") return e;
  return createDumpRedactor(options).line(e) ?? { ...e, text: "" };
}

/**
 * An event other than a call with its payload cut and secrets masked (the same object when there is
 * none). Calls keep their identity: their arguments are replaced through `redactArgs`.
 */
export function redactEvent(
  e: Exclude<TraceEvent, SyscallEvent>,
  options: RedactOptions,
): Exclude<TraceEvent, SyscallEvent> {
  switch (e.type) {
    case "unparsed":
      return redactUnparsed(e, options);
    case "note":
      return redactNote(e, options);
    // Their text is sockscope's or the kernel's (counts, errno names), but addresses too: a unix
    // socket's path, which may carry a credential (`/run/app/token=…`), is masked like an argument.
    case "connection":
    case "diagnostic":
    case "summary":
      return maskDeep(e);
    case "signal":
    case "exit":
      return e;
    default:
      return assertNever(e, "event");
  }
}
