// Streaming line splitter: chunks in, complete lines out. Chunk-boundary safe (the unfinished
// tail waits for its newline), CRLF-aware, and the last line without a newline is flushed
// marked as truncated rather than dropped.

export interface SplitLine {
  text: string;
  /** 1-based line number in the input. */
  lineNo: number;
  /** The input ended without a newline after this line. */
  truncated?: boolean;
}

export interface LineSplitter {
  push(chunk: string): SplitLine[];
  flush(): SplitLine[];
}

export function createLineSplitter(): LineSplitter {
  // The unfinished tail, kept as parts so that a line of many megabytes arriving in small chunks
  // is joined once, not re-copied on every chunk.
  let parts: string[] = [];
  let lineNo = 0;

  const finish = (last: string): string => {
    let text = parts.length === 0 ? last : parts.join("") + last;
    parts = [];
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    return text;
  };

  return {
    push(chunk) {
      const lines: SplitLine[] = [];
      let start = 0;
      let nl = chunk.indexOf("\n");
      while (nl !== -1) {
        lines.push({ text: finish(chunk.slice(start, nl)), lineNo: ++lineNo });
        start = nl + 1;
        nl = chunk.indexOf("\n", start);
      }
      if (start < chunk.length) parts.push(start === 0 ? chunk : chunk.slice(start));
      return lines;
    },
    flush() {
      if (parts.length === 0) return [];
      const text = finish("");
      if (text.length === 0) return [];
      return [{ text, lineNo: ++lineNo, truncated: true }];
    },
  };
}
