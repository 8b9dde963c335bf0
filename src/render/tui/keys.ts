// What ink's useInput reports, turned into the keys the user typed, in order.
//
// Ink 6 reads stdin in chunks and splits each chunk at escape sequences only (input-parser.js):
// "\x1b[B\x1b[B" arrives as two calls, each parsed into key.downArrow, but the plain text between
// them stays one call. Key repeat, a slow terminal or ssh can put several keys in one read, and then
// `input` is "jjj", "jj\r", "\x7f\x7f" or "jjq" with no key flag set. So a call is one named key (the
// flags) or a run of characters; the run is split here into one key per character, its control
// characters (enter, backspace, Ctrl-C) named. Escape sequences still inside a run (an ink that passes
// the chunk whole) are recognised too.
import type { Key } from "ink";

export type KeyName =
  | "up"
  | "down"
  | "pageup"
  | "pagedown"
  | "home"
  | "end"
  | "return"
  | "escape"
  | "backspace"
  /** Ctrl-C: quit, even in the filter prompt. */
  | "interrupt";

/** One key: a named one, or a character (one code point, never half a surrogate pair). */
export type KeyPress = { name: KeyName } | { char: string };

/** The final byte of CSI / SS3 sequences for the keys the view uses. */
const FINAL: Record<string, KeyName> = { A: "up", B: "down", H: "home", F: "end" };
/** CSI n ~ */
const TILDE: Record<string, KeyName> = {
  "1": "home",
  "7": "home",
  "4": "end",
  "8": "end",
  "5": "pageup",
  "6": "pagedown",
};

function named(key: Key): KeyName | undefined {
  if (key.upArrow) return "up";
  if (key.downArrow) return "down";
  if (key.pageUp) return "pageup";
  if (key.pageDown) return "pagedown";
  if (key.home) return "home";
  if (key.end) return "end";
  if (key.return) return "return";
  if (key.escape) return "escape";
  if (key.backspace || key.delete) return "backspace";
  return undefined;
}

/** The keys of one useInput call, in the order they were typed. */
export function keyPresses(input: string, key: Key): KeyPress[] {
  const name = named(key);
  if (name !== undefined) return [{ name }];
  if (key.ctrl) return input === "c" ? [{ name: "interrupt" }] : [];
  // Ink strips the ESC of "ESC x" (what Alt-x and a quick Esc then x both send) and sets meta: the
  // view has no Alt keys, so it is Esc followed by x.
  const keys: KeyPress[] = key.meta && input !== "" ? [{ name: "escape" }] : [];
  keys.push(...splitRun(input));
  return keys;
}

/** A run of characters, one key each; control characters and escape sequences named. */
export function splitRun(input: string): KeyPress[] {
  const keys: KeyPress[] = [];
  const chars = [...input];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "\x1b") {
      const sequence = escapeSequence(chars, i);
      if (sequence.name !== undefined) keys.push({ name: sequence.name });
      i = sequence.last;
    } else if (c === "\r" || c === "\n") keys.push({ name: "return" });
    else if (c === "\x7f" || c === "\b") keys.push({ name: "backspace" });
    else if (c === "\x03") keys.push({ name: "interrupt" });
    else if (c >= " " && !/^[\x7f-\x9f]$/.test(c)) keys.push({ char: c });
    // Other control characters (tab, Ctrl-letters) mean nothing here.
  }
  return keys;
}

/** The escape sequence starting at chars[at] (an ESC): the key it names, and its last index. */
function escapeSequence(chars: readonly string[], at: number): { name?: KeyName; last: number } {
  const kind = chars[at + 1];
  if (kind === "[" || kind === "O") {
    // CSI: parameter and intermediate bytes, then a final byte; SS3: one final byte.
    let i = at + 2;
    let params = "";
    while (kind === "[" && i < chars.length && /^[\x20-\x3f]$/.test(chars[i] as string)) params += chars[i++];
    const final = chars[i];
    if (final === undefined) return { last: chars.length - 1 };
    const name = final === "~" ? TILDE[params.split(";")[0] ?? ""] : FINAL[final];
    return { name, last: i };
  }
  // A lone ESC (or ESC ESC): the Escape key; ESC x is Esc then x, x handled next.
  return { name: "escape", last: kind === "\x1b" ? at + 1 : at };
}
