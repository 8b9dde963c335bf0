// Reads what strace prints before the syscall: the pid (`[pid  1234] ` on stderr, `1234  ` with -o),
// optionally `<comm>` (--decode-pids=comm), the timestamp (-t `01:12:46`, -tt `01:12:46.123456`,
// -ttt `1732583566.123456`, -r `     0.000978`, -t -r `01:12:46 (+     0.000978)`), the instruction
// pointer (-i `[00007f952f0dc000]`) and the syscall number (-n `[  41]`).

export interface Prefix {
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

export function parsePrefix(line: string): Prefix {
  const p: Prefix = { pid: null, pos: 0 };

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
