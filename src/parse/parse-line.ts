// One strace output line → one TraceLine. Pure, and never throws: a line that is not strace's
// (program output mixed into stderr, a cut-off tail) becomes `unparsed` with the reason.
import { parseArgList, parseArgText, parseValueText } from "./args.js";
import { parsePrefix } from "./prefix.js";
import { parseReturn } from "./retval.js";
import type { Return, TraceLine } from "./schema.js";

const UNFINISHED = " <unfinished ...>";
export const NO_RETURN = "syscall line without a return value";
const DETACHED = " <detached ...>";
// The -T duration at the end of a line, ` <0.000038>` (what / <(\d{1,15}(?:\.\d+)?)>$/ matches),
// is found by durationOf().
const RETURN_START = /\s*= /y;
const RESUMED = /^<\.\.\. ([A-Za-z_][\w]*) resumed>/;
// A syscall line's body starts `name(` (/^([A-Za-z_][\w]*)\(/): syscallNameEnd() reads it.
const EXIT =
  /^\+\+\+ (?:exited with (-?\d{1,15})|killed by (SIG[A-Z0-9+-]+|\d+)( \(core dumped\))?|superseded by execve in pid (\d{1,15})) \+\+\+$/;
const SIGNAL = /^--- (?:(SIG[A-Z0-9+-]+|\d+) (.*)|stopped by (SIG[A-Z0-9+-]+)) ---$/;
const PROCESS_NOTE = /^(?:strace: )?Process (\d{1,15}) (attached|detached|suspended)/;
const PERSONALITY = /^\[ Process PID=(\d{1,15}) runs in .* mode\. \]$/;

interface Where {
  lineNo: number;
  pid: number | null;
  time?: number;
  rel?: number;
}

function where(lineNo: number, p: { pid: number | null; time?: number; rel?: number }): Where {
  const w: Where = { lineNo, pid: p.pid };
  if (p.time !== undefined) w.time = p.time;
  if (p.rel !== undefined) w.rel = p.rel;
  return w;
}

function unparsed(raw: string, lineNo: number, reason: string): TraceLine {
  return { kind: "unparsed", lineNo, raw, reason };
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The -T duration at the end of `text`: where its ` <` is, and the number. */
function durationOf(text: string): { index: number; value: number } | null {
  const last = text.length - 1;
  if (text.charCodeAt(last) !== 62 /* > */) return null;
  // The number holds no space, so a match starts at the last ` <`.
  const index = text.lastIndexOf(" <");
  if (index < 0) return null;
  const start = index + 2;
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === start || i - start > 15) return null;
  if (text.charCodeAt(i) === 46 /* . */) {
    const frac = i + 1;
    i = frac;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === frac) return null;
  }
  if (i !== last) return null;
  return { index, value: Number(text.slice(start, i)) };
}

/** Length of what `/^\s*= /` matches at the start of `text`, or -1. */
function equalsAt(text: string): number {
  if (text.charCodeAt(0) === 32 && text.charCodeAt(1) === 61 && text.charCodeAt(2) === 32) return 3;
  const m = /^\s*= /.exec(text);
  return m ? m[0].length : -1;
}

/** Splits `) = RET` (spaces allowed before `=`) off the end, with the -T duration removed first. */
export function splitReturn(tail: string): { ret: Return; duration?: number } | null {
  let text = tail;
  let duration: number | undefined;
  const d = durationOf(text);
  if (d) {
    duration = d.value;
    text = text.slice(0, d.index);
  }
  const skip = equalsAt(text);
  if (skip < 0) return null;
  const ret = parseReturn(text.slice(skip));
  if (!ret) return null;
  return duration === undefined ? { ret } : { ret, duration };
}

/**
 * For a resumed line the arguments are only the second half of a call, so they cannot be parsed on
 * their own: find the `)` that ends them by trying each `) =` from the right until the rest parses
 * as a return value.
 */
function splitResumedTail(
  body: string,
  from: number,
): { argsText: string; returned: NonNullable<ReturnType<typeof splitReturn>> } | null {
  let i = body.length;
  for (;;) {
    i = body.lastIndexOf(")", i - 1);
    if (i < from) return null;
    RETURN_START.lastIndex = i + 1;
    if (RETURN_START.test(body)) {
      const returned = splitReturn(body.slice(i + 1));
      if (returned) return { argsText: body.slice(from, i), returned };
    }
    if (i === 0) return null;
  }
}

/** The syscall name of `body` when it starts `name(`: the length of the name, or 0. */
function syscallNameEnd(body: string): number {
  const c = body.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return 0;
  let i = 1;
  for (;;) {
    const d = body.charCodeAt(i);
    if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95 || isDigit(d)) i++;
    else break;
  }
  return body.charCodeAt(i) === 40 /* ( */ ? i : 0;
}

