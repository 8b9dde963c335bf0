// Tokenizer and parser for strace argument lists: numbers (decimal, hex, octal), quoted strings with
// escapes and `...` truncation, constants and A|B flag sets, NULL, structs {a=1, ...}, arrays [a, b]
// and space-separated sets [INT TERM] / ~[...], calls htons(80) / inet_pton(...), fds with -y/-yy
// decorations 3<TCP:[...]>, value-result `a => b`, `/* comments */` and free-form expressions
// (8192*1024, WIFEXITED(s) && ...) kept as raw text. Pure; never throws to its caller.

import type { Decoration, Value } from "../core/values.js";
import { parseDecoration } from "./decoration.js";
import { sockaddrOf } from "./sockaddr.js";
import { scanString } from "./strings.js";

class ParseFailure extends Error {}

/**
 * The parser's own failures (and a RangeError from absurd nesting in hostile input) mean "not
 * parsed"; anything else is a bug and is thrown on, so that the property tests can find it.
 */
function notParsed(err: unknown): null {
  if (err instanceof ParseFailure || err instanceof RangeError) return null;
  throw err;
}

/** A number as one part of a flag set (`0x80000`, `17`), as printed. */
function flagText(n: Value): string {
  if (n.kind === "num") return n.text ?? String(n.value);
  return n.kind === "raw" ? n.text : "";
}

type Close = ")" | "]" | "}" | "";

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const NUMBER = /-?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?)/y;
const DELETED = "(deleted)";

// strace nests values a few levels deep (netlink attributes perhaps ten); deeper input is not strace's,
// and is refused here so the result never depends on how much stack is left.
const MAX_DEPTH = 128;

class Scanner {
  pos: number;
  depth = 0;
  constructor(
    readonly s: string,
    start: number,
  ) {
    this.pos = start;
  }

  fail(why: string): never {
    throw new ParseFailure(`${why} at column ${this.pos + 1}`);
  }

  /** Skips spaces; returns true when it skipped any. */
  skipWs(): boolean {
    const start = this.pos;
    while (this.s.charCodeAt(this.pos) === 32 || this.s.charCodeAt(this.pos) === 9) this.pos++;
    return this.pos > start;
  }

  atEnd(): boolean {
    return this.pos >= this.s.length;
  }

  isTerminator(close: Close): boolean {
    const c = this.s[this.pos];
    if (c === undefined) return true;
    return c === "," || c === close || c === ")" || c === "]" || c === "}";
  }

  readIdent(): string {
    const start = this.pos;
    while (isIdentChar(this.s.charCodeAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  readComment(): string {
    const end = this.s.indexOf("*/", this.pos + 2);
    if (end < 0) this.fail("unterminated comment");
    const text = this.s.slice(this.pos + 2, end).trim();
    this.pos = end + 2;
    return text;
  }

  /** Consumes text up to the next separator at nesting depth 0 (a free-form expression). */
  skipExpression(): void {
    let depth = 0;
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '"') {
        const str = scanString(s, this.pos);
        if (!str) this.fail("unterminated string");
        this.pos = str.end;
        continue;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) return;
        depth--;
      } else if (c === "," && depth === 0) return;
      this.pos++;
    }
  }

  /** An fd's decoration, with the `(deleted)` strace prints after it for an unlinked file. */
  readFdDecoration(): Decoration {
    const decoration = parseDecoration(this.readDecoration());
    if (this.s.startsWith(DELETED, this.pos)) {
      this.pos += DELETED.length;
      // parseDecoration's result is shared: add to a copy.
      return { ...decoration, deleted: true };
    }
    return decoration;
  }

