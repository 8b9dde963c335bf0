// Text decoded from a trace (socket paths, argv, process names) is untrusted: a newline in it would
// start a line of its own in a report (a Markdown heading, a Mermaid statement), and an escape
// sequence would drive the terminal. `visible` turns every such character into a printed escape,
// so what a view embeds is one line of inert text. quote() (format-value.ts) uses the same rule.

const NAMED: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };

/**
 * C0 and C1 controls, DEL, the bidi marks, overrides and isolates, the line and paragraph
 * separators, and the low surrogates that stand for bytes that were not UTF-8 (grammar/strings.ts).
 * The low half of a real surrogate pair matches too: the replacers below leave it alone.
 */
const UNSAFE_CHARS =
  /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]/g;
/** The same but for tab and newline: what a multi-line view checks its finished text for. */
export const UNSAFE_BUT_LINES =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether the code point `code` must be shown as an escape. */
export function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code < 0xa0) ||
    code === 0x61c ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    (code >= 0xdc80 && code <= 0xdcff)
  );
}

/** The printed escape for one unsafe character: \n, \t, \r, \xHH, or \u{HHHH}. */
export function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  // A byte that was not UTF-8 prints as the byte it was.
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16).padStart(2, "0")}`;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  return `\\u{${code.toString(16)}}`;
}

function isPairedLow(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  if (code < 0xdc00 || code > 0xdfff) return false;
  const before = offset > 0 ? text.charCodeAt(offset - 1) : 0;
  return before >= 0xd800 && before <= 0xdbff;
}

/** `text` with every control character shown as an escape: one inert line. */
export function visible(text: string): string {
  UNSAFE_CHARS.lastIndex = 0;
  if (!UNSAFE_CHARS.test(text)) return text;
  return text.replace(UNSAFE_CHARS, (ch, offset: number) =>
    isPairedLow(text, offset) ? ch : escapeChar(ch),
  );
}