function parseSyscall(body: string, w: Where, raw: string, truncated: boolean): TraceLine {
  const nameEnd = syscallNameEnd(body);
  if (nameEnd === 0) return unparsed(raw, w.lineNo, "not a strace line");
  const name = body.slice(0, nameEnd);
  const argsStart = nameEnd + 1;
  if (body.endsWith(UNFINISHED)) {
    return { kind: "unfinished", ...w, name, argsText: body.slice(argsStart, -UNFINISHED.length) };
  }
  if (body.endsWith(DETACHED)) {
    return { kind: "detached", ...w, name, argsText: body.slice(argsStart, -DETACHED.length) };
  }
  const parsed = parseArgList(body, argsStart);
  if (parsed) {
    const r = splitReturn(body.slice(parsed.end));
    if (r) {
      const line: TraceLine = { kind: "syscall", ...w, name, args: parsed.args, ret: r.ret };
      if (r.duration !== undefined) line.duration = r.duration;
      return line;
    }
  }
  // The arguments did not parse (or the return did not follow them): find the return from the right
  // and keep the arguments as one raw value, so the call still counts.
  const split = splitResumedTail(body, argsStart);
  if (split) {
    const r = split.returned;
    const line: TraceLine = {
      kind: "syscall",
      ...w,
      name,
      args: parseArgText(split.argsText) ?? [{ kind: "raw", text: split.argsText }],
      ret: r.ret,
    };
    if (r.duration !== undefined) line.duration = r.duration;
    return line;
  }
  return unparsed(
    raw,
    w.lineNo,
    truncated ? "line cut short (no newline at the end of the input)" : "syscall line without a return value",
  );
}

function parseResumed(body: string, w: Where, raw: string, name: string, from: number): TraceLine {
  // `<... read resumed> <unfinished ...>) = ?`: the call was cut off by the process's death.
  const rest = body.slice(from);
  if (rest.startsWith(UNFINISHED.trimStart()) || rest.startsWith(UNFINISHED)) {
    return { kind: "resumed", ...w, name, argsText: "", ret: null };
  }
  if (body.endsWith(UNFINISHED)) {
    return { kind: "resumed", ...w, name, argsText: body.slice(from, -UNFINISHED.length), ret: null };
  }
  const split = splitResumedTail(body, from);
  if (!split) return unparsed(raw, w.lineNo, "resumed call without a return value");
  const r = split.returned;
  const line: TraceLine = { kind: "resumed", ...w, name, argsText: split.argsText, ret: r.ret };
  if (r.duration !== undefined) line.duration = r.duration;
  return line;
}

/** Parses one line of strace output. `truncated` marks a last line that had no newline. */
export function parseLine(raw: string, lineNo: number, truncated = false): TraceLine {
  const p = parsePrefix(raw);
  const w = where(lineNo, p);
  const body = raw.slice(p.pos);
  const c = body[0];

  if (c === "<") {
    const m = RESUMED.exec(body);
    if (m) return parseResumed(body, w, raw, m[1] ?? "", m[0].length);
    if (body.startsWith("<... ")) return unparsed(raw, lineNo, "malformed resumed line");
  }
  if (c === "+" && body.startsWith("+++ ")) {
    const m = EXIT.exec(body);
    if (m) {
      if (m[1] !== undefined) return { kind: "exit", ...w, code: Number(m[1]) };
      if (m[4] !== undefined) return { kind: "exit", ...w, supersededBy: Number(m[4]) };
      const line: TraceLine = { kind: "exit", ...w, signal: m[2] ?? "" };
      if (m[3]) line.coreDumped = true;
      return line;
    }
  }
  if (c === "-" && body.startsWith("--- ")) {
    const m = SIGNAL.exec(body);
    if (m) {
      if (m[3] !== undefined) return { kind: "signal", ...w, signal: m[3], stopped: true };
      const line: TraceLine = { kind: "signal", ...w, signal: m[1] ?? "" };
      const info = parseValueText(m[2] ?? "");
      if (info) line.info = info;
      return line;
    }
  }
  if (c !== undefined && syscallNameEnd(body) > 0) return parseSyscall(body, w, raw, truncated);

  const note = PROCESS_NOTE.exec(body);
  if (note) {
    const kind = note[2] === "attached" ? "attached" : note[2] === "detached" ? "detached" : "strace";
    return { kind: "note", ...w, note: kind, subject: Number(note[1]), text: body };
  }
  const personality = PERSONALITY.exec(body);
  if (personality) {
    return { kind: "note", ...w, note: "personality", subject: Number(personality[1]), text: body };
  }
  if (raw.startsWith("strace: ")) return { kind: "note", lineNo, pid: null, note: "strace", text: raw };
  // -k stack frames and -e read=/write= hex dumps follow their syscall line, unprefixed.
  if (raw.startsWith(" > ")) return { kind: "note", lineNo, pid: null, note: "stack", text: raw.slice(3) };
  if (raw.startsWith(" | ")) return { kind: "note", lineNo, pid: null, note: "dump", text: raw.slice(3) };
  return unparsed(
    raw,
    lineNo,
    truncated ? "line cut short (no newline at the end of the input)" : "not a strace line",
  );
}
