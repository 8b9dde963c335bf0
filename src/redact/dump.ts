// strace's `-e read=`/`-e write=` hex dumps: the bytes of a call's buffer again, 16 to a line
// (` | 00000  41 42 …  AB.. |`), each line an event of its own. They are payload like the buffer:
// together, the lines of one dump show at most the payload limit in bytes; --no-payload shows one
// line saying the dump was hidden, and none of its bytes. Credentials are masked across lines (a
// `password=` at the end of one line, its value on the next), in the hex columns as in the text
// column: the lines of a dump are read as one byte string, of which the last few hundred bytes are
// kept to see the next line in context.
import type { NoteEvent } from "../core/events.js";
import type { RedactOptions } from "./redact.js";
import { secretRanges } from "./secrets.js";

/** Bytes of a dump kept as context for the next line (enough for a key and the start of its value). */
const CONTEXT = 256;

/** `00000  41 42 43 …  ABC |`: the offset, then up to 16 bytes in hex. */
const LINE = /^([0-9a-f]{5,16}) {2}((?:[0-9a-f]{2} {1,2}){0,15}[0-9a-f]{2})/;

export interface DumpRedactor {
  /** A dump line as it may be shown, or null when nothing of it may be (past the limit). */
  line(e: NoteEvent): NoteEvent | null;
  /** Any other event: the dump, if one was running, has ended. */
  reset(): void;
}

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
}

export function createDumpRedactor(options: RedactOptions): DumpRedactor {
  let running = false;
  let shown = 0;
  let context = "";
  return {
    reset() {
      running = false;
      shown = 0;
      context = "";
    },
    line(e) {
      const first = !running;
      running = true;
      if (options.none) return first ? { ...e, text: "(dump not shown: --no-payload)" } : null;
      const m = LINE.exec(e.text);
      if (!m) {
        // Not strace's layout: text that is payload all the same.
        if (shown >= options.limit) return null;
        shown = options.limit;
        return { ...e, text: "(dump line not shown: not in strace's layout)" };
      }
      const offset = m[1] as string;
      const bytes = (m[2] as string)
        .trim()
        .split(/ +/)
        .map((h) => Number.parseInt(h, 16));
      if (shown >= options.limit) return null;
      // Which of this line's bytes belong to a credential, read with the lines before it.
      const text = String.fromCharCode(...bytes);
      const whole = context + text;
      const masked = new Array<boolean>(bytes.length).fill(false);
      for (const [s, end] of options.mask === false ? [] : secretRanges(whole))
        for (let i = Math.max(s, context.length); i < end; i++) masked[i - context.length] = true;
      context = whole.length > CONTEXT ? whole.slice(-CONTEXT) : whole;
      const room = options.limit - shown;
      const keep = Math.min(room, bytes.length);
      shown += bytes.length;
      let hex = "";
      let ascii = "";
      for (let i = 0; i < keep; i++) {
        const b = bytes[i] as number;
        hex += `${i === 8 ? " " : ""}${masked[i] ? "**" : b.toString(16).padStart(2, "0")} `;
        ascii += masked[i] ? "*" : printable(b);
      }
      const tail = keep < bytes.length ? ` (dump cut at ${options.limit} bytes: --payload)` : "";
      return { ...e, text: `${offset}  ${hex.padEnd(49)} ${ascii.padEnd(16)} |${tail}` };
    },
  };
}
