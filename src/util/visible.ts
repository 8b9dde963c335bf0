// Text decoded from a trace (socket paths, argv, process names) is untrusted: a newline in it would
// start a line of its own in a report (a Markdown heading, a Mermaid statement), and an escape
// sequence would drive the terminal. `visible` turns every such character into a printed escape,
// so what a view embeds is one line of inert text. quote() (format-value.ts) uses the same rule.

const NAMED: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };

/** C0 and C1 controls, DEL, the bidi overrides and isolates, the line and paragraph separators, non-UTF-8 bytes. */
export const UNSAFE =
  /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|(?<![\ud800-\udbff])[\udc80-\udcff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

/** The printed escape for one unsafe character: \n, \t, \r, \xHH, or \u{HHHH}. */
export function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  // A byte that was not UTF-8 (see grammar/strings.ts) prints as the byte it was.
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16).padStart(2, "0")}`;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  return `\\u{${code.toString(16)}}`;
}

/** `text` with every control character shown as an escape: one inert line. */
export function visible(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}
