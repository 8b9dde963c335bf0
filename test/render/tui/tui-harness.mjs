// Runs the interactive view over a recorded strace log on the real terminal (process.stdin/stdout),
// the way `sockscope read --tui` will: the built pipeline, the network filter, then runTui.
// Exits 0 when the user quits, 1 if the view failed. Used by tmux.live.test.ts:
//   node test/render/tui/tui-harness.mjs <log>
import { createReadStream } from "node:fs";

const dist = new URL("../../../dist/", import.meta.url);
const { streamEvents } = await import(new URL("pipeline.js", dist).href);
const { isNetworkStory } = await import(new URL("render/filter.js", dist).href);
const { runTui } = await import(new URL("render/tui/run-tui.js", dist).href);

const log = process.argv[2];
if (!log) {
  process.stderr.write("usage: tui-harness.mjs <strace log>\n");
  process.exit(2);
}

async function* shown(events) {
  for await (const e of events) if (isNetworkStory(e)) yield e;
}

const chunks = createReadStream(log, { encoding: "utf8" });
const events = streamEvents(chunks, { explain: { depth: "full", os: "linux", env: {} } });
try {
  await runTui(shown(events), { onQuit: () => chunks.destroy() });
  process.exit(0);
} catch (err) {
  process.stderr.write(`tui-harness: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
}
