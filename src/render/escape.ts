// What each view does to text it embeds from a trace. The trace is untrusted: a program chooses
// its argv, its socket paths and its payloads, and must not be able to write its own headings into
// a CI job summary, end a Mermaid diagram, or send escape sequences to the reader's terminal.
// Decoded strings are made one inert line where they are decoded (util/visible.ts: addresses,
// process names); each format here adds what its own syntax needs.
import { escapeChar, UNSAFE_BUT_LINES, visible } from "../util/visible.js";

const UNSAFE_ALL = new RegExp(UNSAFE_BUT_LINES.source, "g");
/** A colour sequence the pretty view's theme writes (SGR: ESC [ digits ; … m). */
const SGR = /^\x1b\[[0-9;]*m/;

/**
 * Text and pretty views, on each event's finished text: every control character but the view's
 * own line ends and tabs (decoded strings have theirs escaped already) is shown as an escape; with `colour`, the theme's SGR sequences are left alone.
 */
export function terminalSafe(text: string, colour = false): string {
  if (!UNSAFE_BUT_LINES.test(text)) return text;
  return text.replace(UNSAFE_ALL, (ch, offset: number) => {
    if (colour && ch === "\x1b" && SGR.test(text.slice(offset, offset + 16))) return ch;
    return escapeChar(ch);
  });
}

/**
 * Markdown prose: one line, no HTML (GitHub would render an <img> a program put in its path).
 * Code spans (`ss -tlnp`) are left as they are: an entity would show literally inside one.
 */
export function markdownText(text: string): string {
  return visible(text)
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
}

/** A Markdown table cell: prose that cannot end its cell or open a code span across cells. */
export function markdownCell(text: string | number | undefined): string {
  if (text === undefined) return "";
  return markdownText(String(text)).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/`/g, "\\`");
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** An inline code span around `text`: delimited by more backticks than any run inside it. */
export function markdownCode(text: string): string {
  const one = visible(text);
  const ticks = "`".repeat(longestRun(one, "`") + 1);
  const pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
  return `${ticks}${pad}${one}${pad}${ticks}`;
}

/** A fenced code block: a fence longer than any backtick run in `body`, so nothing inside ends it. */
export function markdownFence(info: string, body: string): string {
  const fence = "`".repeat(Math.max(3, longestRun(body, "`") + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * Mermaid message and label text: one line, without what its syntax gives a meaning to (`;` ends a
 * statement, `#` starts an entity code, `%%` a comment or directive, quotes, angle brackets (HTML)
 * and backticks (Markdown strings, and the fence around the diagram)).
 */
export function mermaidText(text: string): string {
  return visible(text)
    .replace(/;/g, ",")
    .replace(/[#%{}"`]/g, " ")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/\s+/g, " ")
    .trim();
}
