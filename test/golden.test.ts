// Golden files: each recorded log through the real pipeline, as JSON lines and as text. They change
// only through `npx vitest run -u` and are reviewed as diffs.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { eventsFromText } from "../src/pipeline.js";
import { RENDERERS } from "../src/render/renderer.js";
import { FIXTURES, recordedLogs } from "./helpers/logs.js";

const GOLDEN = join(FIXTURES, "golden");

describe.each(recordedLogs().map((log) => ({ ...log, label: log.name })))("$label", (log) => {
  const events = eventsFromText(log.text);

  test("JSON lines", async () => {
    const json = RENDERERS.json();
    await expect(events.map((e) => json.event(e)).join("")).toMatchFileSnapshot(
      join(GOLDEN, `${log.name}.events.jsonl`),
    );
  });

  test("text", async () => {
    const text = RENDERERS.text();
    await expect(events.map((e) => text.event(e)).join("")).toMatchFileSnapshot(
      join(GOLDEN, `${log.name}.txt`),
    );
  });
});
