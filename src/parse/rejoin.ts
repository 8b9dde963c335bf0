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
  return {
    push(line) {
      let current = line;
      if (held) {
        current = { ...line, text: held.text + line.text, lineNo: held.lineNo };
        held = null;
      }
      const m = current.text.indexOf("strace: Process ") > 0 ? EMBEDDED_NOTE.exec(current.text) : null;
      if (m && m.index > 0) {
        held = { text: current.text.slice(0, m.index), lineNo: current.lineNo };
        return [{ text: m[0], lineNo: line.lineNo }];
      }
      return [current];
    },
    flush() {
      if (!held) return [];
      const rest = { ...held, truncated: true };
      held = null;
      return [rest];
    },
  };
}
