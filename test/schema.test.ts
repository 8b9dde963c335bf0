// `sockscope schema` (in process) prints a JSON Schema that a standard validator (ajv, draft 2020-12)
// compiles, and every JSON line sockscope writes for the recorded logs validates. A live run's
// lines are checked in schema.live.test.ts.
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, test } from "vitest";
import { eventsFromText } from "../src/pipeline.js";
import { eventJson } from "../src/render/jsonl.js";
import { runCli } from "./helpers/cli.js";
import { recordedLogs } from "./helpers/logs.js";

let validate: ReturnType<Ajv2020["compile"]>;

beforeAll(async () => {
  const r = await runCli(["schema"]);
  expect(r.code).toBe(0);
  const schema = JSON.parse(r.stdout);
  expect(schema.title).toMatch(/version 1/);
  validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
});

function check(line: string): void {
  const ok = validate(JSON.parse(line));
  if (!ok) throw new Error(`${line.slice(0, 200)}\n${JSON.stringify(validate.errors?.slice(0, 3))}`);
}

describe("every JSON line of every recorded log validates against the printed schema", () => {
  test.each(recordedLogs().map((l) => ({ label: l.name, text: l.text })))("$label", ({ text }) => {
    const explain = {
      depth: "full" as const,
      os: "windows" as const,
      env: { somaxconn: 4096, rmemMax: 212992, wmemMax: 212992 },
    };
    const events = eventsFromText(text, { explain });
    // The explained events (what --explain full writes) carry every optional explain field.
    expect(events.some((e) => e.type === "syscall" && e.explain?.layers !== undefined)).toBe(true);
    for (const e of events) check(eventJson(e));
  });
});
