// The commander program: commands, options and help. Parsing only; main.ts runs what it parses.
import { Command, type Command as CommandT, Option } from "commander";
import { OS_NAMES, type Os } from "../catalogue/os.js";
import { RULE_NAMES, type RuleName } from "../core/events.js";
import type { Depth } from "../explain/annotate.js";
import type { InjectSpec } from "../inject/spec.js";
import type { AllowRule } from "../policy/cidr.js";
import { FORMATS, type Format } from "../render/formats.js";
import type { ExplainTopicOptions, ReportOptions, TraceOptions } from "../session/options.js";
import {
  collect,
  collectInject,
  numberList,
  parseAllow,
  parseCount,
  parsePid,
  parseRules,
} from "./option-parsers.js";

export type { ExplainTopicOptions, ReportOptions, TraceOptions };

export interface ProgramHandlers {
  read(file: string, options: ReportOptions): Promise<void>;
  run(command: string[], options: TraceOptions): Promise<void>;
  attach(pids: number[], options: TraceOptions): Promise<void>;
  demo(options: TraceOptions): Promise<void>;
  /** `lesson` alone lists them; `lesson NAME` runs one. */
  lesson(name: string | undefined, options: TraceOptions, quiz: boolean): Promise<void>;
  explain(topic: string, options: ExplainTopicOptions): Promise<void>;
  schema(): Promise<void>;
  triage(files: string[], format: "text" | "markdown" | "json"): Promise<void>;
}

type RawReport = {
  failOn?: RuleName[];
  allow?: AllowRule[];
  stable?: boolean;
  summaryFile?: string;
  payload?: number | false;
  /** false: --no-redact. */
  redact?: boolean;
  recordBaseline?: string;
  baseline?: string;
  suggestAllow?: boolean;
  tui?: boolean;
  pid?: number[];
  fd?: number[];
  syscall?: string[];
  conn?: number[];
  errorsOnly?: boolean;
  fold: boolean;
  format?: Format;
  json?: boolean;
  output?: string;
  summary: boolean;
  all?: boolean;
  explain: Depth;
  os: Os;
};
type RawTrace = RawReport & {
  netOnly?: boolean;
  decodeFds: boolean;
  strace?: string;
  straceArg: string[];
  /** -p PID: attach instead of run (strace's flag). */
  p?: number[];
  /** false: --no-children (attach only). */
  children?: boolean;
  /** false: --no-kernel-state. */
  kernelState?: boolean;
  inject?: InjectSpec[];
  injectAttached?: boolean;
};

function addReportOptions(cmd: CommandT, defaultOutput: string): CommandT {
  return cmd
    .addOption(
      new Option("--format <format>", "report format (default: pretty on a terminal, else text)").choices(
        FORMATS,
      ),
    )
    .option("--json", "the same as --format json")
    .option("-o, --output <file>", `write the report to FILE (- is stdout; default ${defaultOutput})`)
    .option("--all", "show every call, not only the network story (JSON always has everything)")
    .addOption(
      new Option("--explain <depth>", "how much of the kernel's side to tell")
        .choices(["none", "brief", "full"])
        .default("brief"),
    )
    .addOption(
      new Option("--os <os>", "also say how another system does it").choices(OS_NAMES).default("linux"),
    )
    .option("--no-summary", "leave out the summary at the end")
    .option("--fail-on <rules>", `exit 3 when a rule breaks: ${RULE_NAMES.join(",")}`, parseRules)
    .option(
      "--allow <rules>",
      "networks and host names that count as local for --fail-on external (comma-separated: 10.0.0.0/8, github.com:443, *.npmjs.org)",
      parseAllow,
    )
    .option(
      "--payload <bytes>",
      "bytes of each data buffer to show, and to ask strace for (default 32; with --format pcap 65536); credentials are masked anyway",
      parseCount,
    )
    .option("--no-payload", "show buffer lengths only, not one byte of their content")
    .option(
      "--no-redact",
      "show credentials in data buffers as they are (masked by default; argv and socket paths stay masked)",
    )
    .option(
      "--record-baseline <file>",
      "write what the run did with the network (endpoints by host name, listeners, unix paths) to FILE, for review",
    )
    .option(
      "--baseline <file>",
      "compare the run with a recorded baseline: --fail-on unexpected fails on anything new, missing on anything not seen",
    )
    .option("--suggest-allow", "say which --allow list would let the run's external connections pass")
    .option("--pid <pids>", "show only these processes (comma-separated)", numberList)
    .option("--fd <fds>", "show only calls on these fds (comma-separated)", numberList)
    .option("--syscall <names>", "show only these syscalls (comma-separated)", (v: string) =>
      v.split(",").filter((x) => x !== ""),
    )
    .option("--conn <ids>", "show only these connections, by socket id (comma-separated)", numberList)
    .option(
      "--errors-only",
      "show only failed calls (and diagnostics); non-blocking I/O's EAGAIN and EINPROGRESS are not failures",
    )
    .option(
      "--no-fold",
      "text and pretty: show every call, instead of folding a long run of data calls on one socket into one line",
    )
    .option(
      "--tui",
      "the interactive view (a terminal only): events, live connections, explanations; q quits",
    )
    .option(
      "--summary-file <file>",
      "also append a Markdown report to FILE (default: $GITHUB_STEP_SUMMARY when set; none: never)",
    )
    .option(
      "--stable",
      "deterministic output: no times, pids p1 p2…, stable ports and socket ids (for golden tests)",
    );
}

