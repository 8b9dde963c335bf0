// Reads what strace prints before the syscall: the pid (`[pid  1234] ` on stderr, `1234  ` with -o),
// optionally `<comm>` (--decode-pids=comm), the timestamp (-t `01:12:46`, -tt `01:12:46.123456`,
// -ttt `1732583566.123456`, -r `     0.000978`, -t -r `01:12:46 (+     0.000978)`), the instruction
// pointer (-i `[00007f952f0dc000]`) and the syscall number (-n `[  41]`).

export interface Prefix {
  /** Set by the line parser, which reuses this object for the line's position. */
  lineNo: number;
  pid: number | null;
  time?: number;
  rel?: number;
  /** Index where the body (syscall, signal, exit…) starts. */
  pos: number;
}

// At most 15 digits where a number becomes a pid or a time: always exact in a double; longer is not strace.
const PID_BRACKET = /\[pid\s+(\d{1,15})(?:<[^>\]]*>)?\] /y;
const PID_PLAIN = /(\d{1,15})(?:<[^>\s]*>)?[ \t]+/y;
const CLOCK = /(\d\d):(\d\d):(\d\d)(?:\.(\d+))? +/y;
const DECIMAL = / *(\d{1,15})\.(\d+) +/y;
const REL_PAREN = /\(\+ *(\d{1,15})\.(\d+)\) +/y;
const IP_OR_NR = /\[(?:[0-9a-f?]{8,16}|\s*\d+)\] +/y;

// A -ttt epoch (seconds since 1970) is at least this large; a -r delta is far smaller.
const EPOCH_FLOOR = 1e8;

function seconds(whole: string, frac: string | undefined): number {
  return frac === undefined ? Number(whole) : Number(`${whole}.${frac}`);
}

/** Runs a sticky regex at `pos`; on a match returns it with the index just past it. */
function at(re: RegExp, line: string, pos: number): { m: RegExpExecArray; end: number } | null {
  re.lastIndex = pos;
  const m = re.exec(line);
  return m ? { m, end: re.lastIndex } : null;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Index past the run of digits starting at `i`. */
function digits(line: string, i: number): number {
  while (isDigit(line.charCodeAt(i))) i++;
  return i;
}

/** Index past the run of spaces starting at `i`. */
function spaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * The number `digits[.digits]` in line[start, end), as Number() reads that text. Up to 15 digits in
 * all it is an exact integer over a power of ten, and one division rounds it as Number() does.
 */
function decimal(line: string, start: number, end: number): number {
  if (end - start > 15) return Number(line.slice(start, end));
  let n = 0;
  let scale = 1;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 46) scale = 10 ** (end - i - 1);
    else n = n * 10 + (c - 48);
  }
  return scale === 1 ? n : n / scale;
}

/**
 * The common prefixes without regular expressions: a pid `1234  ` and a clock `01:12:46.123456 `
 * or `1732583566.123456 `. Sets what it reads and returns true; false leaves `p` untouched for the
 * general path. Reads exactly what PID_PLAIN, CLOCK and DECIMAL read.
 */
function fastPrefix(line: string, p: Prefix): boolean {
  let i = 0;
  let pid: number | null = null;
  const c0 = line.charCodeAt(0);
  if (isDigit(c0)) {
    const end = digits(line, 0);
    const c = line.charCodeAt(end);
    if (c === 32 || c === 9) {
      if (end > 15) return false;
      pid = 0;
      for (let k = 0; k < end; k++) pid = pid * 10 + (line.charCodeAt(k) - 48);
      i = end + 1;
      while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
    } else if (c === 60 /* < */ || c === 91 /* [ */) return false;
  } else if (c0 === 91 /* [ */) return false;
  // The clock: HH:MM:SS[.frac] or seconds.frac, each followed by spaces.
  const t = i;
  let time: number | undefined;
  let rel: number | undefined;
  if (
    isDigit(line.charCodeAt(t)) &&
    isDigit(line.charCodeAt(t + 1)) &&
    line.charCodeAt(t + 2) === 58 /* : */ &&
    isDigit(line.charCodeAt(t + 3)) &&
    isDigit(line.charCodeAt(t + 4)) &&
    line.charCodeAt(t + 5) === 58 &&
    isDigit(line.charCodeAt(t + 6)) &&
    isDigit(line.charCodeAt(t + 7))
  ) {
    let end = t + 8;
    if (line.charCodeAt(end) === 46 /* . */ && isDigit(line.charCodeAt(end + 1))) {
      const frac = digits(line, end + 1);
      if (line.charCodeAt(frac) === 32) end = frac;
    }
    if (line.charCodeAt(end) !== 32) return false;
    const hours = (line.charCodeAt(t) - 48) * 10 + (line.charCodeAt(t + 1) - 48);
    const minutes = (line.charCodeAt(t + 3) - 48) * 10 + (line.charCodeAt(t + 4) - 48);
    time = hours * 3600 + minutes * 60 + decimal(line, t + 6, end);
    i = spaces(line, end);
  } else if (isDigit(line.charCodeAt(t))) {
    const whole = digits(line, t);
    if (whole - t > 15 || line.charCodeAt(whole) !== 46 || !isDigit(line.charCodeAt(whole + 1))) return false;
    const end = digits(line, whole + 1);
    if (line.charCodeAt(end) !== 32) return false;
    const value = decimal(line, t, end);
    if (value >= EPOCH_FLOOR) time = value;
    else rel = value;
    i = spaces(line, end);
  } else if (line.charCodeAt(t) === 32) return false;
  // `(+ 0.000978)` (-t -r), `[0000…]` (-i) and `[ 41]` (-n) take the general path.
  const next = line.charCodeAt(i);
  if (next === 40 /* ( */ || next === 91 /* [ */) return false;
  p.pid = pid;
  p.pos = i;
  if (time !== undefined) p.time = time;
  if (rel !== undefined) p.rel = rel;
  return true;
}

export function parsePrefix(line: string): Prefix {
  const p: Prefix = { lineNo: 0, pid: null, pos: 0 };
  if (fastPrefix(line, p)) return p;

  const pid = at(PID_BRACKET, line, 0) ?? at(PID_PLAIN, line, 0);
  if (pid) {
    p.pid = Number(pid.m[1]);
    p.pos = pid.end;
  }

  const clock = at(CLOCK, line, p.pos);
  if (clock) {
    const { m } = clock;
    p.time = Number(m[1]) * 3600 + Number(m[2]) * 60 + seconds(m[3] ?? "0", m[4]);
    p.pos = clock.end;
  } else {
    const decimal = at(DECIMAL, line, p.pos);
    if (decimal) {
      const value = seconds(decimal.m[1] ?? "0", decimal.m[2]);
      if (value >= EPOCH_FLOOR) p.time = value;
      else p.rel = value;
      p.pos = decimal.end;
    }
  }

  const rel = at(REL_PAREN, line, p.pos);
  if (rel) {
    p.rel = seconds(rel.m[1] ?? "0", rel.m[2]);
    p.pos = rel.end;
  }

  for (let extra = at(IP_OR_NR, line, p.pos); extra; extra = at(IP_OR_NR, line, p.pos)) p.pos = extra.end;
  return p;
}