  /** Reads a balanced `<...>` decoration starting at `<`; returns the inner text. */
  readDecoration(): string {
    const s = this.s;
    let depth = 0;
    const start = this.pos;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 34 /* " */) {
        const str = scanString(s, this.pos);
        if (!str) this.fail("unterminated string in fd decoration");
        this.pos = str.end;
        continue;
      }
      if (c === 60 /* < */) depth++;
      else if (c === 62 /* > */ && s.charCodeAt(this.pos - 1) !== 45 /* - */) {
        // `->` inside a decoration joins two addresses; it does not close the bracket.
        depth--;
        if (depth === 0) {
          this.pos++;
          return s.slice(start + 1, this.pos - 1);
        }
      }
      this.pos++;
    }
    return this.fail("unterminated fd decoration");
  }

  /** A list of entries up to `close` (or the end of the text when close is ""). */
  parseList(close: Close, onEntry: (name: string | null, v: Value, nameAt: number) => void): void {
    const s = this.s;
    this.skipWs();
    if (close !== "" && s[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWs();
      if (close === "" && this.atEnd()) return;
      let name: string | null = null;
      const nameAt = this.pos;
      if (isIdentStart(s.charCodeAt(this.pos))) {
        const save = this.pos;
        const ident = this.readIdent();
        if (s[this.pos] === "=" && s[this.pos + 1] !== "=" && s[this.pos + 1] !== ">") {
          name = ident;
          this.pos++;
        } else this.pos = save;
      }
      const v = this.parseValue(close);
      onEntry(name, v, nameAt);
      const skipped = this.skipWs() || s.charCodeAt(this.pos - 1) === 32;
      const c = s[this.pos];
      if (c === ",") {
        this.pos++;
        continue;
      }
      if (close === "" ? this.atEnd() : c === close) {
        if (close !== "") this.pos++;
        return;
      }
      // Sets print space-separated: [INT TERM], [3 4].
      if (close === "]" && skipped && c !== undefined) continue;
      this.fail(close === "" ? "unexpected text after argument" : `expected ',' or '${close}'`);
    }
  }

  parseValue(close: Close): Value {
    if (this.depth >= MAX_DEPTH) this.fail("values nested too deep");
    this.depth++;
    try {
      return this.parseOneValue(close);
    } finally {
      this.depth--;
    }
  }

  parseOneValue(close: Close): Value {
    const s = this.s;
    this.skipWs();
    const start = this.pos;
    let v = this.parsePrimary(close);
    // Set after `A /* X */|B`: B's comment names another flag of the same set, joined as `X|Y`.
    let flagJoin = false;
    for (;;) {
      const skipped = this.skipWs();
      if (s.startsWith("/*", this.pos)) {
        const comment = this.readComment();
        const sep = flagJoin ? "|" : " ";
        v.comment = v.comment === undefined ? comment : `${v.comment}${sep}${comment}`;
        flagJoin = false;
        continue;
      }
      if (s[this.pos] === "|" && (v.kind === "num" || v.kind === "sym" || v.kind === "flags")) {
        // -X verbose: `0x3 /* SOCK_RAW */|0x80000 /* SOCK_CLOEXEC */`.
        const head =
          v.kind === "flags" ? v.value : [v.kind === "num" ? (v.text ?? String(v.value)) : v.value];
        const rest = this.parseFlags("");
        const comment = v.comment;
        v = { kind: "flags", value: [...head, ...(rest.kind === "flags" ? rest.value.slice(1) : [])] };
        if (comment !== undefined) v.comment = comment;
        flagJoin = true;
        continue;
      }
      if (
        s[this.pos] === "<" &&
        s[this.pos + 1] !== "<" &&
        v.kind === "num" &&
        v.comment !== undefined &&
        Number.isSafeInteger(v.value)
      ) {
        // -X verbose: `-100 /* AT_FDCWD */</>`.
        const decoration = this.readFdDecoration();
        v = { kind: "fd", fd: v.value, decoration, comment: v.comment };
        continue;
      }
      if (s.startsWith("=>", this.pos)) {
        this.pos += 2;
        const to = this.parseValue(close);
        v = { kind: "changed", from: v, to };
        continue;
      }
      if (this.isTerminator(close)) return v;
      if (close === "]" && skipped) return v;
      // Anything else continues an expression strace printed as C: 8192*1024, WIFEXITED(s) && ….
      this.skipExpression();
      return { kind: "raw", text: s.slice(start, this.pos).trimEnd() };
    }
  }

  parsePrimary(close: Close): Value {
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (c === 34 /* " */) return this.parseString(false);
    if (c === 64 /* @ */ && s[this.pos + 1] === '"') {
      this.pos++;
      return this.parseString(true);
    }
    if (c === 91 /* [ */) return this.parseArray(false);
    if (c === 126 /* ~ */ && s[this.pos + 1] === "[") {
      this.pos++;
      return this.parseArray(true);
    }
    if (c === 123 /* { */) return this.parseStruct();
    if (s.startsWith("...", this.pos)) {
      this.pos += 3;
      return { kind: "more" };
    }
    if (s.startsWith("/*", this.pos)) {
      const comment = this.readComment();
      this.skipWs();
      if (this.isTerminator(close)) return { kind: "raw", text: "", comment };
      const v = this.parseValue(close);
      v.comment = v.comment === undefined ? comment : `${comment} ${v.comment}`;
      return v;
    }
    if (isDigit(c) || (c === 45 /* - */ && isDigit(s.charCodeAt(this.pos + 1)))) return this.parseNumberish();
    if (isIdentStart(c)) return this.parseIdentish();
    // Something strace prints that is not a C value (`&sin6_addr`, `?`): keep it as raw text.
    const start = this.pos;
    this.skipExpression();
    if (this.pos === start) this.fail("expected a value");
    return { kind: "raw", text: s.slice(start, this.pos).trimEnd() };
  }

  parseString(abstract: boolean): Value {
    const str = scanString(this.s, this.pos);
    if (!str) return this.fail("unterminated string");
    this.pos = str.end;
    const v: Value = { kind: "str", value: str.value, bytes: str.bytes };
    if (str.truncated) v.truncated = true;
    if (abstract) v.abstract = true;
    if (str.raw !== undefined) v.raw = str.raw;
    return v;
  }

  parseArray(negated: boolean): Value {
    this.pos++; // [
    const items: Value[] = [];
    let more = false;
    this.parseList("]", (_name, v) => {
      if (v.kind === "more") more = true;
      else items.push(v);
    });
    const v: Value = { kind: "array", items };
    if (more) v.more = true;
    if (negated) v.negated = true;
    return v;
  }

  parseStruct(): Value {
    this.pos++; // {
    const fields: Record<string, Value> = {};
    let more = false;
    let index = 0;
    this.parseList("}", (name, v) => {
      if (name === null && v.kind === "more") {
        more = true;
        return;
      }
      let key = name ?? `#${index}`;
      if (key in fields) key = `${key}#${index}`;
      fields[key] = v;
      index++;
    });
    const v: Value = { kind: "struct", fields };
    if (more) v.more = true;
    if (fields.sa_family !== undefined) {
      const addr = sockaddrOf(fields);
      if (addr) v.addr = addr;
    }
    return v;
  }

  readNumber(): Value {
    // The common case first: a plain decimal of up to 15 digits (no 0x, no fraction, no octal 0…),
    // which the general path below would read the same way.
    const s = this.s;
    const minus = s.charCodeAt(this.pos) === 45; /* - */
    const first = minus ? this.pos + 1 : this.pos;
    let end = first;
    while (isDigit(s.charCodeAt(end))) end++;
    const after = s.charCodeAt(end);
    if (
      end > first &&
      end - first <= 15 &&
      (end - first === 1 || s.charCodeAt(first) !== 48) /* 0 */ &&
      after !== 46 /* . */ &&
      after !== 120 /* x */ &&
      after !== 88 /* X */
    ) {
      this.pos = end;
      const plain = Number(s.slice(first, end));
      return { kind: "num", value: minus && plain !== 0 ? -plain : plain };
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.s);
    if (!m) return this.fail("expected a number");
    const text = m[0];
    this.pos += text.length;
    const neg = text.startsWith("-");
    const body = neg ? text.slice(1) : text;
    let value: number;
    let keepText = false;
    if (body.startsWith("0x") || body.startsWith("0X")) {
      value = Number.parseInt(body.slice(2), 16);
      keepText = true;
    } else if (body.length > 1 && body.startsWith("0") && /^[0-7]+$/.test(body)) {
      value = Number.parseInt(body, 8);
      keepText = true;
    } else value = Number(body);
    // Hundreds of digits are no number strace prints (nor one a double or JSON can hold).
    if (!Number.isFinite(value)) return { kind: "raw", text };
    if (neg && value !== 0) value = -value;
    if (!Number.isSafeInteger(value) && !body.includes(".")) keepText = true;
    return keepText ? { kind: "num", value, text } : { kind: "num", value };
  }

  parseNumberish(): Value {
    const n = this.readNumber();
    const s = this.s;
    if (s[this.pos] === "<" && s[this.pos + 1] !== "<" && n.kind === "num" && Number.isSafeInteger(n.value)) {
      return { kind: "fd", fd: n.value, decoration: this.readFdDecoration() };
    }
    if (s[this.pos] === "|") return this.parseFlags(flagText(n));
    return n;
  }

  parseFlags(first: string): Value {
    const parts = [first];
    const s = this.s;
    while (s[this.pos] === "|") {
      this.pos++;
      const c = s.charCodeAt(this.pos);
      if (isIdentStart(c)) parts.push(this.readIdent());
      else if (isDigit(c)) {
        parts.push(flagText(this.readNumber()));
      } else this.fail("expected a flag after '|'");
    }
    return { kind: "flags", value: parts };
  }

  parseIdentish(): Value {
    const ident = this.readIdent();
    const s = this.s;
    const c = s[this.pos];
    if (c === "(") {
      this.pos++;
      const args: Value[] = [];
      this.parseList(")", (name, v) => {
        args.push(name === null ? v : { kind: "named", name, value: v });
      });
      return { kind: "call", fn: ident, args };
    }
    if (c === "|") return this.parseFlags(ident);
    if (c === "<" && s[this.pos + 1] !== "<") {
      // AT_FDCWD</cwd> with -y.
      const decoration = this.readFdDecoration();
      return { kind: "fd", fd: ident === "AT_FDCWD" ? -100 : -1, decoration, comment: ident };
    }
    if (ident === "NULL") return { kind: "null" };
    return { kind: "sym", value: ident };
  }
}