function addTraceOptions(cmd: CommandT): CommandT {
  return addReportOptions(cmd, "stderr")
    .option(
      "--net-only",
      "trace only socket calls, close and process calls (for programs with heavy file I/O)",
    )
    .option(
      "--no-decode-fds",
      "have strace decode fds with -y instead of -yy (paths and socket inodes, no addresses): much cheaper on programs that open many short connections, but kernel-picked local addresses (ephemeral ports) are then unknown",
    )
    .option(
      "--no-kernel-state",
      "do not read the kernel's own view beside the trace (tcp_info of each TCP connection from ss, listeners' accept queues, TCP counters); it is never read under --stable",
    )
    .option("--strace <path>", "the strace binary to use (default: SOCKSCOPE_STRACE, then PATH)")
    .option("--strace-arg <arg>", "pass an extra flag to strace (repeatable; for experts)", collect, [])
    .option(
      "--inject <spec>",
      "make strace fail or delay a call (repeatable): connect=ECONNREFUSED, send=EPIPE@3, accept=delay:2s, recv=EINTR@2+",
      collectInject,
    )
    .option("--inject-attached", "attach and -p: really inject into processes that are already running");
}

/** --inject into running processes only when asked twice; --inject-attached alone is a mistake. */
function checkInject(raw: RawTrace, attaching: boolean, cmd: CommandT): void {
  const injecting = (raw.inject ?? []).length > 0;
  if (attaching && injecting && raw.injectAttached !== true)
    cmd.error(
      "error: --inject changes what the calls of running processes return (a server's, say): add --inject-attached to do it anyway",
      { exitCode: 2 },
    );
  if (raw.injectAttached === true && !(attaching && injecting))
    cmd.error("error: --inject-attached confirms --inject with attach or -p PID, and is for nothing else", {
      exitCode: 2,
    });
}

const NO_CHILDREN_HELP =
  "attach to the named pids alone, not to the processes they forked before the attach (children forked later are followed either way)";

const DEFAULT_PAYLOAD = 32;
const PCAP_PAYLOAD = 65_536;

function reportOptions(raw: RawReport): ReportOptions {
  const format = raw.json ? "json" : raw.format;
  const options: ReportOptions = {
    summary: raw.summary,
    all: raw.all === true,
    explain: raw.explain,
    os: raw.os,
    failOn: raw.failOn ?? [],
    allow: raw.allow ?? [],
    stable: raw.stable === true,
    // pcap carries the bytes themselves: it asks strace for as many as a segment holds.
    payload:
      raw.payload === false ? 0 : (raw.payload ?? (format === "pcap" ? PCAP_PAYLOAD : DEFAULT_PAYLOAD)),
    noPayload: raw.payload === false,
    redact: raw.redact !== false,
    tui: raw.tui === true,
    fold: raw.fold !== false,
    selection: {
      pids: raw.pid ?? [],
      fds: raw.fd ?? [],
      syscalls: raw.syscall ?? [],
      conns: raw.conn ?? [],
      errorsOnly: raw.errorsOnly === true,
    },
  };
  if (raw.output !== undefined) options.output = raw.output;
  if (format !== undefined) options.format = format;
  if (raw.summaryFile !== undefined) options.summaryFile = raw.summaryFile;
  if (raw.recordBaseline !== undefined) options.recordBaseline = raw.recordBaseline;
  if (raw.baseline !== undefined) options.baseline = raw.baseline;
  if (raw.suggestAllow === true) options.suggestAllow = true;
  return options;
}

function traceOptions(raw: RawTrace): TraceOptions {
  const options: TraceOptions = {
    ...reportOptions(raw),
    netOnly: raw.netOnly === true,
    decodeFds: raw.decodeFds !== false,
    straceArg: raw.straceArg,
    children: raw.children !== false,
    kernelState: raw.kernelState !== false,
    inject: raw.inject ?? [],
  };
  if (raw.strace !== undefined) options.strace = raw.strace;
  return options;
}

