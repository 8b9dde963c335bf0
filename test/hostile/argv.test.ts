// Command-line edge cases (fixtures/hostile/README-escape.md, "argv"): report options before the
// subcommand, numbers that are not whole numbers, a directory as stdin or as the program. Each is
// one in-process run of a few ms.
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { cliEnv, runCli } from "../helpers/cli.js";
import { LOGS } from "../helpers/logs.js";

const LOG = join(LOGS, "curl-http.err-yy-tt.strace");

describe("options before the subcommand", () => {
  test("sockscope --json read LOG reads the log as JSON", async () => {
    const r = await runCli(["--json", "read", LOG]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.split("\n")[0] ?? "").type).toBe("syscall");
  });

  test("options with values, and several, before read", async () => {
    const before = await runCli(["--format", "markdown", "--payload", "0", "read", "--no-summary", LOG]);
    const after = await runCli(["read", "--format", "markdown", "--payload", "0", "--no-summary", LOG]);
    expect(before.code).toBe(0);
    expect(before.stdout).toBe(after.stdout);
  });

  test("an option read does not take is refused as read's usage error", async () => {
    const r = await runCli(["--net-only", "read", LOG]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--net-only'/);
  });

  test("-- still ends the options: sockscope -- read is the program read", async () => {
    const r = await runCli(["--", "sockscope-surely-missing-read"]);
    expect(r.code).toBe(127);
  });
});

describe("numbers", () => {
  test.each([["1e21"], ["1e3"], ["0x10"], ["-1"], ["1.5"], ["99999999999"], [" 7"]])(
    "--payload %j is a usage error (2)",
    async (value) => {
      const r = await runCli(["read", "--payload", value, LOG]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^error: option '--payload <bytes>' argument .* is invalid\. expected a whole number/,
      );
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    },
  );

  test.each([["--pid"], ["--fd"], ["--conn"]])("%s 1e3 is a usage error", async (flag) => {
    const r = await runCli(["read", flag, "1e3", LOG]);
    expect(r.code).toBe(2);
  });

  test("-p 1e3 is not a process id", async () => {
    const r = await runCli(["-p", "1e3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'1e3' is not a process id/);
  });
});

describe("directories", () => {
  test("read - with a directory as stdin: one line, exit 2", async () => {
    const fd = openSync("/", "r");
    try {
      const errors: string[] = [];
      const sink = () =>
        new Writable({
          write(chunk, _enc, cb) {
            errors.push(String(chunk));
            cb();
          },
        });
      const stdin = Object.assign(Readable.from([]), { fd });
      const code = await main(["read", "-"], {
        stdin,
        stdout: sink(),
        stderr: sink(),
        env: cliEnv(),
        cwd: process.cwd(),
        inheritedFds: [],
      });
      expect(code).toBe(2);
      expect(errors.join("")).toBe("sockscope: cannot read stdin: it is a directory, not a strace log\n");
    } finally {
      closeSync(fd);
    }
  });

  test("sockscope -- /tmp: a directory, 126 as a shell says", async () => {
    const r = await runCli(["--", "/tmp"]);
    expect(r.code).toBe(126);
    expect(r.stderr).toBe("sockscope: /tmp: is a directory\n");
  });
});
