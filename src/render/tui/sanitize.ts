// Text from the trace (strings the traced program sent, paths, raw lines strace could not parse) is
// untrusted: an escape sequence in it would move the cursor or clear the screen under ink. Strip
// escape sequences and control characters before anything reaches a <Text>.

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC strings (ESC P/X/^/_ … ST), the
// 8-bit CSI, and any other two-character ESC sequence.
const ESCAPE_SEQUENCE =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]|\x1b[ -~]?/g;
// C0 controls (tab and newline included: a line is one line), DEL, C1 controls, and the Unicode
// bidirectional overrides that reorder what is shown.
const CONTROL = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One display line: escape sequences removed, tabs and newlines turned into spaces, other controls dropped. */
export function sanitizeText(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, "")
    .replace(/[\t\n\r]/g, " ")
    .replace(CONTROL, "");
}
