// Golden files: each recorded log through the real pipeline, as JSON lines (the wire projection the
// JSON sink writes, render/jsonl.ts) and as text. They change only through `npx vitest run -u` and are
// reviewed as diffs.
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
    await expect(events.map((e) => json.event(e)).join("") + json.end()).toMatchFileSnapshot(
      join(GOLDEN, `${log.name}.events.jsonl`),
    );
  });

  test("text", async () => {
    const text = RENDERERS.text();
    await expect(events.map((e) => text.event(e)).join("") + text.end()).toMatchFileSnapshot(
      join(GOLDEN, `${log.name}.txt`),
    );
  });
});

// The human and report views on a representative set of real traces, with brief explanations as
// users see them by default (the JSON and text goldens above are without explanations).
const VIEW_LOGS = [
  "tcp-echo.o-yy-tt-T.strace",
  "forking-server.o-yy-tt-T.strace",
  "unix.o-yy-tt-T.strace",
  "udp-senders.o-yy-tt-T.strace",
  "nonblocking-connect.o-yy-tt-T.strace",
  "curl-refused.o-yy-tt-T.strace",
  "scm-rights-pass.o-yy-tt-T.strace",
  "errors.o-yy-tt-T.strace",
];

describe.each(VIEW_LOGS.map((name) => ({ name })))("views of $name", ({ name }) => {
  const log = recordedLogs().find((l) => l.name === name);
  const explain = {
    depth: "brief" as const,
    os: "linux" as const,
    env: { somaxconn: 4096, rmemMax: 212992, wmemMax: 212992 },
  };
  if (log === undefined) throw new Error(`no recorded log ${name}`);
  const events = eventsFromText(log.text, { explain });
  const render = (format: "pretty" | "markdown" | "mermaid") => {
    const renderer = RENDERERS[format]({ colorLevel: 0, columns: 100 });
    return events.map((e) => renderer.event(e)).join("") + renderer.end();
  };

  test.each([{ format: "pretty" as const }, { format: "markdown" as const }, { format: "mermaid" as const }])(
    "$format",
    async ({ format }) => {
      await expect(render(format)).toMatchFileSnapshot(
        join(
          GOLDEN,
          "views",
          `${name}.${format === "mermaid" ? "mmd" : format === "markdown" ? "md" : "pretty.txt"}`,
        ),
      );
    },
  );

  test("the Markdown report embeds the Mermaid view's diagram", () => {
    const embedded = /```mermaid\n([\s\S]*?)\n```/.exec(render("markdown"))?.[1];
    expect(embedded).toBe(render("mermaid").trimEnd());
  });
});
