// One syscall, whole: what strace showed of it (its halves joined), with its arguments decoded on
// first use, and the model's facts about it. The stitcher makes it; the model (src/model) sets the
// fact fields once; the explain stage sets `explain`; the pipeline's numbering sets `seq`. Nothing
// else writes to it.
import type {
  Explain,
  Incomplete,
  InheritedFd,
  ProcessView,
  SocketView,
  StitchedCall,
  Transfer,
} from "../core/events.js";
import { isFdNumber } from "../core/fd-number.js";
import { type SyscallSpec, specOf } from "../core/syscalls.js";
import type { Decoration, Return, Value } from "../core/values.js";
import type { KernelStep, SocketState } from "../core/vocabulary.js";
import { decorationEnd, parseArgText, parseSimpleArgs } from "../grammar/args.js";
import { parseDecoration } from "../grammar/decoration.js";

const isDigit = (c: number) => c >= 48 && c <= 57;

export class Call implements StitchedCall {
  readonly type = "syscall" as const;
  seq = 0;
  readonly spec: SyscallSpec | undefined;
  time?: number;
  end?: number;
  duration?: number;
  ret: number | null;
  retText?: string;
  errno?: string;
  errnoText?: string;
  detail?: string;
  incomplete?: Incomplete;
  partial?: boolean;
  injected?: boolean;
  delayed?: boolean;
  /** strace's decoration of the returned fd (`= 4<TCP:[…]>`): evidence for the model. */
  retDecoration?: Decoration;
  // The model's facts.
  fd?: number;
  path?: string;
  newFd?: number;
  socket?: SocketView;
  newSocket?: SocketView;
  steps?: KernelStep[];
  transfer?: Transfer;
  process?: ProcessView;
  waitsOnSocket?: boolean;
  waited?: SocketView;
  dataDir?: "in" | "out";
  dontwait?: boolean;
  stateBefore?: SocketState;
  lastReference?: boolean;
  inheritedFds?: InheritedFd[];
  explain?: Explain;
  #args: Value[] | undefined;
  /** The argument text, when sockscope prints the decoded arguments exactly so (see printedArgs). */
  #printed: string | undefined;
  /** The leading fd argument read from the text (null: not of the simple shape). */
  #lead: Lead | null | undefined;

  constructor(
    readonly pid: number,
    readonly lineNo: number,
    readonly name: string,
    /**
     * The argument text as strace printed it (both halves of a split call, joined), without -N's
     * argument names (the stitcher cuts them: see withoutArgNames).
     */
    readonly argsText: string,
    ret: Return | null,
  ) {
    this.spec = specOf(name);
    this.ret = ret?.value ?? null;
    if (ret) {
      if (ret.text !== String(ret.value)) this.retText = ret.text;
      if (ret.errno !== undefined) this.errno = ret.errno;
      if (ret.errnoText !== undefined) this.errnoText = ret.errnoText;
      if (ret.detail !== undefined) this.detail = ret.detail;
      if (ret.injected) this.injected = true;
      if (ret.delayed) this.delayed = true;
      if (ret.decoration !== undefined) this.retDecoration = ret.decoration;
    }
  }

  /** The decoded arguments (parsed once, on first use; one raw value when they do not parse). */
  get args(): Value[] {
    if (this.#args === undefined) {
      const body = argumentBody(this.argsText);
      const lead = this.#lead ?? undefined;
      const simple = parseSimpleArgs(body, lead !== undefined && lead.end <= body.length ? lead : undefined);
      if (simple !== null) {
        this.#args = simple;
        this.#printed = body;
      } else this.#args = parseArgText(body) ?? [{ kind: "raw", text: this.argsText }];
    }
    return this.#args;
  }

  /**
   * The arguments as strace printed them, when that is exactly what formatting the decoded values
   * gives (plain numbers, fds, printable strings, constants) and nothing replaced them since.
   */
  printedArgs(): string | undefined {
    if (this.#args === undefined) void this.args;
    return this.#printed;
  }

  /** Replaces the decoded arguments with what may be shown of them (the pipeline's redaction). */
  setArgs(args: Value[]): void {
    this.#args = args;
    this.#printed = undefined;
  }

  /**
   * The fd argument at position 0 as strace printed it: `3` or `3<TCP:[…]>`, read straight from the
   * text when it has that simple shape (the common case), else from the decoded arguments.
   */
  leadingFd(): { fd: number; decoration?: Decoration } | undefined {
    if (this.#lead === undefined) this.#lead = readLeadingFd(this.argsText) ?? null;
    if (this.#lead !== null) return this.#lead.isFd ? this.#lead : undefined;
    const first = this.args[0];
    if (first?.kind === "fd")
      return isFdNumber(first.fd) ? { fd: first.fd, decoration: first.decoration } : undefined;
    if (first?.kind === "num" && isFdNumber(first.value)) return { fd: first.value };
    return undefined;
  }
}

/** What `readLeadingFd` found: the fd (unless the number is no fd), its value, and where it ends. */
type Lead = { value: Value; end: number } & (
  | { fd: number; decoration?: Decoration; isFd: true }
  | { isFd: false }
);

/** `3` or `3<…>` at the start of an argument text, followed by `,` or the end; null for anything else. */
function readLeadingFd(s: string): Lead | null {
  let i = 0;
  while (isDigit(s.charCodeAt(i))) i++;
  if (i === 0 || i > 10 || (i > 1 && s.charCodeAt(0) === 48)) return null;
  const n = Number(s.slice(0, i));
  const c = s.charCodeAt(i);
  if (Number.isNaN(c) || c === 44 /* , */) {
    const value: Value = { kind: "num", value: n };
    return isFdNumber(n) ? { fd: n, value, end: i, isFd: true } : { value, end: i, isFd: false };
  }
  if (c !== 60 /* < */ || s.charCodeAt(i + 1) === 60) return null;
  const close = decorationEnd(s, i);
  if (close < 0 || !(close === s.length || s.charCodeAt(close) === 44)) return null;
  const decoration = parseDecoration(s.slice(i + 1, close - 1));
  const value: Value = { kind: "fd", fd: n, decoration };
  return isFdNumber(n)
    ? { fd: n, decoration, value, end: close, isFd: true }
    : { value, end: close, isFd: false };
}

/** The argument text without what a split call can leave at its end: spaces, and a trailing comma. */
function argumentBody(text: string): string {
  let end = text.length;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 44 /* , */) return text.slice(0, end - 1);
  return end === text.length ? text : text.slice(0, end);
}

/** The arguments of a call, decoded; one raw value when they do not parse. */
export function decodeArgs(text: string): Value[] {
  const body = argumentBody(text);
  if (body === "") return [];
  return parseArgText(body) ?? [{ kind: "raw", text }];
}

/** What `\s` matches (and `trim()` removes): JavaScript's white space and line terminators. */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