export interface ParsedArgs {
  args: Value[];
  /** Index just past the closing parenthesis (or the end of the text). */
  end: number;
}

function entriesToArgs(scanner: Scanner, close: Close): Value[] {
  const args: Value[] = [];
  scanner.parseList(close, (name, v) => {
    args.push(name === null ? v : { kind: "named", name, value: v });
  });
  return args;
}

/**
 * Parses an argument list starting just after a syscall's `(`, up to and including the matching `)`.
 * Returns null when the text does not parse (the caller keeps it raw).
 */
export function parseArgList(s: string, start: number): ParsedArgs | null {
  const scanner = new Scanner(s, start);
  try {
    const args = entriesToArgs(scanner, ")");
    return { args, end: scanner.pos };
  } catch (err) {
    return notParsed(err);
  }
}

const isUpperIdentStart = (c: number) => (c >= 65 && c <= 90) || c === 95;
const isUpperIdentChar = (c: number) => isUpperIdentStart(c) || isDigit(c);

/**
 * The common argument lists read straight from the text: plain decimals, fds with their decoration,
 * strings of printable ASCII, NULL, constants and flag sets, separated by `, `. Returns null at the
 * first thing of any other shape (a struct, an array, a comment, an escape…), and the full scanner
 * reads the text instead. What it returns is exactly what the scanner would.
 */
