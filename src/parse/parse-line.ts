// One strace output line → one TraceLine. Pure, and never throws: a line that is not strace's
// (program output mixed into stderr, a cut-off tail) becomes `unparsed` with the reason.
// A syscall's arguments are not decoded here, only delimited: the return is found from the right
// (the last `) = ` whose rest reads as a return value), so the arguments can hold anything.

import type { DetachedLine, ResumedLine, SyscallLine, TraceLine, UnfinishedLine } from "../core/lines.js";
import { parseValueText } from "../grammar/args.js";
import { parseReturn, returnOutOfRange } from "../grammar/retval.js";
import { parsePrefix } from "./prefix.js";

const UNFINISHED = " <unfinished ...>";
const DETACHED = " <detached ...>";
const RESUMED = /^<\.\.\. ([A-Za-z_][\w]*) resumed>/;
const EXIT =
  /^\+\+\+ (?:exited with (-?\d{1,15})|killed by (SIG[A-Z0-9+-]+|\d+)( \(core dumped\))?|superseded by execve in pid (\d{1,15})) \+\+\+$/;
const SIGNAL = /^--- (?:(SIG[A-Z0-9+-]+|\d+) (.*)|stopped by (SIG[A-Z0-9+-]+)) ---$/;
const PROCESS_NOTE = /^(?:strace: )?Process (\d{1,15}) (attached|detached|suspended)/;
const PERSONALITY = /^\[ Process PID=(\d{1,15}) runs in .* mode\. \]$/;
const CUT_SHORT = "line cut short (no newline at the end of the input)";

interface Where {
  lineNo: number;
  pid: number | null;
  time?: number;
  rel?: number;
}

/** Copies the prefix's time fields onto a line (only those present, so the object stays small). */
function stamp<T extends Where>(line: T, w: Where): T {
  if (w.time !== undefined) line.time = w.time;
  if (w.rel !== undefined) line.rel = w.rel;
  return line;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** Where the -T duration ` <0.000038>` at the end of `text` starts, or -1; its value in `out`. */
function durationAt(text: string, out: { duration?: number }): number {
  const last = text.length - 1;
  if (text.charCodeAt(last) !== 62 /* > */) return -1;
  // The number holds no space, so a match starts at the last ` <`.
  const index = text.lastIndexOf(" <");
  if (index < 0) return -1;
  const start = index + 2;
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === start || i - start > 15) return -1;
  if (text.charCodeAt(i) === 46 /* . */) {
    const frac = i + 1;
    i = frac;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === frac) return -1;
  }
  if (i !== last) return -1;
  out.duration = Number(text.slice(start, i));
  return index;
}

interface Tail {
  /** Index of the `)` that closes the arguments. */
  close: number;
  ret: NonNullable<ReturnType<typeof parseReturn>>;
  duration?: number;
}

const RETURN_OUT_OF_RANGE =
  "return value beyond 2^53: no fd or byte count is that large, and a JSON number would not hold it exactly";

/**
 * Finds the end of the arguments in `body[from…]`: the last `)` followed by ` = ` (spaces allowed
 * before `=`) whose rest, without the -T duration, reads as a return value.
 */
