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

// Mangled numbers (fixtures/hostile/README-bounded.md, "numbers beyond 2^53"): a return value no
// double holds exactly must not become an fd or a byte count; its line is `unparsed`, and every
// line still validates.
describe("numbers beyond 2^53 in a log", () => {
  const log = [
    "4000 1700000000.000001 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 9007199254740993 <0.000010>",
    '4000 1700000000.000002 connect(3, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    "4000 1700000000.000003 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 4",
    '4000 1700000000.000004 connect(4, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    '4000 1700000000.000005 read(4, "x", 16) = 100000000000000000000000',
    '4000 1700000000.000006 write(4, "x", 1) = 0x20000000000000',
    "4000 1700000000.000007 read(4, <unfinished ...>",
    '4000 1700000000.000008 <... read resumed>"", 16) = 18446744073709551615',
    "4000 1700000000.000009 close(4) = 0",
    "4000 1700000000.000010 exit_group(0) = ?",
    "4000 1700000000.000011 +++ exited with 0 +++",
    "",
  ].join("\n");

  test("each such line is unparsed with the reason; no fd or byte count is beyond 2^53", () => {
    const events = eventsFromText(log);
    for (const e of events) check(eventJson(e));
    const unparsed = events.filter((e) => e.type === "unparsed");
    expect(unparsed.map((e) => e.lineNo)).toEqual([1, 5, 6, 8]);
    for (const e of unparsed) expect(e.type === "unparsed" && e.reason).toMatch(/return value beyond 2\^53/);
    const numbers: number[] = [];
    JSON.stringify(events, (_k, v) => {
      if (typeof v === "number") numbers.push(v);
      return v;
    });
    expect(numbers.every((n) => Number.isSafeInteger(n) || !Number.isInteger(n))).toBe(true);
    const conns = events.filter((e) => e.type === "connection");
    expect(conns.every((c) => c.type === "connection" && c.fd <= 0x7fffffff && c.bytesIn === 0)).toBe(true);
  });
});
