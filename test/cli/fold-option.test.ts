// --no-fold is a report option of every command that writes a report: parsed in process (no CLI
// spawned), folding is on by default and off with --no-fold.
import { describe, expect, test } from "vitest";
import { createProgram, type ProgramHandlers, type ReportOptions } from "../../src/cli/program.js";

async function parsed(argv: string[]): Promise<ReportOptions> {
  let seen: ReportOptions | undefined;
  const keep = async (...args: unknown[]) => {
    seen = args.find((a): a is ReportOptions => typeof a === "object" && a !== null && "fold" in a);
  };
  const handlers: ProgramHandlers = {
    read: keep,
    run: keep,
    attach: keep,
    demo: keep,
    lesson: keep,
    explain: async () => {},
    schema: async () => {},
    triage: async () => {},
  };
  await createProgram("0.0.0", handlers).parseAsync(argv, { from: "user" });
  if (seen === undefined) throw new Error(`no report options for ${argv.join(" ")}`);
  return seen;
}

describe("--no-fold", () => {
  test.each([
    { argv: ["read", "trace.log"] },
    { argv: ["run", "./a.out"] },
    { argv: ["attach", "1234"] },
    { argv: ["demo"] },
  ])("$argv.0 folds by default, not with --no-fold", async ({ argv }) => {
    expect((await parsed(argv)).fold).toBe(true);
    const [command, ...rest] = argv;
    expect((await parsed([command ?? "", "--no-fold", ...rest])).fold).toBe(false);
  });
});
