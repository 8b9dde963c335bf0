// Terminal columns, not UTF-16 code units: a CJK character or an emoji takes two columns, a
// combining mark none, and an astral character is two code units but one character. Every width the
// view lays out (table cells, the explanation's wrapping, the length clip) is measured here, and text
// is only ever cut between whole graphemes, so no surrogate pair or wide character is split.
import stringWidth from "string-width";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** Printable ASCII only: one column per code unit, the common case, measured without segmenting. */
const ASCII = /^[\x20-\x7e]*$/;

/** How many terminal columns `text` takes (the text is sanitized: no escapes or controls). */
export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text);
}

/** The graphemes of `text` with their widths. */
function* graphemes(text: string): Generator<{ segment: string; index: number; width: number }> {
  for (const { segment, index } of segmenter.segment(text))
    yield { segment, index, width: stringWidth(segment) };
}

/**
 * The longest prefix of `text` that fits in `width` columns, as a code-unit index (always at a
 * grapheme boundary), and its width.
 */
export function fitPrefix(text: string, width: number): { end: number; width: number } {
  if (ASCII.test(text)) {
    const end = Math.max(0, Math.min(text.length, width));
    return { end, width: end };
  }
  let used = 0;
  for (const g of graphemes(text)) {
    if (used + g.width > width) return { end: g.index, width: used };
    used += g.width;
  }
  return { end: text.length, width: used };
}

/** `text` cut to at most `width` columns, ending in `…` when something was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  const { end } = fitPrefix(text, width - 1);
  return `${text.slice(0, end)}…`;
}

/** `text` fitted to exactly `width` columns: cut with `…`, then padded (on the left when `right`). */
export function fitToWidth(text: string, width: number, right = false): string {
  const t = truncateToWidth(text, width);
  const pad = " ".repeat(Math.max(0, width - displayWidth(t)));
  return right ? pad + t : t + pad;
}

/** `text` cut to at most `max` graphemes (not code units), ending in `…` when something was cut. */
export function clipGraphemes(text: string, max: number): string {
  // Fewer code units than the limit: fewer graphemes too.
  if (text.length <= max) return text;
  let count = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    count++;
    if (count === max && index + segment.length < text.length) return `${text.slice(0, index)}…`;
  }
  return text;
}

/** The end of `text` in at most `width` columns, starting with `…` when something was cut. */
export function truncateStartToWidth(text: string, width: number): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  const kept: string[] = [];
  let used = 1;
  const all = [...graphemes(text)];
  for (let i = all.length - 1; i >= 0; i--) {
    const g = all[i] as { segment: string; width: number };
    if (used + g.width > width) break;
    used += g.width;
    kept.unshift(g.segment);
  }
  return `…${kept.join("")}`;
}
