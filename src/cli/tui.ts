// --tui: the interactive view. Loaded lazily, so the other modes never load React and ink. The
// view gets the network story (every event with --all) with full explanations; the summary is
// kept for the --fail-on verdict.
import type { SummaryEvent, TraceEvent } from "../core/events.js";
import { isNetworkStory } from "../render/filter.js";

export interface TuiRun {
  summary: SummaryEvent | undefined;
}

export async function runInteractive(
  batches: AsyncIterable<readonly TraceEvent[]>,
  all: boolean,
  onQuit: () => void,
): Promise<TuiRun> {
  // Ink draws only its last frame when it believes it runs in CI (CI, CONTINUOUS_INTEGRATION,
  // CI_*); --tui on a terminal is interactive by definition. Set before ink is first loaded.
  for (const key of Object.keys(process.env)) {
    if (key === "CI" || key === "CONTINUOUS_INTEGRATION" || key.startsWith("CI_")) delete process.env[key];
  }
  const { runTui } = await import("../render/tui/run-tui.js");
  const run: TuiRun = { summary: undefined };
  const show = all ? () => true : isNetworkStory;
  async function* filtered(): AsyncGenerator<TraceEvent> {
    for await (const batch of batches)
      for (const e of batch) {
        if (e.type === "summary") run.summary = e;
        if (show(e)) yield e;
      }
  }
  await runTui(filtered(), { onQuit });
  return run;
}
