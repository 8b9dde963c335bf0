// A live run's --json output validates against the schema `sockscope schema` prints: both from the
// built CLI, spawned; the run in a network namespace of its own, on a port of its own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { execa } from "execa";
import { expect, test } from "vitest";
import { cliEnv } from "./helpers/env.js";
import { compileFixture, createWorkDir } from "./helpers/live.js";
import { inFreshNetns, pickPort } from "./helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "bin", "sockscope.js");

test("a live run's --json output validates too", async () => {
  const printed = await execa(process.execPath, [BIN, "schema"]);
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(printed.stdout));
  const check = (line: string) => {
    if (!validate(JSON.parse(line)))
      throw new Error(`${line.slice(0, 200)}\n${JSON.stringify(validate.errors?.slice(0, 3))}`);
  };
  const work = createWorkDir();
  try {
    const program = await compileFixture("tcp-echo", work.dir);
    const out = join(work.dir, "trace.jsonl");
    // In a network namespace of its own, on a port of its own.
    const r = await execa(
      ...inFreshNetns([
        process.execPath,
        BIN,
        "--json",
        "--explain",
        "full",
        "-o",
        out,
        program,
        String(pickPort()),
      ]),
      { reject: false, env: cliEnv(), extendEnv: false },
    );
    expect(r.exitCode).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) check(line);
  } finally {
    work.remove();
  }
});
