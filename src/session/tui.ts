// --tui: the interactive view. Loaded lazily, so the other modes never load React and ink.
import type { TraceEvent } from "../core/events.js";
import type { Lesson } from "../lessons/lesson.js";
import type { Io } from "./process-io.js";

/** Runs the view over `events` until the user quits (q or Ctrl-C); `onQuit` runs at once. */
export async function runInteractive(
  events: AsyncIterable<TraceEvent>,
  io: Io,
  onQuit: () => void,
  lesson?: Lesson,
) {
  // Ink draws only its last frame when it believes it runs in CI (CI, CONTINUOUS_INTEGRATION,
  // CI_*); --tui on a terminal is interactive by definition. Set before ink is first loaded. The
  // program already runs with its own copy of the environment.
  for (const key of Object.keys(process.env)) {
    if (key === "CI" || key === "CONTINUOUS_INTEGRATION" || key.startsWith("CI_")) delete process.env[key];
  }
  const { runTui } = await import("../render/tui/run-tui.js");
  await runTui(events, {
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    onQuit,
    ...(lesson !== undefined ? { lesson } : {}),
  });
}
