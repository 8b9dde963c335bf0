// The impure shell: argv in, exit status out. The only module that touches process.* and decides
// where output goes; everything it calls is a pure stage or a small I/O adapter.
import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { EXIT, SockscopeError } from "../errors.js";
import { lookup, suggest } from "../explain/registry.js";
import { streamEvents } from "../pipeline.js";
import { RENDERERS } from "../render/renderer.js";
import { formatTopic } from "../render/topic.js";
import { eventsJsonSchema } from "../schema/json-schema.js";
import { textChunks } from "../util/text-chunks.js";
import { openInput, openOutput } from "./io.js";
import { openReport } from "./output.js";
import { pipelineOptions } from "./pipeline-options.js";
import { createProgram, type ReportOptions } from "./program.js";
import { createProgress } from "./progress.js";
import { writeReport } from "./report.js";
import { requireTerminal } from "./terminal.js";
import { runTraceCommand } from "./trace-command.js";
import { runInteractive } from "./tui.js";
import { finalStatus, reportViolations } from "./verdict.js";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

async function runRead(file: string, options: ReportOptions): Promise<number> {
  if (options.tui) {
    requireTerminal(file === "-" ? "reads its keys from stdin, so the log must come from a file" : undefined);
    const input = await openInput(file, process.stdin);
    const events = streamEvents(textChunks(input), pipelineOptions({ ...options, explain: "full" }, false));
    const { summary } = await runInteractive(events, options.all, () => input.destroy());
    return finalStatus(
      EXIT.ok,
      reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true"),
    );
  }
  const input = await openInput(file, process.stdin);
  const { sink, renderer, format, tee, finish } = await openReport(options, process.stdout);
  const reportOnTerminal =
    options.output === undefined || options.output === "-" ? process.stdout.isTTY === true : false;
  const progress = createProgress(
    process.stderr,
    process.stderr.isTTY === true && !reportOnTerminal && !process.env.CI,
    file === "-" ? undefined : (await stat(file)).size,
  );
  const counted = (async function* () {
    for await (const chunk of textChunks(input)) {
      progress.chunk(chunk);
      yield chunk;
    }
  })();
  const summary = await writeReport(streamEvents(counted, pipelineOptions(options, false)), renderer, sink, {
    all: options.all,
    json: format === "json",
    live: false,
    summary: options.summary,
    onEvent: (e) => {
      progress.event(e);
      tee(e);
    },
  });
  progress.done();
  await sink.close();
  await finish();
  if (sink.closed) input.destroy();
  const violated = reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true");
  return finalStatus(EXIT.ok, violated);
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
      status = await runRead(file, options);
    },
    run: async (command, options) => {
      status = await runTraceCommand({ kind: "run", command }, options);
    },
    attach: async (pids, options) => {
      status = await runTraceCommand({ kind: "attach", pids }, options);
    },
    demo: async (options) => {
      status = await runTraceCommand({ kind: "run", command: demoCommand() }, options);
    },
    schema: async () => {
      process.stdout.write(`${JSON.stringify(eventsJsonSchema(), null, 2)}\n`);
    },
    explain: async (topic, options) => {
      const entry = lookup(topic);
      if (!entry) {
        const near = suggest(topic);
        const hint = near.length > 0 ? ` (did you mean ${near.map((n) => `'${n}'`).join(", ")}?)` : "";
        throw new SockscopeError(
          "BAD_USAGE",
          `no topic '${topic}' in the catalogue${hint}; topics are syscalls, errnos, options and flags`,
        );
      }
      process.stdout.write(
        options.json ? `${JSON.stringify(entry, null, 2)}\n` : formatTopic(entry, options.os),
      );
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
