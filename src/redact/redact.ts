// Payload hygiene: buffers a program sends can hold secrets, and CI logs are public. Every string
// a traced call carries is masked for credentials (HTTP Authorization, Proxy-Authorization,
// Cookie, Set-Cookie headers; password=, token=, secret=, api_key= values; JSON "password": "…"),
// then data buffers are cut to the --payload limit (32 bytes by default). --no-payload shows
// lengths only: not one payload byte in any event. Runs on every event before anything renders it.
import type { Event } from "../events/schema.js";
import type { Value } from "../parse/schema.js";

export interface RedactOptions {
  /** Bytes of each data buffer to show. */
  limit: number;
  /** --no-payload: show no buffer content at all. */
  none: boolean;
}

export const DEFAULT_REDACT: RedactOptions = { limit: 32, none: false };

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

// The arguments of data calls that are payload: the buffer of read/write/send/recv, and iov_base.
const BUFFER_ARG: Record<string, number> = {
  read: 1,
  write: 1,
  pread64: 1,
  pwrite64: 1,
  send: 1,
  recv: 1,
  sendto: 1,
  recvfrom: 1,
};
const PAYLOAD_FIELDS = new Set(["iov_base", "cmsg_data"]);

function cut(v: Extract<Value, { kind: "str" }>, options: RedactOptions, payload: boolean): Value {
  const masked = maskSecrets(v.value);
  let out: Extract<Value, { kind: "str" }> =
    masked === v.value ? v : { ...v, value: masked, redacted: "masked" };
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

function redactValue(v: Value, options: RedactOptions, payload: boolean): Value {
  switch (v.kind) {
    case "str":
      return cut(v, options, payload);
    case "struct": {
      let changed = false;
      const fields: Record<string, Value> = {};
      for (const [k, f] of Object.entries(v.fields)) {
        const r = redactValue(f, options, payload || PAYLOAD_FIELDS.has(k));
        if (r !== f) changed = true;
        fields[k] = r;
      }
      return changed ? { ...v, fields } : v;
    }
    case "array": {
      const items = v.items.map((x) => redactValue(x, options, payload));
      return items.some((x, i) => x !== v.items[i]) ? { ...v, items } : v;
    }
    case "changed":
      return { ...v, from: redactValue(v.from, options, payload), to: redactValue(v.to, options, payload) };
    case "named":
      return { ...v, value: redactValue(v.value, options, payload) };
    case "call":
      return { ...v, args: v.args.map((x) => redactValue(x, options, payload)) };
    case "raw":
      return payload && options.none ? { kind: "raw", text: "…" } : { ...v, text: maskSecrets(v.text) };
    default:
      return v;
  }
}

/** The event with its payload cut and its secrets masked (events without payload are returned as they are). */
export function redactEvent(e: Event, options: RedactOptions): Event {
  switch (e.type) {
    case "syscall": {
      const bufferAt = BUFFER_ARG[e.name];
      const args = e.args.map((a, i) =>
        redactValue(a, options, i === bufferAt || (e.name.endsWith("msg") && i === 1)),
      );
      return args.some((a, i) => a !== e.args[i]) ? { ...e, args } : e;
    }
    case "unparsed": {
      // A line sockscope could not read may be anything, payload included.
      const raw = options.none ? `(${e.raw.length} characters not shown: --no-payload)` : maskSecrets(e.raw);
      return raw === e.raw ? e : { ...e, raw };
    }
    case "note":
      // -e read=/write= hex dumps are payload.
      if (e.note === "dump")
        return { ...e, text: options.none ? "(dump not shown: --no-payload)" : maskSecrets(e.text) };
      return e;
    default:
      return e;
  }
}
