// A progress line for `read` of a large file: bytes and events so far, on stderr, only when
// stderr is a terminal and the report goes elsewhere (a file or a pipe), and never under CI.
import type { TraceEvent as Event } from "../core/events.js";

export interface Progress {
  chunk(text: string): void;
  event(e: Event): void;
  done(): void;
}

const NOOP: Progress = { chunk() {}, event() {}, done() {} };

function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

export function createProgress(
  stderr: NodeJS.WriteStream,
  enabled: boolean,
  totalBytes: number | undefined,
): Progress {
  if (!enabled) return NOOP;
  let bytes = 0;
  let events = 0;
  let shown = false;
  const draw = () => {
    const of = totalBytes ? ` of ${mb(totalBytes)} (${Math.floor((100 * bytes) / totalBytes)}%)` : "";
    stderr.write(`\rsockscope: read ${mb(bytes)}${of}, ${events} events`);
    shown = true;
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    chunk(text) {
      bytes += text.length;
    },
    event() {
      events++;
    },
    done() {
      clearInterval(timer);
      if (shown) stderr.write("\r\x1b[K");
    },
  };
}
