// The entry of the impure shell: argv in, exit status out. It loads only commander and the option
// lists up front; each command loads what it needs when it runs (session/, reference.ts), so
// `--version` starts fast and only --tui loads React. Everything it touches of the process comes
// in `io`: tests run the whole CLI in process with their own streams.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { EXIT, SockscopeError } from "../errors.js";
import { type Io, processIo } from "../session/process-io.js";
import { finishOutput, guardStream } from "../session/stdio.js";
import { createProgram, hoistSubcommand } from "./program.js";

export type { Io };

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
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  // From here on a failed write to stdout or stderr is ours to report (stdio.ts), never a crash.
  guardStream(io.stdout);
  guardStream(io.stderr);
  return await finishOutput(await command(argv, io), io);
}

async function command(argv: string[], io: Io): Promise<number> {
  let status: number = EXIT.ok;
  const session = async () => (await import("../session/session.js")).runSession;
  const program = createProgram(packageVersion(), {
    read: async (file, options) => {
      status = await (await session())({ source: { kind: "read", file }, options }, io);
    },
    run: async (command, options) => {
      status = await (await session())({ source: { kind: "run", command }, options }, io);
    },
    attach: async (pids, options) => {
      status = await (await session())({ source: { kind: "attach", pids }, options }, io);
    },
    demo: async (options) => {
      status = await (await session())({ source: { kind: "run", command: demoCommand() }, options }, io);
    },
    lesson: async (name, options, quiz) => {
      const run = await import("../session/lesson.js");
      if (name === undefined) run.listLessons(io.stdout, io.env);
      else status = await run.runLesson(name, options, quiz, io);
    },
    triage: async (files, format) => {
      const { triage } = await import("../session/triage.js");
      io.stdout.write(await triage(files, format));
    },
    schema: async () => {
      (await import("./reference.js")).printSchema(io.stdout);
    },
    explain: async (topic, options) => {
      await (await import("./reference.js")).explainTopic(topic, options, io.stdout);
    },
  });

  // On every command: a subcommand copies its parent's output settings when it is created, which
  // was before this, and would print its usage errors and help to the real process's streams.
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
  };
  for (const command of [program, ...program.commands]) command.configureOutput(output);
  try {
    await program.parseAsync(hoistSubcommand(argv, program), { from: "user" });
    return status;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; commander already printed its one-line usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof SockscopeError) {
      io.stderr.write(`sockscope: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(
      `sockscope: internal error: ${message} (please report it; SOCKSCOPE_DEBUG=1 shows details)\n`,
    );
    if (io.env.SOCKSCOPE_DEBUG) io.stderr.write(`${err instanceof Error ? err.stack : ""}\n`);
    return 1;
  }
}
