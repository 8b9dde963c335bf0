// What the parser makes of one strace line. A syscall's arguments stay text here: they are decoded
// when, and as far as, a later stage needs them (see stitch/call.ts).
import type { NoteKind } from "./events.js";
import type { Return, Value } from "./values.js";

interface Where {
  lineNo: number;
  /** The pid, or null when strace printed none (single process, or the first process on stderr). */
  pid: number | null;
  /** Seconds: since the epoch (-ttt) or since midnight (-t, -tt). */
  time?: number;
  /** Seconds since the previous line (-r). */
  rel?: number;
}

export interface SyscallLine extends Where {
  kind: "syscall";
  name: string;
  /** The text between the parentheses. */
  argsText: string;
  ret: Return;
  duration?: number;
}

export interface UnfinishedLine extends Where {
  kind: "unfinished";
  name: string;
  /** The argument text printed so far. */
  argsText: string;
}

export interface ResumedLine extends Where {
  kind: "resumed";
  name: string;
  /** The rest of the argument text, up to the closing parenthesis. */
  argsText: string;
  /** null when the call never returned (`<... x resumed> <unfinished ...>) = ?`). */
  ret: Return | null;
  duration?: number;
}

export interface DetachedLine extends Where {
  kind: "detached";
  name: string;
  argsText: string;
}

export interface SignalLine extends Where {
  kind: "signal";
  signal: string;
  info?: Value;
  /** `--- stopped by SIGSTOP ---` rather than a delivery. */
  stopped?: boolean;
}

export interface ExitLine extends Where {
  kind: "exit";
  code?: number;
  signal?: string;
  coreDumped?: boolean;
  /** `+++ superseded by execve in pid N +++`. */
  supersededBy?: number;
}

export interface NoteLine extends Where {
  kind: "note";
  note: Exclude<NoteKind, "stitch">;
  /** The pid the note is about, when it names one. */
  subject?: number;
  text: string;
}

export interface UnparsedLine {
  kind: "unparsed";
  lineNo: number;
  raw: string;
  reason: string;
  /** A syscall line with no return: perhaps the program's own stderr output broke it in two. */
  noReturn?: boolean;
}

export type TraceLine =
  | SyscallLine
  | UnfinishedLine
  | ResumedLine
  | DetachedLine
  | SignalLine
  | ExitLine
  | NoteLine
  | UnparsedLine;
