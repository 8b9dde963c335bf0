// Repairs a strace quirk on stderr: its own `strace: Process N attached` message can land in the middle
// of the line it is printing (`clone(…|SIGCHLDstrace: Process 4968 attached`), and the rest of that
// line then continues on the next physical line (`, child_tidptr=…) = 4968`). This stage splits the
// message off as its own line and joins the two halves back into one.
//
// Bounded: a joined line that again ends in such a note is joined with the next one, but at most
// MAX_JOINS times in a row and never past MAX_LINE characters; then the part held goes out as a line
// of its own (a call without its return, so `unparsed`). Without the bound, lines that all end in a note would be joined into one
// ever longer line, re-scanned at every step.
import { MAX_LINE, type SplitLine } from "./split-lines.js";

const EMBEDDED_NOTE = /strace: Process \d+ (?:attached|detached)$/;
/** The note is at the end of the line and short: only this much of the line's tail is searched. */
const NOTE_TAIL = 64;
/** The most notes one line is joined across (several children attached while one call ran). */
const MAX_JOINS = 16;

export interface LineRejoiner {
  push(line: SplitLine): SplitLine[];
  flush(): SplitLine[];
}

export function createLineRejoiner(): LineRejoiner {
  let held: SplitLine | null = null;
  let joins = 0;
  let note: SplitLine | null = null;
  return {
    push(line) {
      let current = line;
      // The note comes after the line it interrupted: strace printed it while that call was in
      // flight (a new child, attached while its parent's clone was running).
      let after = note;
      note = null;
      const out: SplitLine[] = [];
      if (held) {
        if (line.overlong === undefined && held.text.length + line.text.length <= MAX_LINE) {
          current = { ...line, text: held.text + line.text, lineNo: held.lineNo };
        } else {
          // Too long to join: the part held goes out as it is (a call without its return).
          out.push(held);
          if (after) out.push(after);
          after = null;
          joins = 0;
        }
        held = null;
      }
      if (line.overlong !== undefined) {
        if (after) out.push(after);
        out.push(current);
        return out;
      }
      const text = current.text;
      const from = Math.max(0, text.length - NOTE_TAIL);
      const m = text.indexOf("strace: Process ", from) > 0 ? EMBEDDED_NOTE.exec(text.slice(from)) : null;
      const at = m ? from + m.index : 0;
      if (m && at > 0) {
        if (joins < MAX_JOINS) {
          joins++;
          held = { text: text.slice(0, at), lineNo: current.lineNo };
          note = { text: m[0], lineNo: line.lineNo };
          if (after) out.push(after);
          return out;
        }
        // Joined too often: this part goes out as it is, its note after it.
        out.push({ text: text.slice(0, at), lineNo: current.lineNo });
        if (after) out.push(after);
        out.push({ text: m[0], lineNo: line.lineNo });
        joins = 0;
        return out;
      }
      joins = 0;
      out.push(current);
      if (after) out.push(after);
      return out;
    },
    flush() {
      const out: SplitLine[] = [];
      if (held) out.push({ ...held, truncated: true });
      if (note) out.push(note);
      held = null;
      note = null;
      joins = 0;
      return out;
    },
  };
}
