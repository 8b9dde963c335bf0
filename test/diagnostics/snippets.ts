// Builds small strace -f -yy -tt -T texts for the rule tests, and runs them through the pipeline.
import type { DiagnosticEvent } from "../../src/core/events.js";
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from "../../src/diagnostics/rule.js";
import { eventsFromText } from "../../src/pipeline.js";

/** A line: [seconds after 10:00:00, text] (pid 100) or [seconds, text, pid]. */
export type Row = [number, string] | [number, string, number];

function clock(seconds: number): string {
  const micros = Math.round((36_000 + seconds) * 1e6);
  const total = Math.floor(micros / 1e6);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${pad(h)}:${pad(m)}:${pad(total % 60)}.${pad(micros % 1e6, 6)}`;
}

/**
 * strace -o text: `100   10:00:01.000000 read(…) = 0 <0.000010>` (a -T duration unless the text has
 * one; never after `<unfinished ...>`, signals and exits, as strace prints none there).
 */
export function trace(...rows: Row[]): string {
  return rows
    .map(([t, text, pid = 100]) => {
      const withDuration =
        /^(---|\+\+\+)/.test(text) || /<\d+\.\d+>$/.test(text) || text.endsWith("<unfinished ...>")
          ? text
          : `${text} <0.000010>`;
      return `${String(pid).padEnd(5)} ${clock(t)} ${withDuration}`;
    })
    .join("\n")
    .concat("\n");
}

/** The diagnostics the pipeline emits for `text`. */
export function diagnose(text: string, options: Partial<RuleOptions> = {}): DiagnosticEvent[] {
  return eventsFromText(text, {
    summary: false,
    diagnostics: { ...DEFAULT_RULE_OPTIONS, ...options },
  }).filter((e): e is DiagnosticEvent => e.type === "diagnostic");
}

/** Only the diagnostics of one rule. */
export function findings(code: string, text: string, options: Partial<RuleOptions> = {}): DiagnosticEvent[] {
  return diagnose(text, options).filter((d) => d.code === code);
}

// Decorated fds for the snippets.
export const TCP_NEW = (fd: number, inode = 1000 + fd) => `${fd}<TCP:[${inode}]>`;
export const TCP = (fd: number, local = "127.0.0.1:40000", remote = "127.0.0.1:8080") =>
  `${fd}<TCP:[${local}->${remote}]>`;
export const LISTENER = (fd: number, local = "127.0.0.1:8080") => `${fd}<TCP:[${local}]>`;
export const INET = (port: number, ip = "127.0.0.1") =>
  `{sa_family=AF_INET, sin_port=htons(${port}), sin_addr=inet_addr("${ip}")}, 16`;

/** A connected TCP client on `fd` (socket + connect), starting at `t`. */
export function client(t: number, fd = 3, pid = 100, port = 8080, flags = "SOCK_STREAM"): Row[] {
  return [
    [t, `socket(AF_INET, ${flags}, IPPROTO_IP) = ${TCP_NEW(fd)}`, pid],
    [t + 0.001, `connect(${TCP_NEW(fd)}, ${INET(port)}) = 0`, pid],
  ];
}

export const FORK =
  "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f)";
export const THREAD =
  "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, exit_signal=0, stack=0x7f, stack_size=0x7fff80} => {parent_tid=[101]}, 88)";

/** A listener on `fd` bound to ip:port, in `pid`. */
export function listener(
  t: number,
  fd: number,
  port: number,
  pid = 100,
  ip = "127.0.0.1",
  reuse = false,
): Row[] {
  return [
    [t, `socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = ${TCP_NEW(fd)}`, pid],
    ...(reuse ? [[t, `setsockopt(${TCP_NEW(fd)}, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0`, pid] as Row] : []),
    [t, `bind(${TCP_NEW(fd)}, ${INET(port, ip)}) = 0`, pid],
    [t, `listen(${LISTENER(fd, `${ip}:${port}`)}, 16) = 0`, pid],
  ];
}
