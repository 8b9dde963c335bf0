// strace 7's colour (`--color=always`, or its default on a terminal) wraps the parts of a line in
// ANSI SGR sequences (`ESC[33m` … `ESC[0m`). strace escapes every control byte of the traced
// program's data (an ESC in a buffer prints as `\33`), so a raw ESC in its output is its own
// colour: cutting every escape sequence leaves exactly the line it prints without colour.

/** An ANSI CSI sequence (SGR `ESC[…m` is the one strace prints; the other CSI forms go too). */
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;

/** The line without its colour; the same string when it has none (the fast path: one indexOf). */
export function withoutColour(line: string): string {
  if (line.indexOf("\x1b") === -1) return line;
  return line.replace(CSI, "");
}