export function parseSimpleArgs(s: string, first?: { value: Value; end: number }): Value[] | null {
  const out: Value[] = [];
  const n = s.length;
  let i = 0;
  if (first !== undefined) {
    // The first argument is already read (an fd the model looked at): go on after it.
    out.push(first.value);
    i = first.end;
    if (i === n) return out;
    if (s.charCodeAt(i) !== 44 || s.charCodeAt(i + 1) !== 32 || i + 2 >= n) return null;
    i += 2;
  }
  while (i < n) {
    const c = s.charCodeAt(i);
    let v: Value;
    if (isDigit(c)) {
      const start = i;
      while (isDigit(s.charCodeAt(i))) i++;
      const len = i - start;
      const next = s.charCodeAt(i);
      if (len > 15 || (len > 1 && c === 48) || next === 46 || next === 120 || next === 88 || next === 124)
        return null;
      const value = Number(s.slice(start, i));
      if (next === 60 /* < */) {
        if (s.charCodeAt(i + 1) === 60) return null;
        const end = decorationEnd(s, i);
        if (end < 0 || s.startsWith(DELETED, end)) return null;
        v = { kind: "fd", fd: value, decoration: parseDecoration(s.slice(i + 1, end - 1)) };
        i = end;
      } else v = { kind: "num", value };
    } else if (c === 34 /* " */) {
      let j = i + 1;
      for (;;) {
        const d = s.charCodeAt(j);
        if (d === 34) break;
        if (d === 92 || d > 126 || d < 32 || Number.isNaN(d)) return null;
        j++;
      }
      const value = s.slice(i + 1, j);
      i = j + 1;
      if (s.startsWith("...", i)) {
        v = { kind: "str", value, bytes: value.length, truncated: true };
        i += 3;
      } else v = { kind: "str", value, bytes: value.length };
    } else if (isUpperIdentStart(c)) {
      const start = i;
      while (isUpperIdentChar(s.charCodeAt(i))) i++;
      const next = s.charCodeAt(i);
      if (next === 124 /* | */) {
        const parts = [s.slice(start, i)];
        while (s.charCodeAt(i) === 124) {
          const from = ++i;
          while (isUpperIdentChar(s.charCodeAt(i))) i++;
          // A numeral part (`O_RDWR|0x800`) or anything else: the scanner knows those.
          if (i === from || isDigit(s.charCodeAt(from))) return null;
          parts.push(s.slice(from, i));
        }
        v = { kind: "flags", value: parts };
      } else {
        const ident = s.slice(start, i);
        v = ident === "NULL" ? { kind: "null" } : { kind: "sym", value: ident };
      }
    } else return null;
    out.push(v);
    if (i === n) return out;
    // The separator: exactly `, ` and then the next value.
    if (s.charCodeAt(i) !== 44 || s.charCodeAt(i + 1) !== 32 || i + 2 >= n) return null;
    i += 2;
  }
  return out;
}