export function createProgram(version: string, handlers: ProgramHandlers): CommandT {
  const program = new Command("sockscope")
    .description(
      "Show what a program does with the network, one system call at a time, and what Linux does underneath.",
    )
    .version(version, "-V, --version")
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride();

  addTraceOptions(
    program
      .command("run", { isDefault: true })
      .description("trace a program from its start (the default command: sockscope ./a.out)")
      .argument("[program]", "the program to trace")
      .argument("[args...]", "its arguments, passed on untouched")
      .option(
        "-p <pid>",
        "attach to a running process instead, like strace -p (repeatable)",
        (v: string, prev: number[] = []) => [...prev, parsePid(v)],
      )
      .option("--no-children", `with -p: ${NO_CHILDREN_HELP}`)
      .passThroughOptions()
      .exitOverride(),
  ).action(async (program: string | undefined, args: string[], raw: RawTrace, cmd: CommandT) => {
    if (raw.p !== undefined) {
      if (program !== undefined)
        cmd.error("error: give a program to run or -p PID to attach, not both", { exitCode: 2 });
      checkInject(raw, true, cmd);
      await handlers.attach(raw.p, traceOptions(raw));
      return;
    }
    if (program === undefined) cmd.help({ error: true });
    if (raw.children === false)
      cmd.error("error: --no-children is for attaching (-p PID); a program run is traced with its children", {
        exitCode: 2,
      });
    checkInject(raw, false, cmd);
    await handlers.run([program, ...args], traceOptions(raw));
  });

  addTraceOptions(
    program
      .command("attach")
      .description(
        "trace running processes and their children, also those forked before the attach; Ctrl-C detaches and leaves them running",
      )
      .argument("<pid...>", "the process id(s)", (v: string, prev: number[] = []) => [...prev, parsePid(v)])
      .option("--no-children", NO_CHILDREN_HELP)
      .exitOverride(),
  ).action(async (pids: number[], raw: RawTrace, cmd: CommandT) => {
    checkInject(raw, true, cmd);
    await handlers.attach(pids, traceOptions(raw));
  });

  addTraceOptions(
    program
      .command("demo")
      .description(
        "trace a bundled tiny TCP client and server (Node.js), to see a whole socket story at once",
      )
      .exitOverride(),
  ).action(async (raw: RawTrace, cmd: CommandT) => {
    checkInject(raw, false, cmd);
    await handlers.demo(traceOptions(raw));
  });

  addTraceOptions(
    program
      .command("lesson")
      .description(
        "learn sockets by running them: with no name, list the lessons; with one, run it traced and tell its story (what to look at, what happened, questions)",
      )
      .argument("[name]", "the lesson to run (sockscope lesson lists them)")
      .option("--quiz", "on a terminal: wait for a key before showing each answer")
      .exitOverride(),
  ).action(async (name: string | undefined, raw: RawTrace & { quiz?: boolean }) => {
    await handlers.lesson(name, traceOptions(raw), raw.quiz === true);
  });

  addReportOptions(
    program
      .command("read")
      .description(
        "explain a strace log recorded earlier (any common strace flags); - or no file reads stdin",
      )
      .argument("[file]", "the strace log (-o output or captured stderr)", "-")
      .exitOverride(),
    "stdout",
  ).action(async (file: string, raw: RawReport) => {
    await handlers.read(file, reportOptions(raw));
  });

  program
    .command("triage")
    .description(
      "merge the --json reports of many runs: each endpoint and listener, in how many runs, new, gone or flaky",
    )
    .argument("<reports...>", "sockscope --json reports, oldest first")
    .addOption(
      new Option("--format <format>", "how to print it")
        .choices(["text", "markdown", "json"])
        .default("text"),
    )
    .exitOverride()
    .action(async (files: string[], raw: { format: "text" | "markdown" | "json" }) => {
      await handlers.triage(files, raw.format);
    });

  program
    .command("schema")
    .description("print the JSON Schema of the JSON-lines events (--json)")
    .exitOverride()
    .action(async () => {
      await handlers.schema();
    });

  program
    .command("explain")
    .description(
      "reference: what the kernel does for a syscall, what an errno means, what an option or flag does",
    )
    .argument(
      "<topic>",
      "a syscall (connect), an errno (ECONNREFUSED), an option or flag (SO_REUSEADDR, MSG_NOSIGNAL)",
    )
    .addOption(
      new Option("--os <os>", "also say how another system does it").choices(OS_NAMES).default("linux"),
    )
    .option("--json", "print the catalogue entry as JSON")
    .exitOverride()
    .action(async (topic: string, raw: { os: Os; json?: boolean }) => {
      await handlers.explain(topic, { os: raw.os, json: raw.json === true });
    });

  return program;
}

/**
 * `sockscope --json read LOG`: report options written before the subcommand, as they may be before
 * a program (`sockscope --json ./a.out`). Commander would hand them to the default command, run,
 * and take `read` for the program to trace; this moves them after the subcommand named, which
 * then accepts them or says which one it does not take. The options are those of run (a superset
 * of every subcommand's); at anything else (an unknown option, `--`, a program) argv is left as is.
 */
export function hoistSubcommand(argv: readonly string[], program: CommandT): string[] {
  const run = program.commands.find((c) => c.name() === "run");
  const names = new Set(program.commands.map((c) => c.name()));
  if (run === undefined) return [...argv];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--" || arg === "-") break;
    if (!arg.startsWith("-")) {
      if (i === 0 || !names.has(arg)) break;
      return [arg, ...argv.slice(0, i), ...argv.slice(i + 1)];
    }
    const flag = arg.startsWith("--") ? arg.split("=")[0] : arg;
    const option = run.options.find((o) => o.long === flag || o.short === flag);
    if (option === undefined) break;
    // A value in the next word, unless given as --name=value.
    if ((option.required || option.optional) && !arg.includes("=")) i++;
  }
  return [...argv];
}
