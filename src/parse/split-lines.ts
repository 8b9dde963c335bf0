// Streaming line splitter: chunks in, complete lines out. Chunk-boundary safe (the unfinished
// tail waits for its newline), CRLF-aware, and the last line without a newline is flushed
// marked as truncated rather than dropped.
//
// Lines are bounded. strace never prints a line near MAX_LINE (its strings are cut at `-s`, 32
// bytes by default); a longer one is not a trace line (binary data, a program's output with no
// newline) and would otherwise be held whole. Of a line longer than MAX_LINE characters only its
// first LINE_HEAD are kept: it comes out, when its newline comes, with `overlong` set to its
// length, and the rest is counted and dropped as it arrives. A line that reaches MAX_SKIP with no
// newline at all is given up on (`abandoned`): the input is not a trace (`read /dev/zero`).

/** The longest line kept whole, in characters (UTF-16 code units): 1 MiB. */
export const MAX_LINE = 1024 * 1024;
/** What is kept of a longer line: its first LINE_HEAD characters. */
export const LINE_HEAD = 1024;
/** A line still without a newline after this many characters (64 MiB) ends the input. */
export const MAX_SKIP = 64 * 1024 * 1024;

export interface SplitLine {
  text: string;
  /** 1-based line number in the input. */
  lineNo: number;
  /** The input ended without a newline after this line. */
  truncated?: boolean;
  /** The line was longer than MAX_LINE: its length, of which `text` holds the first LINE_HEAD. */
  overlong?: number;
}

export interface LineSplitter {
  push(chunk: string): SplitLine[];
  flush(): SplitLine[];
  /** Set when a line ran past MAX_SKIP without a newline: the line it was; nothing is read after it. */
  readonly abandoned: SplitLine | undefined;
}

export function createLineSplitter(): LineSplitter {
  // The unfinished tail, kept as parts so that a line of many megabytes arriving in small chunks
  // is joined once, not re-copied on every chunk.
  let parts: string[] = [];
  let held = 0;
  /** Characters of the current over-long line seen so far (0: the line is not over-long). */
  let skipped = 0;
  let head = "";
  let lineNo = 0;
  let abandoned: SplitLine | undefined;

  const finish = (last: string): SplitLine => {
    if (skipped > 0) {
      const line: SplitLine = { text: head, lineNo: ++lineNo, overlong: skipped + last.length };
      skipped = 0;
      head = "";
      return line;
    }
    let text = parts.length === 0 ? last : parts.join("") + last;
    parts = [];
    held = 0;
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    return { text, lineNo: ++lineNo };
  };

  /** `piece` of the current line, which has no newline in it yet. */
  const hold = (piece: string) => {
    if (skipped === 0 && held + piece.length <= MAX_LINE) {
      parts.push(piece);
      held += piece.length;
      return;
    }
    if (skipped === 0) {
      head = (parts.join("") + piece.slice(0, LINE_HEAD)).slice(0, LINE_HEAD);
      skipped = held;
      parts = [];
      held = 0;
    }
    skipped += piece.length;
  };

  return {
    push(chunk) {
      const lines: SplitLine[] = [];
      if (abandoned) return lines;
      let start = 0;
      let nl = chunk.indexOf("\n");
      while (nl !== -1) {
        const piece = chunk.slice(start, nl);
        if (skipped > 0 || held + piece.length > MAX_LINE) {
          hold(piece);
          lines.push(finish(""));
        } else lines.push(finish(piece));
        start = nl + 1;
        nl = chunk.indexOf("\n", start);
      }
      if (start < chunk.length) hold(start === 0 ? chunk : chunk.slice(start));
      if (skipped >= MAX_SKIP) {
        const line = finish("");
        abandoned = { ...line, truncated: true };
        lines.push(abandoned);
      }
      return lines;
    },
    flush() {
      if (abandoned) return [];
      if (skipped > 0) return [{ ...finish(""), truncated: true }];
      if (parts.length === 0) return [];
      const line = finish("");
      if (line.text.length === 0) return [];
      return [{ ...line, truncated: true }];
    },
    get abandoned() {
      return abandoned;
    },
  };
}
