// The entry of the impure shell: argv in, exit status out. It loads only commander and the option
// lists up front; each command loads what it needs when it runs (commands.ts, trace-command.ts), so
// `--version` starts fast and only --tui loads React.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { EXIT, SockscopeError } from "../errors.js";
import { createProgram } from "./program.js";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The demo program ships with the package: fixtures/demo/echo.mjs, run by this very Node. */
function demoCommand(): string[] {
  return [process.execPath, fileURLToPath(new URL("../../fixtures/demo/echo.mjs", import.meta.url))];
}

/** Runs the CLI; resolves to the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let status: number = EXIT.ok;
  const program = createProgram(packageVersion(), {
    read: async (file, options) => {
      status = await (await import("./commands.js")).runRead(file, options);
    },
    run: async (command, options) => {
      status = await (await import("./trace-command.js")).runTraceCommand({ kind: "run", command }, options);
    },
    attach: async (pids, options) => {
      status = await (await import("./trace-command.js")).runTraceCommand({ kind: "attach", pids }, options);
    },
    demo: async (options) => {
      status = await (await import("./trace-command.js")).runTraceCommand(
        { kind: "run", command: demoCommand() },
        options,
      );
    },
    schema: async () => {
      (await import("./reference.js")).printSchema();
    },
    explain: async (topic, options) => {
      await (await import("./reference.js")).explainTopic(topic, options);
    },
  });

  program.configureOutput({
    writeOut: (s) => process.stdout.write(s),
    writeErr: (s) => process.stderr.write(s),
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return status;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; commander already printed its one-line usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof SockscopeError) {
      process.stderr.write(`sockscope: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `sockscope: internal error: ${message} (please report it; SOCKSCOPE_DEBUG=1 shows details)\n`,
    );
    if (process.env.SOCKSCOPE_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ""}\n`);
    return 1;
  }
}
