// The parse stage: text chunks → trace lines. Splits lines (split-lines.ts), takes strace 7's colour
// off them (colour.ts), puts back together what strace's own notes and the program's stderr broke
// apart (rejoin.ts, and the repair below), and parses each line (parse-line.ts).
//
// The repair: the traced program's stderr output can land inside a strace line printed on the same
// stderr (`write(2, "hi\n", 3hi` then `) = 3`), over as many lines as the output has. A syscall line
// without a return is held back, with the lines after it that are not strace lines (the program's
// output); when one more line makes the whole a syscall line, they are parsed as one (the output
// then sits among the call's arguments, where redaction treats it as payload). A strace line, or too
// much held, ends the wait: the held lines are parsed one by one, as they are.
import type { TraceLine } from "../core/lines.js";
import { withoutColour } from "./colour.js";
import { parseLine } from "./parse-line.js";
import { createLineRejoiner } from "./rejoin.js";
import { createLineSplitter, LINE_HEAD, MAX_LINE, MAX_SKIP, type SplitLine } from "./split-lines.js";

/** At most this many lines, and characters, of program output held inside one broken strace line. */
const MAX_HELD_LINES = 64;
const MAX_HELD_CHARS = 256 * 1024;

export interface Parser {
  push(chunk: string, out: TraceLine[]): void;
  end(out: TraceLine[]): void;
  /** Lines read so far. */
  readonly lines: number;
  /** The input ended in the middle of a line. */
  readonly truncated: boolean;
  /**
   * Set when a line ran past MAX_SKIP characters without a newline: why the rest of the input is
   * not read (the caller stops feeding it). That line is already out as an `unparsed` line.
   */
  readonly abandoned: string | undefined;
}

const mib = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

/** What an over-long line becomes: `unparsed`, with its head. */
function overlongLine(line: SplitLine, length: number): TraceLine {
  const reason =
    length >= MAX_SKIP && line.truncated
      ? `line longer than ${mib(MAX_SKIP)} with no newline: not a strace log; its first ${LINE_HEAD} characters kept`
      : `line longer than ${mib(MAX_LINE)} (${length} characters): not a strace line; its first ${LINE_HEAD} characters kept`;
  return { kind: "unparsed", lineNo: line.lineNo, raw: line.text, reason };
}

export function createParser(): Parser {
  const splitter = createLineSplitter();
  const rejoiner = createLineRejoiner();
  let lines = 0;
  let truncated = false;
  /** A syscall line without its return, and the lines of output after it. */
  let held: SplitLine[] = [];
  let heldChars = 0;

  const release = (out: TraceLine[]) => {
    for (const h of held) out.push(parseLine(h.text, h.lineNo, h.truncated === true));
    held = [];
    heldChars = 0;
  };

  const parse = (line: SplitLine, out: TraceLine[]) => {
    if (line.truncated) truncated = true;
    if (line.overlong !== undefined) {
      release(out);
      out.push(overlongLine(line, line.overlong));
      return;
    }
    if (held.length > 0) {
      const first = held[0] as SplitLine;
      const joined = parseLine(
        held.map((h) => h.text).join("") + line.text,
        first.lineNo,
        line.truncated === true,
      );
      if (joined.kind !== "unparsed") {
        out.push(joined);
        held = [];
        heldChars = 0;
        return;
      }
      const alone = parseLine(line.text, line.lineNo, line.truncated === true);
      if (
        alone.kind === "unparsed" &&
        !alone.noReturn &&
        !line.truncated &&
        held.length < MAX_HELD_LINES &&
        heldChars + line.text.length <= MAX_HELD_CHARS
      ) {
        held.push(line);
        heldChars += line.text.length;
        return;
      }
      release(out);
    }
    const parsed = parseLine(line.text, line.lineNo, line.truncated === true);
    if (parsed.kind === "unparsed" && parsed.noReturn && !line.truncated) {
      held = [line];
      heldChars = line.text.length;
      return;
    }
    out.push(parsed);
  };
  const feed = (split: SplitLine[], out: TraceLine[]) => {
    for (const raw of split) {
      lines++;
      const text = withoutColour(raw.text);
      const plain = text === raw.text ? raw : { ...raw, text };
      for (const line of rejoiner.push(plain)) parse(line, out);
    }
  };

  return {
    push(chunk, out) {
      feed(splitter.push(chunk), out);
    },
    end(out) {
      feed(splitter.flush(), out);
      for (const line of rejoiner.flush()) parse(line, out);
      release(out);
    },
    get lines() {
      return lines;
    },
    get truncated() {
      return truncated;
    },
    get abandoned() {
      const line = splitter.abandoned;
      return line === undefined
        ? undefined
        : `line ${line.lineNo} runs past ${mib(MAX_SKIP)} with no newline: this is not a strace log`;
    },
  };
}
