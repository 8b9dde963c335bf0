// Errors writing the output (fixtures/hostile/README-escape.md, "output errors"): in process, with
// a stdout whose every write fails as a closed pipe (EPIPE) or a full disk (ENOSPC) does. A reader
// that went away is not an error (`sockscope schema | head -1`); a lost report is one line and exit
// 2, for every command, commander's help and version included. The spawned twins of these cases
// are in output-errors.live.test.ts. Limits: each case is one in-process run of a few ms.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { LOGS } from "../helpers/logs.js";

const LOG = join(LOGS, "curl-http.err-yy-tt.strace");
const COMMANDS: Array<[string, string[]]> = [
  ["schema", ["schema"]],
  ["explain", ["explain", "connect"]],
  ["explain --json", ["explain", "--json", "ECONNREFUSED"]],
  ["--help", ["--help"]],
  ["read --help", ["read", "--help"]],
  ["--version", ["--version"]],
  ["read", ["read", LOG]],
  ["read --json", ["read", "--json", LOG]],
  ["read --format markdown", ["read", "--format", "markdown", LOG]],
];

describe("stdout goes away (EPIPE): a quiet stop, the status the command would have had", () => {
  test.each(COMMANDS)("%s", async (_name, argv) => {
    const r = await runCli(argv, { failStdout: "EPIPE" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("stdout cannot be written (ENOSPC, EIO): one line, exit 2", () => {
  test.each(COMMANDS)("%s", async (_name, argv) => {
    const r = await runCli(argv, { failStdout: "ENOSPC" });
    expect(r.stderr).toBe("sockscope: cannot write to stdout: write failed (ENOSPC)\n");
    expect(r.code).toBe(2);
  });

  test("EIO says so", async () => {
    const r = await runCli(["schema"], { failStdout: "EIO" });
    expect(r.stderr).toBe("sockscope: cannot write to stdout: write failed (EIO)\n");
    expect(r.code).toBe(2);
  });
});

describe("stderr cannot be written", () => {
  test("an error that cannot be told still exits with its status, nothing thrown", async () => {
    const r = await runCli(["read", "/nonexistent/log"], { failStderr: "ENOSPC" });
    expect(r.code).toBe(2);
  });

  test("a usage error on a closed stderr: exit 2", async () => {
    const r = await runCli(["--payload", "x", "read", LOG], { failStderr: "EPIPE" });
    expect(r.code).toBe(2);
  });
});
