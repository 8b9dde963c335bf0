// Repairs a strace quirk on stderr: its own `strace: Process N attached` message can land in the middle
// of the line it is printing (`clone(…|SIGCHLDstrace: Process 4968 attached`), and the rest of that
// line then continues on the next physical line (`, child_tidptr=…) = 4968`). This stage splits the
// message off as its own line and joins the two halves back into one.
import type { SplitLine } from "./split-lines.js";

const EMBEDDED_NOTE = /strace: Process \d+ (?:attached|detached)$/;

export interface LineRejoiner {
  push(line: SplitLine): SplitLine[];
  flush(): SplitLine[];
}

export function createLineRejoiner(): LineRejoiner {
  let held: SplitLine | null = null;
  let note: SplitLine | null = null;
  return {
    push(line) {
      let current = line;
      // The note comes after the line it interrupted: strace printed it while that call was in
      // flight (a new child, attached while its parent's clone was running).
      const after = note;
      note = null;
      if (held) {
        current = { ...line, text: held.text + line.text, lineNo: held.lineNo };
        held = null;
      }
      const m = current.text.indexOf("strace: Process ") > 0 ? EMBEDDED_NOTE.exec(current.text) : null;
      if (m && m.index > 0) {
        held = { text: current.text.slice(0, m.index), lineNo: current.lineNo };
        note = { text: m[0], lineNo: line.lineNo };
        return after ? [after] : [];
      }
      return after ? [current, after] : [current];
    },
    flush() {
      const out: SplitLine[] = [];
      if (held) out.push({ ...held, truncated: true });
      if (note) out.push(note);
      held = null;
      note = null;
      return out;
    },
  };
}