function findTail(body: string, from: number): Tail | null {
  const tail: { duration?: number } = {};
  const d = durationAt(body, tail);
  const end = d < 0 ? body.length : d;
  let i = end;
  for (;;) {
    i = body.lastIndexOf(")", i - 1);
    if (i < from) return null;
    let j = i + 1;
    while (j < end && isSpace(body.charCodeAt(j))) j++;
    if (body.charCodeAt(j) === 61 /* = */ && body.charCodeAt(j + 1) === 32) {
      const ret = parseReturn(body.slice(j + 2, end));
      if (ret)
        return tail.duration === undefined ? { close: i, ret } : { close: i, ret, duration: tail.duration };
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
  const name = body.slice(0, nameEnd);
  const argsStart = nameEnd + 1;
  if (body.endsWith(UNFINISHED)) {
    const argsText = body.slice(argsStart, -UNFINISHED.length);
    return stamp<UnfinishedLine>({ kind: "unfinished", lineNo: w.lineNo, pid: w.pid, name, argsText }, w);
  }
  if (body.endsWith(DETACHED)) {
    const argsText = body.slice(argsStart, -DETACHED.length);
    return stamp<DetachedLine>({ kind: "detached", lineNo: w.lineNo, pid: w.pid, name, argsText }, w);
  }
  const tail = findTail(body, argsStart);
  if (tail) {
    const argsText = body.slice(argsStart, tail.close);
    const line = stamp<SyscallLine>(
      { kind: "syscall", lineNo: w.lineNo, pid: w.pid, name, argsText, ret: tail.ret },
      w,
    );
    if (tail.duration !== undefined) line.duration = tail.duration;
    return line;
  }
  if (truncated) return { kind: "unparsed", lineNo: w.lineNo, raw, reason: CUT_SHORT };
  const eq = body.lastIndexOf(") = ");
  if (eq >= argsStart && returnOutOfRange(body.slice(eq + 4)))
    return { kind: "unparsed", lineNo: w.lineNo, raw, reason: RETURN_OUT_OF_RANGE };
  return {
    kind: "unparsed",
    lineNo: w.lineNo,
    raw,
    reason: "syscall line without a return value",
    noReturn: true,
  };
}

function parseResumed(body: string, w: Where, raw: string, name: string, from: number): TraceLine {
  // `<... read resumed> <unfinished ...>) = ?`: the call was cut off by the process's death.
  const rest = body.slice(from);
  if (rest.startsWith(UNFINISHED.trimStart()) || rest.startsWith(UNFINISHED)) {
    return stamp<ResumedLine>(
      { kind: "resumed", lineNo: w.lineNo, pid: w.pid, name, argsText: "", ret: null },
      w,
    );
  }
  if (body.endsWith(UNFINISHED)) {
    const argsText = body.slice(from, -UNFINISHED.length);
    return stamp<ResumedLine>(
      { kind: "resumed", lineNo: w.lineNo, pid: w.pid, name, argsText, ret: null },
      w,
    );
  }
  const tail = findTail(body, from);
  if (!tail) {
    const eq = body.lastIndexOf(") = ");
    const reason =
      eq >= from && returnOutOfRange(body.slice(eq + 4))
        ? RETURN_OUT_OF_RANGE
        : "resumed call without a return value";
    return { kind: "unparsed", lineNo: w.lineNo, raw, reason };
  }
  const argsText = body.slice(from, tail.close);
  const line = stamp<ResumedLine>(
    { kind: "resumed", lineNo: w.lineNo, pid: w.pid, name, argsText, ret: tail.ret },
    w,
  );
  if (tail.duration !== undefined) line.duration = tail.duration;
  return line;
}

/** Parses one line of strace output. `truncated` marks a last line that had no newline. */
export function parseLine(raw: string, lineNo: number, truncated = false): TraceLine {
  const p = parsePrefix(raw);
  p.lineNo = lineNo;
  const w: Where = p;
  const body = p.pos === 0 ? raw : raw.slice(p.pos);
  const c = body.charCodeAt(0);

  if (c === 60 /* < */) {
    const m = RESUMED.exec(body);
    if (m) return parseResumed(body, w, raw, m[1] ?? "", m[0].length);
    if (body.startsWith("<... ")) return { kind: "unparsed", lineNo, raw, reason: "malformed resumed line" };
  }
  // Rare lines: their own copy of the position (without the prefix's parse state).
  const at = (): Where => stamp({ lineNo, pid: p.pid }, p);
  if (c === 43 /* + */ && body.startsWith("+++ ")) {
    const m = EXIT.exec(body);
    if (m) {
      if (m[1] !== undefined) return { kind: "exit", ...at(), code: Number(m[1]) };
      if (m[4] !== undefined) return { kind: "exit", ...at(), supersededBy: Number(m[4]) };
      const line: TraceLine = { kind: "exit", ...at(), signal: m[2] ?? "" };
      if (m[3]) line.coreDumped = true;
      return line;
    }
  }
  if (c === 45 /* - */ && body.startsWith("--- ")) {
    const m = SIGNAL.exec(body);
    if (m) {
      if (m[3] !== undefined) return { kind: "signal", ...at(), signal: m[3], stopped: true };
      const line: TraceLine = { kind: "signal", ...at(), signal: m[1] ?? "" };
      const info = parseValueText(m[2] ?? "");
      if (info) line.info = info;
      return line;
    }
  }
  if (syscallNameEnd(body) > 0) return parseSyscall(body, w, raw, truncated);

  const note = PROCESS_NOTE.exec(body);
  if (note) {
    const kind = note[2] === "attached" ? "attached" : note[2] === "detached" ? "detached" : "strace";
    return { kind: "note", ...at(), note: kind, subject: Number(note[1]), text: body };
  }
  const personality = PERSONALITY.exec(body);
  if (personality) {
    return { kind: "note", ...at(), note: "personality", subject: Number(personality[1]), text: body };
  }
  if (raw.startsWith("strace: ")) return { kind: "note", lineNo, pid: null, note: "strace", text: raw };
  // -k stack frames and -e read=/write= hex dumps follow their syscall line, unprefixed.
  if (raw.startsWith(" > ")) return { kind: "note", lineNo, pid: null, note: "stack", text: raw.slice(3) };
  if (raw.startsWith(" | ")) return { kind: "note", lineNo, pid: null, note: "dump", text: raw.slice(3) };
  return { kind: "unparsed", lineNo, raw, reason: truncated ? CUT_SHORT : "not a strace line" };
}
