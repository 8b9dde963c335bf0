// Payload hygiene: buffers a program sends can hold secrets, and CI logs are public. Every string
// a traced call carries is masked for credentials (HTTP Authorization, Proxy-Authorization,
// Cookie, Set-Cookie headers; password=, token=, secret=, api_key= values; JSON "password": "…"),
// then payload is cut to the --payload limit (32 bytes by default). --no-payload shows lengths
// only: not one payload byte in any event. Which argument is payload comes from the syscall table
// (its `payload` argument, and the iov_base/cmsg_data fields inside it); of a call seen only as its
// resumed half, where positions are unknown, every string is payload. Runs on every event before
// anything renders it (the pipeline's last step).
import { assertNever } from "../core/assert-never.js";
import type { NoteEvent, SyscallEvent, TraceEvent, UnparsedEvent } from "../core/events.js";
import type { Address, StructValue, StrValue, Value } from "../core/values.js";

export interface RedactOptions {
  /** Bytes of each data buffer to show. */
  limit: number;
  /** --no-payload: show no buffer content at all. */
  none: boolean;
}

const MASK = "***";
// Anywhere in a string: in a request buffer, or in an argv like curl -H "Authorization: …".
const HEADER = /(\b(?:authorization|proxy-authorization|cookie|set-cookie)[ \t]*:[ \t]*)[^\r\n"']*/gi;
const KEY_VALUE =
  /\b((?:password|passwd|pwd|pass|token|access_token|refresh_token|secret|client_secret|api[_-]?key|apikey|auth)\s*=\s*)[^&\s"';,]*/gi;
const JSON_KEY =
  /("(?:password|passwd|token|access_token|refresh_token|secret|client_secret|api[_-]?key|apikey|authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"?/gi;

/** Masks credentials in text; returns the same string when there is nothing to mask. */
export function maskSecrets(text: string): string {
  if (!/[=:]/.test(text)) return text;
  return text.replace(HEADER, `$1${MASK}`).replace(KEY_VALUE, `$1${MASK}`).replace(JSON_KEY, `$1"${MASK}"`);
}

/** Fields of a payload argument's structs that hold the payload itself. */
const PAYLOAD_FIELDS = new Set(["iov_base", "cmsg_data"]);

function cut(v: StrValue, options: RedactOptions, payload: boolean): Value {
  const masked = maskSecrets(v.value);
  let out: StrValue = masked === v.value ? v : { ...v, value: masked, redacted: "masked" };
  if (out.raw !== undefined && (masked !== v.value || payload)) {
    out = { ...out };
    delete out.raw;
  }
  if (!payload) return out;
  if (options.none) return { kind: "str", value: "", bytes: v.bytes, redacted: "hidden" };
  if (out.value.length > options.limit)
    return {
      ...out,
      value: out.value.slice(0, options.limit),
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
      const masked = maskSecrets(v.text);
      if (payload && masked.length > options.limit)
        return { ...v, text: `${masked.slice(0, options.limit)}…` };
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
    // No text of the program's in these: numbers, constants, flag names, NULL, `...`, and fds
    // (whose decoration is strace's, from the kernel: addresses and paths).
    case "num":
    case "sym":
    case "flags":
    case "null":
    case "more":
    case "fd":
      return v;
    default:
      return assertNever(v, "value");
  }
}

/** An address with credentials in its path (a unix socket named after a token, say) masked. */
function redactAddress(a: Address): Address {
  if (a.path === undefined) return a;
  const path = maskSecrets(a.path);
  return path === a.path ? a : { ...a, path, text: maskSecrets(a.text) };
}

/** The call's arguments, redacted; undefined when nothing needed to change. */
export function redactArgs(e: SyscallEvent, options: RedactOptions): Value[] | undefined {
  // Positions are unknown for a call seen only as its resumed half, and for arguments that did not
  // decode (one raw value): then every string is payload.
  const whole = e.partial === true || (e.args.length === 1 && e.args[0]?.kind === "raw");
  const payloadAt = whole ? -1 : (e.spec?.payload ?? -2);
  let out: Value[] | undefined;
  e.args.forEach((a, i) => {
    const r = redactValue(a, options, payloadAt === -1 || i === payloadAt);
    if (r === a) return;
    out ??= [...e.args];
    out[i] = r;
  });
  return out;
}

function redactUnparsed(e: UnparsedEvent, options: RedactOptions): UnparsedEvent {
  // A line sockscope could not read may be anything, payload included.
  const raw = options.none ? `(${e.raw.length} characters not shown: --no-payload)` : maskSecrets(e.raw);
  return raw === e.raw ? e : { ...e, raw };
}

function redactNote(e: NoteEvent, options: RedactOptions): NoteEvent {
  // -e read=/write= hex dumps are payload.
  if (e.note !== "dump") return e;
  return { ...e, text: options.none ? "(dump not shown: --no-payload)" : maskSecrets(e.text) };
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
    // Their text is sockscope's or the kernel's: addresses, counts, errno names.
    case "signal":
    case "exit":
    case "connection":
    case "diagnostic":
    case "summary":
      return e;
    default:
      return assertNever(e, "event");
  }
}
