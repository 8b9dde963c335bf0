// The benchmark suite (issue 9): runs each measurement several times, side by side in one run, and
// prints four figures with their ratios and PASS/FAIL per target; writes bench/RESULTS.md.
//
//   1. live overhead: sockscope tracing a loopback TCP ping-pong, against bare strace (the floor);
//      and --net-only on a program making millions of file writes, against the program untraced;
//   2. parsing: `sockscope read` on a ~0.8M-line trace, against Node splitting the same file into
//      lines (readline over a read stream), and text output against JSON;
//   3. memory: peak RSS reading that trace and one 10× longer;
//   4. startup: `sockscope --version` and `sockscope explain socket`.
//
// Absolute times drift on shared 2-core machines: the targets are ratios of medians measured in the
// same run, and the runs of the things compared are interleaved. The live runs are measured twice:
// pinned with taskset (strace and the program on CPU 0, sockscope's Node on CPU 1), which is steady,
// and unpinned, as people run them. Not a test: `npm run bench`.
// Needs gcc and strace; taskset (util-linux) to pin; /usr/bin/time (Debian package `time`) for
// peak RSS and CPU times, else peak RSS from /proc VmHWM. All traffic is on 127.0.0.1.
//
// Environment: BENCH_RUNS (runs per measurement, default 3), BENCH_STARTUP_RUNS (default 10),
// BENCH_PINGPONG_ROUNDS (default 20000), BENCH_BIG_ROUNDS (round trips recorded for the big trace,
// default 100000: ~0.8M lines), BENCH_WRITES (filewriter's writes, default 2000000),
// BENCH_PIN=0 (no pinned runs), BENCH_SKIP_10X=1 (skip the 10× memory run), BENCH_KEEP=1 (keep the
// temp dir).
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, release, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "sockscope.js");
const RESULTS = join(ROOT, "bench", "RESULTS.md");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 10);
const ROUNDS = Number(process.env.BENCH_PINGPONG_ROUNDS ?? 20000);
const BIG_ROUNDS = Number(process.env.BENCH_BIG_ROUNDS ?? 100000);
const WRITES = Number(process.env.BENCH_WRITES ?? 2000000);
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
// Pin the live runs to CPUs (needs taskset, from util-linux, and two CPUs); BENCH_PIN=0 turns it off.
const PIN =
  process.env.BENCH_PIN !== "0" && availableParallelism() >= 2 && !spawnSync("taskset", ["-V"]).error;
const FLOOR_LABEL = "`strace -f --seccomp-bpf -e trace=%network,close -o /dev/null` (floor)";
const FLAGS_LABEL = "strace with sockscope's flags, `-o /dev/null`";

const TARGET = { live: 1.1, netOnly: 1.5, parse: 2.5, rssMiB: 150, startup: 0.25 };

// sockscope must not append a report to a CI job summary while it is being timed.
const ENV = { ...process.env };
delete ENV.GITHUB_STEP_SUMMARY;
delete ENV.GITHUB_ACTIONS;
delete ENV.SOCKSCOPE_STRACE;

const started = Date.now();
const log = (text) => process.stderr.write(`bench: ${text}\n`);

// ---------------------------------------------------------------- running and measuring

let runCounter = 0;

/**
 * Runs a command to completion: wall time, exit status, peak RSS (when asked), and the tail of its
 * stdout (when asked; otherwise stdout is discarded).
 */
async function run(cmd, args, options = {}) {
  if (!options.busy) return runOnce(cmd, args, options);
  // Another CPU kept busy for the length of the run (see "wake-ups" in RESULTS.md).
  const spinner = spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    return await runOnce(cmd, args, options);
  } finally {
    spinner.kill("SIGKILL");
    await once(spinner, "close");
  }
}

