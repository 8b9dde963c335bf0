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
import type { KernelStep } from "../core/vocabulary.js";
import { parseArgText } from "../grammar/args.js";
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
  dontwait?: boolean;
  inheritedFds?: InheritedFd[];
  explain?: Explain;
  #args: Value[] | undefined;

  constructor(
    readonly pid: number,
    readonly lineNo: number,
    readonly name: string,
    /** The argument text as strace printed it (both halves of a split call, joined). */
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
      if (ret.decoration !== undefined) this.retDecoration = ret.decoration;
    }
  }

  /** The decoded arguments (parsed once, on first use; one raw value when they do not parse). */
  get args(): Value[] {
    this.#args ??= decodeArgs(this.argsText);
    return this.#args;
  }

  /** Replaces the decoded arguments (stitched halves whose text did not join cleanly). */
  setArgs(args: Value[]): void {
    this.#args = args;
  }

  /**
   * The fd argument at position 0 as strace printed it: `3` or `3<TCP:[…]>`, read straight from the
   * text when it has that simple shape (the common case), else from the decoded arguments.
   */
  leadingFd(): { fd: number; decoration?: Decoration } | undefined {
    const s = this.argsText;
    let i = 0;
    while (isDigit(s.charCodeAt(i))) i++;
    if (i > 0 && i <= 10) {
      const fd = Number(s.slice(0, i));
      const c = s.charCodeAt(i);
      if (Number.isNaN(c) || c === 44 /* , */) return isFdNumber(fd) ? { fd } : undefined;
      if (c === 60 /* < */ && this.#args === undefined) {
        const close = decorationEnd(s, i);
        if (close > 0 && (close === s.length || s.charCodeAt(close) === 44)) {
          return isFdNumber(fd) ? { fd, decoration: parseDecoration(s.slice(i + 1, close - 1)) } : undefined;
        }
      }
    }
    const first = this.args[0];
    if (first?.kind === "fd") return isFdNumber(first.fd) ? { fd: first.fd, decoration: first.decoration } : undefined;
    if (first?.kind === "num" && isFdNumber(first.value)) return { fd: first.value };
    return undefined;
  }
}

/**
 * Index just past the `>` that closes the decoration whose `<` is at `start` (nested `<…>`, quoted
 * strings and the `->` between two addresses allowed), or -1.
 */
function decorationEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < s.length && s.charCodeAt(i) !== 34; i++) if (s.charCodeAt(i) === 92) i++;
      continue;
    }
    if (c === 60 /* < */) depth++;
    else if (c === 62 /* > */ && s.charCodeAt(i - 1) !== 45 /* - */ && --depth === 0) {
      // `(deleted)` after a file's decoration belongs to it: leave that to the full parser.
      return s.startsWith("(deleted)", i + 1) ? -1 : i + 1;
    }
  }
  return -1;
}

/** The arguments of a call: a trailing comma (a split that fell after it) is dropped. */
export function decodeArgs(text: string): Value[] {
  let end = text.length;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end === 0) return [];
  const body = text.charCodeAt(end - 1) === 44 /* , */ ? text.slice(0, end - 1) : text;
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
