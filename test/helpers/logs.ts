// The recorded strace logs under fixtures/logs, with their strace -C summaries.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
export const LOGS = join(FIXTURES, "logs");

/** Logs where the traced program's own stderr is mixed into strace's output on purpose. */
export const MIXED_OUTPUT_LOGS = new Set(["mixed-stderr.err-yy-tt.strace"]);

export interface RecordedLog {
  name: string;
  path: string;
  text: string;
  summary: string | undefined;
}

export function recordedLogs(): RecordedLog[] {
  return readdirSync(LOGS)
    .filter((f) => f.endsWith(".strace"))
    .sort()
    .map((name) => {
      const path = join(LOGS, name);
      const summaryPath = `${path}.summary`;
      return {
        name,
        path,
        text: readFileSync(path, "utf8"),
        summary: existsSync(summaryPath) ? readFileSync(summaryPath, "utf8") : undefined,
      };
    });
}