function runOnce(cmd, args, { rss = false, tail = false, cwd, env = ENV } = {}) {
  return new Promise((resolve, reject) => {
    // /usr/bin/time, when there is one, also gives the CPU time of the command and its children.
    const timeFile = TIME ? join(work, `time-${++runCounter}.txt`) : undefined;
    const [file, argv] = timeFile ? [TIME, ["-f", "%M %U %S", "-o", timeFile, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env, stdio: ["ignore", tail ? "pipe" : "ignore", "pipe"] });
    // The last few megabytes of stdout, as chunks (re-slicing one big string would copy it each time).
    const out = [];
    let outLength = 0;
    let err = "";
    child.stdout?.setEncoding("utf8").on("data", (d) => {
      out.push(d);
      outLength += d.length;
      while (out.length > 1 && outLength - out[0].length > 4 * 1024 * 1024) outLength -= out.shift().length;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      err = (err + d).slice(-8192);
    });
    // Without /usr/bin/time: VmHWM (the peak) read while the process runs.
    let hwm = 0;
    const poll =
      rss && !TIME
        ? setInterval(() => {
            try {
              const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
              if (m) hwm = Math.max(hwm, Number(m[1]));
            } catch {
              // Gone already.
            }
          }, 20)
        : undefined;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      let rssKB = rss ? hwm : undefined;
      let cpu;
      if (timeFile) {
        const lines = readFileSync(timeFile, "utf8").trim().split("\n");
        const [maxRss, user, system] = (lines.at(-1) ?? "").split(" ").map(Number);
        if (rss) rssKB = maxRss;
        cpu = user + system;
        // /usr/bin/time runs the command: its status line comes first when the command failed.
        const failed = /exited with non-zero status (\d+)/.exec(lines.join("\n"));
        if (failed && code === 0) code = Number(failed[1]);
      }
      resolve({ seconds, cpu, code, signal, rssKB, stdout: out.join(""), stderr: err });
    });
  });
}

async function mustRun(what, cmd, args, options) {
  const r = await run(cmd, args, options);
  if (r.code !== 0) throw new Error(`${what} failed (status ${r.code ?? r.signal}): ${r.stderr.trim()}`);
  return r;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Runs every case `runs` times, interleaved (a b c a b c …) so that drift in the machine's load
 * falls on all of them alike. Returns per case: the runs, the median time and the peak RSS.
 */
async function interleave(cases, runs) {
  const results = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const r = await mustRun(c.name, c.cmd, c.args, c.options);
      results.get(c.name).push(r);
    }
  }
  const out = {};
  for (const c of cases) {
    const rs = results.get(c.name);
    const times = rs.map((r) => r.seconds);
    const rss = rs.map((r) => r.rssKB).filter((x) => x !== undefined);
    const cpu = rs.map((r) => r.cpu).filter((x) => x !== undefined);
    out[c.name] = {
      label: c.label ?? c.name,
      seconds: median(times),
      cpu: cpu.length > 0 ? median(cpu) : undefined,
      min: Math.min(...times),
      max: Math.max(...times),
      rssKB: rss.length > 0 ? Math.max(...rss) : undefined,
      runs: rs,
    };
  }
  return out;
}

// ---------------------------------------------------------------- the machine

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const strace = spawnSync("strace", ["-V"], { encoding: "utf8" });
  const gcc = spawnSync("gcc", ["--version"], { encoding: "utf8" });
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    nproc: availableParallelism(),
    kernel: release(),
    cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    node: process.version,
    strace: strace.stdout?.split("\n")[0]?.trim() || "not found",
    gcc: gcc.stdout?.split("\n")[0]?.trim() || "not found",
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(" "),
  };
}

// ---------------------------------------------------------------- the traces

