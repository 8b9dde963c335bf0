// Parses what follows ` = ` on a syscall line: `3`, `0x55d0c000`, `4<TCP:[...]>`, `?`,
// `-1 ECONNREFUSED (Connection refused)`, `? ERESTARTSYS (To be restarted if SA_RESTART is set)`,
// `-1 (errno 111)` (-X raw), decoded extras such as `1 ([{fd=5, revents=POLLOUT}])`,
// `0x2 (flags O_RDWR)`, `0 (Timeout)`, and `(INJECTED)` / `(DELAYED)` from fault injection.

import type { Return } from "../core/values.js";
import { parseDecoration } from "./decoration.js";
import { ERRNO_NAMES } from "./errno-names.js";

const VALUE = /^(\?|-?0x[0-9a-fA-F]+|-?\d+)/;
const ERRNO = /^(E[A-Z0-9_]+|ERRNO_\d+|E\?\?\?)/;

/** Index just past the `)` matching the `(` at `start`, skipping quoted strings; -1 when unbalanced. */
function matchParen(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === "\\") i++;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return -1;
}

function readDecoration(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === "\\") i++;
      continue;
    }
    if (c === "<") depth++;
    else if (c === ">" && s[i - 1] !== "-" && --depth === 0) return i + 1;
  }
  return -1;
}

/** The text after `= ` starts with a number beyond 2^53 (which parseReturn does not take). */
export function returnOutOfRange(text: string): boolean {
  const m = VALUE.exec(text);
  if (!m || m[1] === "?") return false;
  const body = (m[1] ?? "").replace(/^-/, "");
  const n = body.startsWith("0x") ? Number.parseInt(body.slice(2), 16) : Number(body);
  return !Number.isSafeInteger(n);
}

/** Parses the text after `= ` (without any -T duration). Returns null when it is not a return value. */
export function parseReturn(text: string): Return | null {
  // The common case, a plain decimal and nothing after it (`16`): what the general path makes of it.
  if (text.length > 0 && text.length <= 15) {
    let i = 0;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === text.length) return { value: Number(text), text };
  }
  const m = VALUE.exec(text);
  if (!m) return null;
  const valueText = m[1] ?? "";
  let pos = valueText.length;
  const ret: Return = { value: null, text: valueText };
  if (valueText !== "?") {
    const neg = valueText.startsWith("-");
    const body = neg ? valueText.slice(1) : valueText;
    const n = body.startsWith("0x") ? Number.parseInt(body.slice(2), 16) : Number(body);
    // No fd, byte count or errno is beyond 2^53, and a double would not hold such a value exactly
    // (9007199254740993 reads as …992): a mangled line, not a return value (see returnOutOfRange).
    if (!Number.isSafeInteger(n)) return null;
    ret.value = neg && n !== 0 ? -n : n;
  }
  if (text[pos] === "<") {
    const end = readDecoration(text, pos);
    if (end < 0) return null;
    ret.decoration = parseDecoration(text.slice(pos + 1, end - 1));
    pos = end;
    if (text.startsWith("(deleted)", pos)) {
      ret.decoration = { ...ret.decoration, deleted: true };
      pos += "(deleted)".length;
    }
  }
  while (pos < text.length) {
    if (text[pos] !== " ") return null;
    pos++;
    const rest = text.slice(pos);
    const e = ERRNO.exec(rest);
    if (e && ret.errno === undefined && (ret.value === null || ret.value < 0)) {
      ret.errno = e[1] ?? "";
      pos += ret.errno.length;
      continue;
    }
    if (rest.startsWith("<unavailable>")) {
      pos += "<unavailable>".length;
      continue;
    }
    if (text[pos] !== "(") return null;
    const end = matchParen(text, pos);
    if (end < 0) return null;
    const inner = text.slice(pos + 1, end - 1);
    pos = end;
    // strace's print_injected_note (src/syscall.c): `(INJECTED)`, `(INJECTED: args)` for poked
    // arguments (the result is the kernel's then), `(INJECTED: args, retval)`, and `(DELAYED)`.
    if (inner === "INJECTED" || inner === "INJECTED: args, retval") {
      ret.injected = true;
      continue;
    }
    if (inner === "DELAYED") {
      ret.delayed = true;
      continue;
    }
    if (inner === "INJECTED: args") continue;
    const raw = /^errno (\d+)$/.exec(inner);
    if (raw && ret.errno === undefined) {
      const num = Number(raw[1]);
      ret.errno = ERRNO_NAMES[num] ?? `ERRNO_${num}`;
      continue;
    }
    if (ret.errno !== undefined && ret.errnoText === undefined) ret.errnoText = inner;
    else ret.detail = ret.detail === undefined ? inner : `${ret.detail} ${inner}`;
  }
  return ret;
}
