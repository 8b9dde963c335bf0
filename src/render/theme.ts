// Colour roles for the pretty view, in one place. The colour level is decided once, at the edge
// (cli: a TTY, NO_COLOR, FORCE_COLOR), and passed in; level 0 gives plain text.
import { Chalk, type ChalkInstance } from "chalk";

export interface Theme {
  time(s: string): string;
  pid(s: string): string;
  syscall(s: string): string;
  address(s: string): string;
  conn(s: string): string;
  ok(s: string): string;
  fail(s: string): string;
  pending(s: string): string;
  explain(s: string): string;
  kernel(s: string): string;
  dim(s: string): string;
  warn(s: string): string;
  heading(s: string): string;
}

export function createTheme(level: 0 | 1 | 2 | 3): Theme {
  const c: ChalkInstance = new Chalk({ level });
  return {
    time: (s) => c.gray(s),
    pid: (s) => c.magenta(s),
    syscall: (s) => c.bold(s),
    address: (s) => c.cyan(s),
    conn: (s) => c.blue(s),
    ok: (s) => c.green(s),
    fail: (s) => c.red(s),
    pending: (s) => c.yellow(s),
    explain: (s) => c.italic(s),
    kernel: (s) => c.gray(s),
    dim: (s) => c.dim(s),
    warn: (s) => c.yellow.bold(s),
    heading: (s) => c.bold.underline(s),
  };
}