/** Counts the lines of a file without holding it. */
async function countLines(path) {
  let n = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

/**
 * Writes `copies` runs of a `strace -f -tt` log one after the other, as if the program had run that
 * many times under one strace: copy k has its pids moved up by k × (largest pid + 1) wherever a
 * pid appears (the line prefix, clone/fork/wait4 results and arguments, si_pid=) and its clock
 * moved on by k × the log's span. Returns the number of lines written.
 */
async function repeatTrace(source, target, copies) {
  const text = readFileSync(source, "latin1");
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const PREFIX = /^(\d+)( +)(\d\d):(\d\d):(\d\d)\.(\d{6})(?= )/;
  const micros = (m) => ((Number(m[3]) * 60 + Number(m[4])) * 60 + Number(m[5])) * 1e6 + Number(m[6]);
  const pids = new Set();
  let first;
  let last;
  for (const line of lines) {
    const m = PREFIX.exec(line);
    if (!m) continue;
    pids.add(m[1]);
    first ??= micros(m);
    last = micros(m);
  }
  if (first === undefined) throw new Error(`${source}: not a strace -f -tt log`);
  const step = Math.max(...[...pids].map(Number)) + 1;
  const span = last - first + 1000;
  const DAY = 86_400e6;
  const two = (n) => String(n).padStart(2, "0");
  const clock = (us) => {
    const t = ((us % DAY) + DAY) % DAY;
    const s = Math.floor(t / 1e6);
    const frac = String(t % 1e6).padStart(6, "0");
    return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${frac}`;
  };
  const MENTIONS_PID = /\b(?:clone3?|v?fork|wait4|waitid|kill|tgkill)\b|si_pid=|superseded by execve in pid /;
  const out = createWriteStream(target);
  for (let k = 0; k < copies; k++) {
    const shift = (pid) => (pids.has(pid) ? String(Number(pid) + k * step) : pid);
    const parts = [];
    const flush = async () => {
      if (!out.write(`${parts.join("\n")}\n`, "latin1")) await once(out, "drain");
      parts.length = 0;
    };
    for (const line of lines) {
      let l = line;
      if (k > 0) {
        const m = PREFIX.exec(l);
        if (m) l = `${shift(m[1])}${m[2]}${clock(micros(m) + k * span)}${l.slice(m[0].length)}`;
        if (MENTIONS_PID.test(l)) {
          const body = m ? l.indexOf(" ", m[1].length + m[2].length) : 0;
          l = l.slice(0, body) + l.slice(body).replace(/\b\d+\b/g, shift);
        }
      }
      parts.push(l);
      if (parts.length === 4096) await flush();
    }
    if (parts.length > 0) await flush();
  }
  out.end();
  await once(out, "finish");
  return { lines: lines.length * copies, pids: pids.size * copies };
}

/** The summary event: the last line of `sockscope read --json`. */
function summaryOf(stdout) {
  const last = stdout.trimEnd().split("\n").at(-1) ?? "";
  const summary = JSON.parse(last);
  if (summary.type !== "summary") throw new Error("the report did not end with its summary");
  return summary;
}

// ---------------------------------------------------------------- formatting

const sec = (s) => `${s.toFixed(3)} s`;
const cpuOf = (m) => (m.cpu === undefined ? "n/a" : `${m.cpu.toFixed(2)} s`);
const mib = (kb) => (kb === undefined ? "n/a" : `${(kb / 1024).toFixed(1)} MiB`);
const ratio = (a, b) => a / b;
const x = (r) => `${r.toFixed(2)}×`;
const verdict = (ok) => (ok ? "PASS" : "FAIL");
const spread = (m) => `${m.min.toFixed(3)}–${m.max.toFixed(3)}`;

/** A Markdown table with its columns padded to one width (as the formatter, biome, lays them out). */
function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------- the suite

if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
  console.error("bench: dist/ is missing; run `npm run bench` (it builds first)");
  process.exit(2);
}
for (const tool of ["gcc", "strace"]) {
  if (spawnSync(tool, ["--version"]).error) {
    console.error(`bench: ${tool} is needed (apt-get install -y ${tool})`);
    process.exit(2);
  }
}
if (!TIME) log("/usr/bin/time not found (apt-get install -y time): peak RSS is read from /proc VmHWM");

const work = await mkdtemp(join(tmpdir(), "sockscope-bench-"));
const info = machine();
log(`work dir ${work}; ${info.nproc} cpus, load ${info.load}`);

try {
  // The programs.
  const pingpong = join(work, "pingpong");
  const filewriter = join(work, "filewriter");
  for (const [name, out] of [
    ["pingpong", pingpong],
    ["filewriter", filewriter],
  ]) {
    await mustRun(`gcc ${name}.c`, "gcc", [
      "-O2",
      "-Wall",
      "-o",
      out,
      join(ROOT, "fixtures", "programs", `${name}.c`),
    ]);
  }
  await mustRun("pingpong", pingpong, ["100"]);
  await mustRun("filewriter", filewriter, ["1000"]);

  // sockscope's own strace flags, to tell strace's share of the live overhead from sockscope's.
  // strace runs as sockscope runs it: with the TZ it gives strace (straceEnv) when there is none.
  const { buildStraceArgs, parseStraceVersion, straceEnv } = await import(
    new URL("../dist/trace/strace-args.js", import.meta.url).href
  );
  const straceVersion = parseStraceVersion(spawnSync("strace", ["-V"], { encoding: "utf8" }).stdout);
  const tzEnv = straceEnv(ENV);
  const straceAs = (netOnly, decodeFds = true) =>
    buildStraceArgs({
      version: straceVersion,
      output: "/dev/null",
      netOnly,
      decodeFds,
      stringLimit: 32,
      extra: [],
      unsetTz: tzEnv !== undefined,
    });
  const asSockscopeRunsIt = { env: { ...ENV, ...tzEnv } };

  // 4. Startup.
  log("startup …");
  const startup = await interleave(
    [
      { name: "node", label: "`node -e 0` (for scale)", cmd: process.execPath, args: ["-e", "0"] },
      { name: "version", label: "`sockscope --version`", cmd: process.execPath, args: [BIN, "--version"] },
      {
        name: "explain",
        label: "`sockscope explain socket`",
        cmd: process.execPath,
        args: [BIN, "explain", "socket"],
      },
    ],
    STARTUP_RUNS,
  );

  // 1. Live overhead. Pinned: strace and the program on CPU 0, sockscope's Node on CPU 1, so that
  // every command compared puts strace and the program in the same place and the result does not
  // hang on how fast this machine wakes an idle CPU (see "wake-ups" in RESULTS.md). Then the same
  // commands unpinned, as people run them.
  const pp = [pingpong, String(ROUNDS)];
  const floorArgs = ["-f", "--seccomp-bpf", "-e", "trace=%network,close", "-o", "/dev/null", ...pp];
  const straceCpu0 = join(work, "strace-cpu0");
  writeFileSync(straceCpu0, '#!/bin/sh\nexec taskset -c 0 strace "$@"\n', { mode: 0o755 });
  const on = (cpu, cmd, args) => ({ cmd: "taskset", args: ["-c", String(cpu), cmd, ...args] });
  const sockscopePinned = (args) => on(1, process.execPath, [BIN, "--strace", straceCpu0, ...args]);
  let pinned;
  if (PIN) {
    log(`live, pinned: pingpong ${ROUNDS} round trips, ${RUNS} runs each …`);
    pinned = await interleave(
      [
        { name: "bare", label: "untraced", ...on(0, pingpong, [String(ROUNDS)]) },
        { name: "floor", label: FLOOR_LABEL, ...on(0, "strace", floorArgs) },
        {
          name: "straceFlags",
          label: FLAGS_LABEL,
          ...on(0, "strace", [...straceAs(false), "--", ...pp]),
          options: asSockscopeRunsIt,
        },
        {
          name: "straceLean",
          label: "the same without `-yy` (sockscope's `--no-decode-fds` flags)",
          ...on(0, "strace", [...straceAs(false, false), "--", ...pp]),
          options: asSockscopeRunsIt,
        },
        {
          name: "lean",
          label: "`sockscope -o /dev/null --explain none --no-decode-fds`",
          ...sockscopePinned(["-o", "/dev/null", "--explain", "none", "--no-decode-fds", ...pp]),
        },
        {
          name: "none",
          label: "`sockscope -o /dev/null --explain none`",
          ...sockscopePinned(["-o", "/dev/null", "--explain", "none", ...pp]),
        },
        {
          name: "brief",
          label: "`sockscope -o /dev/null` (default explain)",
          ...sockscopePinned(["-o", "/dev/null", ...pp]),
        },
        {
          name: "fixed",
          label: "`sockscope -o /dev/null --explain none`, 0 round trips (the fixed cost)",
          ...sockscopePinned(["-o", "/dev/null", "--explain", "none", pingpong, "0"]),
        },
      ],
      RUNS,
    );
  }
  log(`live, unpinned: pingpong ${ROUNDS} round trips, ${RUNS} runs each …`);
  const live = await interleave(
    [
      { name: "bare", label: "untraced", cmd: pingpong, args: [String(ROUNDS)] },
      {
        name: "bareBusy",
        label: "untraced, with a busy loop on another CPU",
        cmd: pingpong,
        args: [String(ROUNDS)],
        options: { busy: true },
      },
      { name: "floor", label: FLOOR_LABEL, cmd: "strace", args: floorArgs },
      {
        name: "straceFlags",
        label: FLAGS_LABEL,
        cmd: "strace",
        args: [...straceAs(false), "--", ...pp],
        options: asSockscopeRunsIt,
      },
      {
        name: "lean",
        label: "`sockscope -o /dev/null --explain none --no-decode-fds`",
        cmd: process.execPath,
        args: [BIN, "-o", "/dev/null", "--explain", "none", "--no-decode-fds", ...pp],
      },
      {
        name: "none",
        label: "`sockscope -o /dev/null --explain none`",
        cmd: process.execPath,
        args: [BIN, "-o", "/dev/null", "--explain", "none", ...pp],
      },
      {
        name: "brief",
        label: "`sockscope -o /dev/null` (default explain)",
        cmd: process.execPath,
        args: [BIN, "-o", "/dev/null", ...pp],
      },
    ],
    RUNS,
  );
  log(`live: filewriter ${WRITES} writes …`);
  const fw = [filewriter, String(WRITES)];
  const netOnly = await interleave(
    [
      { name: "bare", label: "untraced", cmd: filewriter, args: [String(WRITES)] },
      {
        name: "straceFlags",
        label: "strace with sockscope's --net-only flags, `-o /dev/null`",
        cmd: "strace",
        args: [...straceAs(true), "--", ...fw],
        options: asSockscopeRunsIt,
      },
      {
        name: "netOnly",
        label: "`sockscope --net-only -o /dev/null`",
        cmd: process.execPath,
        args: [BIN, "--net-only", "-o", "/dev/null", ...fw],
      },
      { name: "bare0", label: "untraced, 0 writes", cmd: filewriter, args: ["0"] },
      {
        name: "netOnly0",
        label: "`sockscope --net-only -o /dev/null`, 0 writes (the fixed cost)",
        cmd: process.execPath,
        args: [BIN, "--net-only", "-o", "/dev/null", filewriter, "0"],
      },
    ],
    RUNS,
  );

  // 2. Parsing: record the big trace.
  log(`recording the big trace (${BIG_ROUNDS} round trips) …`);
  const big = join(work, "big.strace");
  const recording = await mustRun("recording", "strace", [
    "-f",
    "-yy",
    "-tt",
    "-T",
    "-o",
    big,
    pingpong,
    String(BIG_ROUNDS),
  ]);
  const lines = await countLines(big);
  const bytes = (await import("node:fs")).statSync(big).size;
  log(`${lines} lines, ${(bytes / 1e6).toFixed(0)} MB, recorded in ${sec(recording.seconds)}`);

  const floorScript = join(work, "floor.mjs");
  writeFileSync(
    floorScript,
    [
      'import { createReadStream } from "node:fs";',
      'import { createInterface } from "node:readline";',
      "let n = 0;",
      "for await (const _ of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) n++;",
      "if (n === 0) process.exit(1);",
      "",
    ].join("\n"),
  );
  log(`parsing: ${RUNS} runs each …`);
  const read = (extra) => [BIN, "read", ...extra, "-o", "/dev/null", big];
  const parse = await interleave(
    [
      {
        name: "floor",
        label: "readline over createReadStream (floor)",
        cmd: process.execPath,
        args: [floorScript, big],
        options: { rss: true },
      },
      {
        name: "jsonNone",
        label: "`read --json --explain none`",
        cmd: process.execPath,
        args: read(["--json", "--explain", "none"]),
        options: { rss: true },
      },
      {
        name: "json",
        label: "`read --json`",
        cmd: process.execPath,
        args: read(["--json"]),
        options: { rss: true },
      },
      {
        name: "textNone",
        label: "`read --format text --explain none`",
        cmd: process.execPath,
        args: read(["--format", "text", "--explain", "none"]),
        options: { rss: true },
      },
      {
        name: "text",
        label: "`read --format text`",
        cmd: process.execPath,
        args: read(["--format", "text"]),
        options: { rss: true },
      },
    ],
    RUNS,
  );

  // 3. Memory on a 10× trace, whose summary also proves it is a valid trace.
  let tenfold;
  if (process.env.BENCH_SKIP_10X !== "1") {
    log("writing the 10× trace …");
    const big10 = join(work, "big10.strace");
    const made = await repeatTrace(big, big10, 10);
    log(`reading the 10× trace (${made.lines} lines) …`);
    const r = await mustRun(
      "read 10×",
      process.execPath,
      [BIN, "read", "--json", "--explain", "none", big10],
      {
        rss: true,
        tail: true,
      },
    );
    const s = summaryOf(r.stdout);
    const problems = [];
    if (s.lines !== made.lines) problems.push(`${s.lines} lines read, ${made.lines} written`);
    if (s.unparsed !== 0) problems.push(`${s.unparsed} lines not understood`);
    if (s.incomplete !== 0) problems.push(`${s.incomplete} calls never returned`);
    if (s.processes !== made.pids) problems.push(`${s.processes} processes, ${made.pids} expected`);
    const sends = s.syscalls.sendto?.calls ?? 0;
    if (sends !== 10 * 2 * BIG_ROUNDS) problems.push(`${sends} sendto calls, ${20 * BIG_ROUNDS} expected`);
    const conns = s.connections.length + s.connectionsOmitted;
    if (conns !== 30) problems.push(`${conns} connections, 30 expected`);
    await rm(big10, { force: true });
    tenfold = { lines: made.lines, seconds: r.seconds, rssKB: r.rssKB, problems };
  }

  // ---------------------------------------------------------------- figures
  const liveRatio = ratio(live.none.seconds, live.floor.seconds);
  const liveBriefRatio = ratio(live.brief.seconds, live.floor.seconds);
  const flagsRatio = ratio(live.straceFlags.seconds, live.floor.seconds);
  const pinnedRatio = pinned ? ratio(pinned.none.seconds, pinned.floor.seconds) : undefined;
  const pinnedLeanRatio = pinned ? ratio(pinned.lean.seconds, pinned.floor.seconds) : undefined;
  const liveLeanRatio = ratio(live.lean.seconds, live.floor.seconds);
  const netOnlyRatio = ratio(netOnly.netOnly.seconds, netOnly.bare.seconds);
  // What the writes cost traced against untraced, without the fixed cost of starting up.
  const netOnlyMarginal = ratio(
    netOnly.netOnly.seconds - netOnly.netOnly0.seconds,
    netOnly.bare.seconds - netOnly.bare0.seconds,
  );
  const parseRatio = ratio(parse.jsonNone.seconds, parse.floor.seconds);
  const parseBriefRatio = ratio(parse.json.seconds, parse.floor.seconds);
  const textNoneRatio = ratio(parse.textNone.seconds, parse.jsonNone.seconds);
  const textRatio = ratio(parse.text.seconds, parse.json.seconds);
  const sockscopeRuns = ["jsonNone", "json", "textNone", "text"];
  const peak1x = Math.max(...sockscopeRuns.map((k) => parse[k].rssKB ?? 0));
  const rssOk = (kb) => kb !== undefined && kb / 1024 < TARGET.rssMiB;
  const lps = (m) => `${Math.round(lines / m.seconds).toLocaleString("en-US")} lines/s`;

  const verdicts = [
    ...(pinnedRatio === undefined
      ? []
      : [
          [
            "1. live, pinned: sockscope --explain none vs strace floor",
            x(pinnedRatio),
            `≤ ${x(TARGET.live)}`,
            pinnedRatio <= TARGET.live,
          ],
          [
            "1. live, pinned: the same with --no-decode-fds",
            x(pinnedLeanRatio),
            `≤ ${x(TARGET.live)}`,
            pinnedLeanRatio <= TARGET.live,
          ],
        ]),
    [
      "1. live, unpinned: sockscope --explain none vs strace floor",
      x(liveRatio),
      `≤ ${x(TARGET.live)}`,
      liveRatio <= TARGET.live,
    ],
    [
      "1. live, unpinned: the same with --no-decode-fds",
      x(liveLeanRatio),
      `≤ ${x(TARGET.live)}`,
      liveLeanRatio <= TARGET.live,
    ],
    [
      "1. live: --net-only filewriter vs untraced",
      x(netOnlyRatio),
      `≤ ${x(TARGET.netOnly)}`,
      netOnlyRatio <= TARGET.netOnly,
    ],
    [
      "2. parse: read --json --explain none vs readline floor",
      x(parseRatio),
      `≤ ${x(TARGET.parse)}`,
      parseRatio <= TARGET.parse,
    ],
    [
      "2. parse: text vs JSON (explain none / default)",
      `${x(textNoneRatio)} / ${x(textRatio)}`,
      "≤ 1.00×",
      textNoneRatio <= 1 && textRatio <= 1,
    ],
    ["3. memory: peak RSS, 0.8M-line trace", mib(peak1x), `< ${TARGET.rssMiB} MiB`, rssOk(peak1x)],
    [
      "3. memory: peak RSS, 10× trace",
      tenfold ? mib(tenfold.rssKB) : "skipped",
      `< ${TARGET.rssMiB} MiB`,
      tenfold ? rssOk(tenfold.rssKB) && tenfold.problems.length === 0 : false,
    ],
    [
      "4. startup: sockscope --version (median)",
      sec(startup.version.seconds),
      `< ${TARGET.startup} s`,
      startup.version.seconds < TARGET.startup,
    ],
    [
      "4. startup: sockscope explain socket (median)",
      sec(startup.explain.seconds),
      `< ${TARGET.startup} s`,
      startup.explain.seconds < TARGET.startup,
    ],
  ];

  const row = (m, base) => [
    m.label,
    sec(m.seconds),
    spread(m),
    base ? x(ratio(m.seconds, base.seconds)) : "",
  ];
  const md = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.mjs). Times are medians of interleaved runs in one session;",
    "the targets are ratios, because absolute times drift on shared machines.",
    "",
    table(
      ["machine", ""],
      [
        ["date", info.date],
        ["nproc", String(info.nproc)],
        ["kernel (`uname -r`)", info.kernel],
        ["CPU", info.cpu],
        ["node", info.node],
        ["strace", info.strace],
        ["gcc", info.gcc],
        ["load average at start", info.load],
        ["runs per measurement", `${RUNS} (startup: ${STARTUP_RUNS})`],
        ["peak RSS from", TIME ? "/usr/bin/time -f %M" : "/proc/PID/status VmHWM"],
      ],
    ),
    "",
    "## Targets",
    "",
    table(
      ["target", "measured", "goal", "result"],
      verdicts.map(([what, got, goal, ok]) => [what, got, goal, verdict(ok)]),
    ),
    "",
    `## 1. Live overhead: \`pingpong ${ROUNDS}\` (fork; ${ROUNDS} loopback TCP round trips of 16 bytes)`,
    "",
    "Each round trip waits for the other process to be woken, and traced, for strace as well. On a",
    "virtual machine waking an idle CPU is slow, so unpinned the wall time of this program depends on",
    "how busy the other CPU is (the two untraced rows of the unpinned table), and a tracer that keeps a",
    "CPU busy makes the program it traces faster. Pinned, strace and the program share CPU 0 in every",
    "command compared and sockscope's Node has CPU 1 (`taskset`; sockscope runs strace through",
    "`--strace` with a wrapper that pins it): the ratio then measures what sockscope adds.",
    "",
    ...(pinned
      ? [
          "### Pinned",
          "",
          table(
            ["command", "median", "range (s)", "vs floor", "CPU (user+sys, all processes)"],
            ["bare", "floor", "straceFlags", "straceLean", "none", "brief", "lean", "fixed"].map((k) => [
              ...row(pinned[k], pinned.floor),
              cpuOf(pinned[k]),
            ]),
          ),
          "",
          `Of the ${x(pinnedRatio)}: strace's own work with sockscope's flags is ${x(ratio(pinned.straceFlags.seconds, pinned.floor.seconds))} the floor, of which \`-yy\` (strace reading every fd's link in /proc) is the most: without it ${x(ratio(pinned.straceLean.seconds, pinned.floor.seconds))};`,
          `sockscope's start (Node, its modules, strace's checks: the run with 0 round trips, which includes strace's own start) takes ${sec(pinned.fixed.seconds)};`,
          `what remains, strace writing into sockscope's FIFO instead of /dev/null while sockscope reads and reports, is about ${sec(pinned.none.seconds - pinned.straceFlags.seconds - pinned.fixed.seconds)} (explain none) and ${sec(pinned.brief.seconds - pinned.straceFlags.seconds - pinned.fixed.seconds)} (default explain).`,
          "",
          "### Unpinned",
          "",
        ]
      : ["Pinning was off (BENCH_PIN=0, one CPU, or no `taskset`).", ""]),
    table(
      ["command", "median", "range (s)", "vs floor", "CPU (user+sys, all processes)"],
      ["bare", "bareBusy", "floor", "straceFlags", "none", "brief", "lean"].map((k) => [
        ...row(live[k], live.floor),
        cpuOf(live[k]),
      ]),
    ),
    "",
    `strace alone with sockscope's flags (\`${straceAs(false).slice(0, -2).join(" ")}\`) costs ${x(flagsRatio)} the floor;`,
    `sockscope on top of it: ${x(ratio(live.none.seconds, live.straceFlags.seconds))} (explain none), ${x(ratio(live.brief.seconds, live.straceFlags.seconds))} (default explain).`,
    live.none.cpu !== undefined && live.straceFlags.cpu !== undefined
      ? `sockscope's own CPU time (the run's less strace's with the same flags): ${(live.none.cpu - live.straceFlags.cpu).toFixed(2)} s with \`--explain none\`, ${(live.brief.cpu - live.straceFlags.cpu).toFixed(2)} s with the default explain.`
      : "",
    "",
    `### \`filewriter ${WRITES}\` (${WRITES} one-byte writes to /dev/null, one loopback UDP socket)`,
    "",
    table(
      ["command", "median", "range (s)", "vs untraced"],
      ["bare", "straceFlags", "netOnly", "bare0", "netOnly0"].map((k) => row(netOnly[k], netOnly.bare)),
    ),
    "",
    `Without the fixed cost (the runs with 0 writes taken off both), the ${WRITES} writes cost ${x(netOnlyMarginal)} under \`sockscope --net-only\` what they cost untraced; the fixed cost is ${sec(netOnly.netOnly0.seconds)} (Node, sockscope's modules, strace's start).`,
    "",
    `## 2. Parsing: \`strace -f -yy -tt -T\` of \`pingpong ${BIG_ROUNDS}\`: ${lines.toLocaleString("en-US")} lines, ${(bytes / 1e6).toFixed(1)} MB`,
    "",
    table(
      ["command (`-o /dev/null`)", "median", "range (s)", "vs floor", "lines/s", "peak RSS", "CPU"],
      ["floor", "jsonNone", "json", "textNone", "text"].map((k) => [
        ...row(parse[k], parse.floor),
        lps(parse[k]),
        mib(parse[k].rssKB),
        cpuOf(parse[k]),
      ]),
    ),
    "",
    `Text against JSON: ${x(textNoneRatio)} with \`--explain none\`, ${x(textRatio)} with the default explain.`,
    "",
    "## 3. Memory",
    "",
    `Peak RSS reading the ${lines.toLocaleString("en-US")}-line trace: ${mib(peak1x)} (the largest of the runs above).`,
    tenfold
      ? `The 10× trace (the recording repeated ten times with pids and clock moved on, ${tenfold.lines.toLocaleString("en-US")} lines), \`read --json --explain none\`: peak RSS ${mib(tenfold.rssKB)}, ${sec(tenfold.seconds)}; its summary ${tenfold.problems.length === 0 ? "checks out (every line understood, every call returned, 10× the processes, sends and connections)" : `does not check out: ${tenfold.problems.join("; ")}`}.`
      : "The 10× run was skipped (BENCH_SKIP_10X=1).",
    "",
    "## 4. Startup",
    "",
    table(
      ["command", "median", "range (s)"],
      ["node", "version", "explain"].map((k) => row(startup[k]).slice(0, 3)),
    ),
    "",
    `Total benchmark time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    "",
  ].join("\n");
  writeFileSync(RESULTS, md);

  console.log("");
  for (const [what, got, goal, ok] of verdicts) {
    console.log(`${verdict(ok)}  ${what}: ${got} (goal ${goal})`);
  }
  console.log("");
  if (pinned)
    console.log(
      `live pingpong, pinned: floor ${sec(pinned.floor.seconds)}, strace with sockscope's flags ${x(ratio(pinned.straceFlags.seconds, pinned.floor.seconds))}, sockscope ${x(pinnedRatio)} (explain none), ${x(ratio(pinned.brief.seconds, pinned.floor.seconds))} (default explain), ${x(pinnedLeanRatio)} (--no-decode-fds), fixed cost ${sec(pinned.fixed.seconds)}`,
    );
  console.log(
    `live pingpong, unpinned: floor ${sec(live.floor.seconds)}, strace with sockscope's flags ${x(flagsRatio)}, sockscope ${x(liveRatio)} (explain none), ${x(liveBriefRatio)} (default explain), ${x(liveLeanRatio)} (--no-decode-fds)`,
  );
  console.log(
    `net-only filewriter: ${x(netOnlyRatio)} in all, ${x(netOnlyMarginal)} without the fixed cost of ${sec(netOnly.netOnly0.seconds)}`,
  );
  console.log(
    `parse ${lines} lines: floor ${sec(parse.floor.seconds)}; json ${lps(parse.jsonNone)} (none), ${lps(parse.json)} (default, ${x(parseBriefRatio)}); text ${lps(parse.textNone)} (none), ${lps(parse.text)} (default)`,
  );
  if (tenfold?.problems.length) console.log(`10× trace problems: ${tenfold.problems.join("; ")}`);
  console.log(`wrote ${RESULTS} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
} finally {
  if (process.env.BENCH_KEEP === "1") log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