/**
 * Index just past the `>` closing the fd decoration whose `<` is at `start` (nested `<…>`, quoted
 * strings and the `->` between two addresses allowed), or -1.
 */
export function decorationEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      const str = scanString(s, i);
      if (!str) return -1;
      i = str.end - 1;
      continue;
    }
    if (c === 60 /* < */) depth++;
    else if (c === 62 /* > */ && s.charCodeAt(i - 1) !== 45 /* - */ && --depth === 0) return i + 1;
  }
  return -1;
}

/** Parses a whole text as an argument list with no closing parenthesis (stitched calls). */
export function parseArgText(s: string): Value[] | null {
  const fast = parseSimpleArgs(s);
  if (fast !== null) return fast;
  const scanner = new Scanner(s, 0);
  try {
    return entriesToArgs(scanner, "");
  } catch (err) {
    return notParsed(err);
  }
}

/** `name=` at `i` (not `==` or `=>`): where the value starts, or -1. */
function namedAt(s: string, i: number): number {
  if (!isIdentStart(s.charCodeAt(i))) return -1;
  let j = i + 1;
  while (isIdentChar(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j) !== 61 /* = */) return -1;
  const next = s.charCodeAt(j + 1);
  return next === 61 || next === 62 /* = > */ ? -1 : j + 1;
}

/** The syscalls strace prints with argument names even without -N (its clone decoder). */
const NAMED_WITHOUT_N = new Set(["clone", "clone2"]);

/**
 * An argument text as strace prints it without -N/--arg-names. With -N (strace 6.16 and later)
 * every top-level argument reads `name=value` (`sockfd=3<TCP:[…]>, addr={sa_family=AF_INET, …},
 * addrlen=16`); without it only clone's do. The text is -N's when its first argument is named (the
 * call is not clone): then each top-level `name=` is cut, and what is left is exactly the plain
 * text. Struct fields keep their names (they are inside braces, and strace prints them either way).
 * Anything else (plain text, clone, a text that does not parse) comes back unchanged; the common
 * plain text is told apart by its first characters alone.
 */
export function withoutArgNames(syscall: string, s: string): string {
  // strace 7 starts the second half of a split call with the separator (`<... read resumed>, buf=…`):
  // alone (its first half not in the trace), that half's text starts `, `.
  const start = s.charCodeAt(0) === 44 /* , */ && s.charCodeAt(1) === 32 ? 2 : 0;
  if (namedAt(s, start) < 0 || NAMED_WITHOUT_N.has(syscall)) return s;
  const cuts: number[] = [];
  const scanner = new Scanner(s, start);
  try {
    scanner.parseList("", (name, _v, nameAt) => {
      if (name !== null) cuts.push(nameAt, nameAt + name.length + 1);
    });
  } catch (err) {
    notParsed(err);
    return s;
  }
  let out = "";
  let from = 0;
  for (let k = 0; k < cuts.length; k += 2) {
    out += s.slice(from, cuts[k]);
    from = cuts[k + 1] as number;
  }
  return out + s.slice(from);
}

/** Parses a single value (a signal's siginfo, a result detail). */
export function parseValueText(s: string): Value | null {
  const scanner = new Scanner(s, 0);
  try {
    const v = scanner.parseValue("");
    scanner.skipWs();
    return scanner.atEnd() ? v : null;
  } catch (err) {
    return notParsed(err);
  }
}
