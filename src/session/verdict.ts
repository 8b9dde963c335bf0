// After a report: the --fail-on verdict. One line per violation on stderr (and a GitHub Actions
// `::error` workflow command when GITHUB_ACTIONS=true), and the exit status the contract gives.

import type { SummaryEvent } from "../core/events.js";
import { EXIT } from "../errors.js";

/** GitHub's workflow commands need `%`, CR and LF escaped in the message. */
function escapeCommand(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function reportViolations(
  summary: SummaryEvent | undefined,
  stderr: NodeJS.WritableStream,
  github: boolean,
): boolean {
  const violations = summary?.violations ?? [];
  for (const v of violations) {
    stderr.write(`sockscope: --fail-on ${v.rule}: ${v.message}\n`);
    if (github) stderr.write(`::error title=sockscope ${v.rule}::${escapeCommand(v.message)}\n`);
  }
  return violations.length > 0;
}

/** The program's own failure wins; a broken rule turns a success into 3. */
export function finalStatus(programStatus: number, violated: boolean): number {
  return programStatus === EXIT.ok && violated ? EXIT.rule : programStatus;
}
