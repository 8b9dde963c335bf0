// The benchmark suite: runs each measurement several times, side by side in one run, and prints
// the figures with their ratios and PASS/FAIL per target; writes bench/RESULTS.md.
//
// Sections (BENCH_ONLY picks some, comma-separated; all by default):
//   startup  `sockscope --version` and `sockscope explain socket` (information);
//   live     sockscope tracing a loopback TCP ping-pong (pingpong.c), against strace run alone with
//            the very flags sockscope gives it, writing to a file (the target), to /dev/null, and
//            against the lean strace floor of the earlier targets; pinned and unpinned;
//   netonly  --net-only on a program making millions of file writes, against it untraced (information);
//   parse    `sockscope read` on a ~0.8M-line trace, text and JSON, against Node splitting the same
//            file into lines (readline over a read stream);
//   memory   peak RSS of `sockscope read` in every format, and with --summary-file, on a trace of at
//            least 1,000,000 lines;
//   tenfold  `read --json --explain none` on the 0.8M-line trace repeated ten times (information);
//   decode   the -yy study (bench/DECODE-FDS.md): strace alone, pinned, writing to a file, with
//            sockscope's flags and each way of decoding fds (none, -y, --decode-fds=socket,
//            --decode-fds=path,socket, -yy), on pingpong and on short-lived connections (shortconn.c).
//
// The CLI is only ever run (bin/sockscope.js), never imported: strace's flags are learnt by running
// sockscope once with a recording strace (bench/strace-flags.mjs). So the suite measures whatever the
// CLI is at the time, a rewrite included.
//
// Absolute times drift on shared 2-core machines: the targets are ratios of medians measured in the
// same run, and the runs of the things compared are interleaved. The live runs are measured twice:
// pinned with taskset (strace and the program on CPU 0, sockscope's Node on CPU 1), which is steady,
// and unpinned, as people run them; the target is the pinned ratio. Not a test: `npm run bench`.
// Needs gcc and strace; taskset (util-linux) to pin; /usr/bin/time (Debian package `time`) for
// peak RSS and CPU times, else peak RSS from /proc VmHWM. All traffic is on 127.0.0.1.
//
// Environment:
//   BENCH_ONLY=parse,memory   run only these sections (the others are left out of RESULTS.md);
//   BENCH_SKIP_LIVE=1         leave out live, netonly and decode (the slow, noisy part);
//   BENCH_SKIP_10X=1          leave out tenfold;
//   BENCH_RUNS                runs per measurement (default 3); BENCH_STARTUP_RUNS (default 10);
//   BENCH_MEMORY_RUNS         runs per format in memory (default 1: peak RSS hardly moves);
//   BENCH_PINGPONG_ROUNDS     round trips of the live runs (default 20000);
//   BENCH_BIG_ROUNDS          round trips recorded for the parse trace (default 100000: ~0.8M lines);
//   BENCH_MEMORY_LINES        lines the memory trace must reach (default 1000000);
//   BENCH_WRITES              filewriter's writes (default 2000000);
//   BENCH_DECODE_ROUNDS       pingpong round trips of the decode section (default 20000; the study
//                             used 20000,100000); BENCH_SHORTCONN (connections, default 1000);
//   BENCH_PIN=0               no pinned runs;
//   BENCH_LABEL               a line said at the top of RESULTS.md (e.g. which build this was);
//   BENCH_OUT                 where to write the results (default bench/RESULTS.md);
//   BENCH_BIN                 the CLI to measure (default bin/sockscope.js; run with node);
//   BENCH_KEEP=1              keep the temp dir.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, release, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  captureStraceFlags,
  DECODE_VARIANTS,
  decodingOf,
  straceEnvOf,
  withOutput,
  withoutDecoding,
} from "./strace-flags.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = process.env.BENCH_BIN ?? join(ROOT, "bin", "sockscope.js");
const RESULTS = process.env.BENCH_OUT ?? join(ROOT, "bench", "RESULTS.md");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 10);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 1);
const ROUNDS = Number(process.env.BENCH_PINGPONG_ROUNDS ?? 20000);
const BIG_ROUNDS = Number(process.env.BENCH_BIG_ROUNDS ?? 100000);
const MEMORY_LINES = Number(process.env.BENCH_MEMORY_LINES ?? 1_000_000);
const WRITES = Number(process.env.BENCH_WRITES ?? 2000000);
const DECODE_ROUNDS = (process.env.BENCH_DECODE_ROUNDS ?? String(ROUNDS))
  .split(",")
  .filter((s) => s !== "")
  .map(Number);
const SHORTCONN = Number(process.env.BENCH_SHORTCONN ?? 1000);
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
// Pin the live runs to CPUs (needs taskset, from util-linux, and two CPUs); BENCH_PIN=0 turns it off.
const PIN =
  process.env.BENCH_PIN !== "0" && availableParallelism() >= 2 && !spawnSync("taskset", ["-V"]).error;
const FLOOR_LABEL = "`strace -f --seccomp-bpf -e trace=%network,close -o /dev/null` (the old floor)";

const SECTIONS = ["startup", "live", "netonly", "parse", "memory", "tenfold", "decode"];
const chosen = new Set(
  process.env.BENCH_ONLY
    ? process.env.BENCH_ONLY.split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")
    : SECTIONS,
);
for (const s of chosen) {
  if (!SECTIONS.includes(s)) {
    console.error(`bench: BENCH_ONLY: no section "${s}" (there are ${SECTIONS.join(", ")})`);
    process.exit(2);
  }
}
if (process.env.BENCH_SKIP_LIVE === "1") for (const s of ["live", "netonly", "decode"]) chosen.delete(s);
if (process.env.BENCH_SKIP_10X === "1") chosen.delete("tenfold");
const want = (section) => chosen.has(section);

// The targets (issue: new targets for the rewrite). Ratios against a floor measured in the same run.
const TARGET = {
  live: 1.1, // sockscope -o /dev/null --explain none vs strace with the same flags -o FILE
  parseText: 3, // read --format text (default explain) vs the readline floor
  parseJson: 5, // read --json --explain none vs the readline floor
  rssMB: 150, // peak RSS, every format and --summary-file, on a ≥1M-line trace (MB = 10^6 bytes)
};
const MEMORY_FORMATS = [
  { name: "pretty", args: ["--format", "pretty"] },
  { name: "text", args: ["--format", "text"] },
  { name: "json", args: ["--format", "json"] },
  { name: "markdown", args: ["--format", "markdown"] },
  { name: "mermaid", args: ["--format", "mermaid"] },
  { name: "perfetto", args: ["--format", "perfetto"] },
  { name: "pcap", args: ["--format", "pcap"] },
];

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
 * falls on all of them alike. A case may have `before()` (run before each of its runs) and
 * `after(result)` (its answer is kept as the run's `bytes`). Returns per case: the runs, the median
 * time, CPU and bytes, and the peak RSS.
 */
async function interleave(cases, runs) {
  const results = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      await c.before?.();
      let r;
      try {
        r = await mustRun(c.name, c.cmd, c.args, c.options);
      } catch (err) {
        // The CLI under test may fail (a rewrite in progress): its row says so, the suite goes on.
        if (!c.mayFail) throw err;
        log(String(err.message).split("\n")[0]);
        results.get(c.name).push({ failed: String(err.message).split("\n")[0] });
        continue;
      }
      if (c.after) r.bytes = await c.after(r);
      results.get(c.name).push(r);
    }
  }
  const out = {};
  for (const c of cases) {
    const rs = results.get(c.name);
    const failed = rs.find((r) => r.failed)?.failed;
    if (failed !== undefined) {
      out[c.name] = {
        label: c.label ?? c.name,
        failed,
        seconds: Number.NaN,
        min: Number.NaN,
        max: Number.NaN,
        runs: rs,
      };
      continue;
    }
    const times = rs.map((r) => r.seconds);
    const rss = rs.map((r) => r.rssKB).filter((x) => x !== undefined);
    const cpu = rs.map((r) => r.cpu).filter((x) => x !== undefined);
    const bytes = rs.map((r) => r.bytes).filter((x) => x !== undefined);
    out[c.name] = {
      label: c.label ?? c.name,
      seconds: median(times),
      cpu: cpu.length > 0 ? median(cpu) : undefined,
      min: Math.min(...times),
      max: Math.max(...times),
      rssKB: rss.length > 0 ? Math.max(...rss) : undefined,
      bytes: bytes.length > 0 ? median(bytes) : undefined,
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

// A failed run of the CLI shows as "failed" wherever its figures would be.
const sec = (s) => (Number.isFinite(s) ? `${s.toFixed(3)} s` : "failed");
const cpuOf = (m) => (m.cpu === undefined ? "n/a" : `${m.cpu.toFixed(2)} s`);
const ratio = (a, b) => a / b;
const x = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : "failed");
const verdict = (ok) => (ok ? "PASS" : "FAIL");
const spread = (m) => (m.failed ? m.failed.slice(0, 60) : `${m.min.toFixed(3)}–${m.max.toFixed(3)}`);

/** A Markdown table with its columns padded to one width (as the formatter, biome, lays them out). */
function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------- the suite

if (!existsSync(join(ROOT, "dist"))) {
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
log(`work dir ${work}; ${info.nproc} cpus, load ${info.load}; sections: ${[...chosen].join(", ")}`);

/** The commit the CLI was built from, and whether its source differs from it. */
function build() {
  const git = (args) => spawnSync("git", ["-C", ROOT, ...args], { encoding: "utf8" }).stdout?.trim() ?? "";
  const commit = git(["rev-parse", "--short", "HEAD"]);
  if (!commit) return "unknown (not a git checkout)";
  const paths = ["src", "bin", "package.json", "package-lock.json"];
  const dirty = git(["status", "--porcelain", "--", ...paths]) !== "";
  const code = git(["log", "-1", "--format=%h (%cs)", "--", ...paths]);
  return `${commit}; src/ and bin/ last changed in ${code}${dirty ? ", with uncommitted changes" : ""}`;
}

const fig = {}; // the measurements, by section

try {
  // The programs.
  const prog = (name) => join(work, name);
  for (const [name, source] of [
    ["pingpong", join(ROOT, "fixtures", "programs", "pingpong.c")],
    ["filewriter", join(ROOT, "fixtures", "programs", "filewriter.c")],
    ["shortconn", join(ROOT, "bench", "shortconn.c")],
  ]) {
    await mustRun(`gcc ${name}.c`, "gcc", ["-O2", "-Wall", "-o", prog(name), source]);
  }
  const pingpong = prog("pingpong");
  const filewriter = prog("filewriter");
  const shortconn = prog("shortconn");
  await mustRun("pingpong", pingpong, ["100"]);

  // sockscope's own strace flags and environment, learnt by running it with a recording strace.
  const captured = {};
  const flagsOf = (key, sockscopeArgs) => {
    captured[key] ??= captureStraceFlags({
      bin: BIN,
      work,
      sockscopeArgs,
      program: [pingpong, "10"],
      env: ENV,
    });
    return captured[key];
  };
  const traceFile = join(work, "strace-out.txt");
  const straceWith = (c, output, extraOptions = {}) => ({
    flags: withOutput(c.flags, output),
    options: { env: straceEnvOf(c, ENV), ...extraOptions },
  });

  // ---------------------------------------------------------------- startup
  if (want("startup")) {
    log("startup …");
    fig.startup = await interleave(
      [
        { name: "node", label: "`node -e 0` (for scale)", cmd: process.execPath, args: ["-e", "0"] },
        {
          name: "version",
          label: "`sockscope --version`",
          cmd: process.execPath,
          args: [BIN, "--version"],
          mayFail: true,
        },
        {
          name: "explain",
          label: "`sockscope explain socket`",
          cmd: process.execPath,
          args: [BIN, "explain", "socket"],
          mayFail: true,
        },
      ],
      STARTUP_RUNS,
    );
  }

  // ---------------------------------------------------------------- live
  // Pinned: strace and the program on CPU 0, sockscope's Node on CPU 1, so that every command
  // compared puts strace and the program in the same place and the result does not hang on how
  // fast this machine wakes an idle CPU. Then the same commands unpinned, as people run them.
  if (want("live")) {
    const full = flagsOf("default", ["--explain", "none"]);
    fig.liveFlags = full;
    const pp = [pingpong, String(ROUNDS)];
    const floorArgs = ["-f", "--seccomp-bpf", "-e", "trace=%network,close", "-o", "/dev/null", ...pp];
    const straceCpu0 = join(work, "strace-cpu0");
    writeFileSync(straceCpu0, '#!/bin/sh\nexec taskset -c 0 strace "$@"\n', { mode: 0o755 });
    const on = (cpu, cmd, args) => ({ cmd: "taskset", args: ["-c", String(cpu), cmd, ...args] });
    const sockscopePinned = (args) => ({
      ...on(1, process.execPath, [BIN, "--strace", straceCpu0, ...args]),
      mayFail: true,
    });
    const toFile = straceWith(full, traceFile);
    const toNull = straceWith(full, "/dev/null");
    const fileLabel = "strace with sockscope's flags, `-o FILE` (a file in the temp dir)";
    const nullLabel = "strace with sockscope's flags, `-o /dev/null`";
    const rmTrace = () => rmSync(traceFile, { force: true });
    if (PIN) {
      log(`live, pinned: pingpong ${ROUNDS} round trips, ${RUNS} runs each …`);
      fig.pinned = await interleave(
        [
          { name: "bare", label: "untraced", ...on(0, pingpong, [String(ROUNDS)]) },
          { name: "floor", label: FLOOR_LABEL, ...on(0, "strace", floorArgs) },
          {
            name: "straceFile",
            label: `${fileLabel} (**the target's base**)`,
            ...on(0, "strace", [...toFile.flags, ...pp]),
            options: toFile.options,
            before: rmTrace,
          },
          {
            name: "straceNull",
            label: nullLabel,
            ...on(0, "strace", [...toNull.flags, ...pp]),
            options: toNull.options,
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
            name: "lean",
            label: "`sockscope -o /dev/null --explain none --no-decode-fds`",
            ...sockscopePinned(["-o", "/dev/null", "--explain", "none", "--no-decode-fds", ...pp]),
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
    fig.live = await interleave(
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
          name: "straceFile",
          label: fileLabel,
          cmd: "strace",
          args: [...toFile.flags, ...pp],
          options: toFile.options,
          before: rmTrace,
        },
        {
          name: "straceNull",
          label: nullLabel,
          cmd: "strace",
          args: [...toNull.flags, ...pp],
          options: toNull.options,
        },
        {
          name: "none",
          label: "`sockscope -o /dev/null --explain none`",
          cmd: process.execPath,
          mayFail: true,
          args: [BIN, "-o", "/dev/null", "--explain", "none", ...pp],
        },
        {
          name: "brief",
          label: "`sockscope -o /dev/null` (default explain)",
          cmd: process.execPath,
          mayFail: true,
          args: [BIN, "-o", "/dev/null", ...pp],
        },
        {
          name: "lean",
          label: "`sockscope -o /dev/null --explain none --no-decode-fds`",
          cmd: process.execPath,
          mayFail: true,
          args: [BIN, "-o", "/dev/null", "--explain", "none", "--no-decode-fds", ...pp],
        },
      ],
      RUNS,
    );
    rmSync(traceFile, { force: true });
  }

  // ---------------------------------------------------------------- netonly
  if (want("netonly")) {
    await mustRun("filewriter", filewriter, ["1000"]);
    const net = flagsOf("netOnly", ["--net-only"]);
    const toNull = straceWith(net, "/dev/null");
    log(`live: filewriter ${WRITES} writes …`);
    const fw = [filewriter, String(WRITES)];
    fig.netOnly = await interleave(
      [
        { name: "bare", label: "untraced", cmd: filewriter, args: [String(WRITES)] },
        {
          name: "straceFlags",
          label: "strace with sockscope's --net-only flags, `-o /dev/null`",
          cmd: "strace",
          args: [...toNull.flags, ...fw],
          options: toNull.options,
        },
        {
          name: "netOnly",
          label: "`sockscope --net-only -o /dev/null`",
          cmd: process.execPath,
          mayFail: true,
          args: [BIN, "--net-only", "-o", "/dev/null", ...fw],
        },
        { name: "bare0", label: "untraced, 0 writes", cmd: filewriter, args: ["0"] },
        {
          name: "netOnly0",
          label: "`sockscope --net-only -o /dev/null`, 0 writes (the fixed cost)",
          cmd: process.execPath,
          mayFail: true,
          args: [BIN, "--net-only", "-o", "/dev/null", filewriter, "0"],
        },
      ],
      RUNS,
    );
  }

  // ---------------------------------------------------------------- the traces
  // Recorded as people record them for `sockscope read`: strace -f -yy -tt -T.
  const record = async (file, rounds) => {
    const r = await mustRun("recording", "strace", [
      "-f",
      "-yy",
      "-tt",
      "-T",
      "-o",
      file,
      pingpong,
      String(rounds),
    ]);
    const lines = await countLines(file);
    const bytes = statSync(file).size;
    log(
      `${rounds} round trips: ${lines} lines, ${(bytes / 1e6).toFixed(0)} MB, recorded in ${sec(r.seconds)}`,
    );
    return { file, rounds, lines, bytes };
  };
  let bigTrace;
  const big = async () => {
    if (!bigTrace) {
      log(`recording the parse trace (${BIG_ROUNDS} round trips) …`);
      bigTrace = await record(join(work, "big.strace"), BIG_ROUNDS);
    }
    return bigTrace;
  };

  // ---------------------------------------------------------------- parse
  if (want("parse")) {
    const { file, lines } = await big();
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
    const read = (extra) => [BIN, "read", ...extra, "-o", "/dev/null", file];
    const node = (name, label, args) => ({
      name,
      label,
      cmd: process.execPath,
      args,
      options: { rss: true },
    });
    fig.parse = await interleave(
      [
        node("floor", "readline over createReadStream (floor)", [floorScript, file]),
        node("text", "`read --format text` (default explain)", read(["--format", "text"])),
        node(
          "textNone",
          "`read --format text --explain none`",
          read(["--format", "text", "--explain", "none"]),
        ),
        node("jsonNone", "`read --json --explain none`", read(["--json", "--explain", "none"])),
        node("json", "`read --json` (default explain)", read(["--json"])),
      ],
      RUNS,
    );
    fig.parseTrace = bigTrace;
    fig.parseLines = lines;
  }

  // ---------------------------------------------------------------- memory
  if (want("memory")) {
    // A trace of at least MEMORY_LINES lines: the parse trace when it is long enough, else a
    // recording of more round trips (lines per round trip vary with scheduling: retried longer).
    let mem;
    if (bigTrace && bigTrace.lines >= MEMORY_LINES) mem = bigTrace;
    else {
      const perRound = bigTrace ? bigTrace.lines / bigTrace.rounds : 8;
      let rounds = Math.ceil((MEMORY_LINES / perRound) * 1.03);
      for (let attempt = 0; ; attempt++) {
        log(`recording the memory trace (${rounds} round trips, for ≥ ${MEMORY_LINES} lines) …`);
        mem = await record(join(work, "mem.strace"), rounds);
        if (mem.lines >= MEMORY_LINES) break;
        if (attempt === 3)
          throw new Error(`the memory trace has ${mem.lines} lines, fewer than ${MEMORY_LINES}`);
        rounds = Math.ceil(rounds * (MEMORY_LINES / mem.lines) * 1.05);
      }
    }
    const summaryFile = join(work, "summary.md");
    log(`memory: ${MEMORY_FORMATS.length + 1} runs × ${MEMORY_RUNS} on ${mem.lines} lines …`);
    const read = (extra) => [BIN, "read", ...extra, "-o", "/dev/null", mem.file];
    fig.memory = await interleave(
      [
        ...MEMORY_FORMATS.map((f) => ({
          name: f.name,
          label: `\`read ${f.args.join(" ")}\``,
          cmd: process.execPath,
          args: read(f.args),
          options: { rss: true },
          mayFail: true,
        })),
        {
          name: "summaryFile",
          label: "`read --format text --summary-file FILE`",
          cmd: process.execPath,
          args: read(["--format", "text", "--summary-file", summaryFile]),
          options: { rss: true },
          mayFail: true,
          before: () => rmSync(summaryFile, { force: true }),
          after: () => (existsSync(summaryFile) ? statSync(summaryFile).size : 0),
        },
      ],
      MEMORY_RUNS,
    );
    fig.memoryTrace = mem;
    if (mem !== bigTrace) rmSync(mem.file, { force: true });
  }

  // ---------------------------------------------------------------- tenfold
  if (want("tenfold")) {
    const { file } = await big();
    log("writing the 10× trace …");
    const big10 = join(work, "big10.strace");
    const made = await repeatTrace(file, big10, 10);
    log(`reading the 10× trace (${made.lines} lines) …`);
    let r;
    try {
      r = await mustRun("read 10×", process.execPath, [BIN, "read", "--json", "--explain", "none", big10], {
        rss: true,
        tail: true,
      });
    } catch (err) {
      r = { seconds: Number.NaN, rssKB: undefined, failed: String(err.message).split("\n")[0] };
    }
    const problems = [];
    let s;
    try {
      if (r.failed) throw new Error(r.failed);
      s = summaryOf(r.stdout);
    } catch (err) {
      problems.push(String(err.message));
    }
    if (s) {
      if (s.lines !== made.lines) problems.push(`${s.lines} lines read, ${made.lines} written`);
      if (s.unparsed !== 0) problems.push(`${s.unparsed} lines not understood`);
      if (s.incomplete !== 0) problems.push(`${s.incomplete} calls never returned`);
      if (s.processes !== made.pids) problems.push(`${s.processes} processes, ${made.pids} expected`);
      const sends = s.syscalls?.sendto?.calls ?? 0;
      if (sends !== 10 * 2 * BIG_ROUNDS) problems.push(`${sends} sendto calls, ${20 * BIG_ROUNDS} expected`);
      const conns = (s.connections?.length ?? 0) + (s.connectionsOmitted ?? 0);
      if (conns !== 30) problems.push(`${conns} connections, 30 expected`);
    }
    await rm(big10, { force: true });
    fig.tenfold = { lines: made.lines, seconds: r.seconds, rssKB: r.rssKB, problems };
  }

  // ---------------------------------------------------------------- decode
  // strace alone, pinned with the program to CPU 0, writing to a file, with sockscope's flags and
  // each way of decoding fds. What each costs over no decoding, on one long connection (pingpong)
  // and on many short ones (shortconn: every socket new, so strace's per-inode cache never helps).
  if (want("decode")) {
    const base = flagsOf("default", ["--explain", "none"]);
    fig.decodeBase = base;
    const pin = PIN ? (args) => ["-c", "0", "strace", ...args] : undefined;
    const variants = (program) =>
      DECODE_VARIANTS.map((v) => {
        const flags = [...v.flags, ...withoutDecoding(withOutput(base.flags, traceFile))];
        return {
          name: v.name,
          label: v.label,
          cmd: pin ? "taskset" : "strace",
          args: pin ? pin([...flags, ...program]) : [...flags, ...program],
          options: { env: straceEnvOf(base, ENV) },
          before: () => rmSync(traceFile, { force: true }),
          after: () => statSync(traceFile).size,
        };
      });
    fig.decode = [];
    const workloads = [
      ...DECODE_ROUNDS.map((n) => ({
        what: `\`pingpong ${n}\` (one TCP connection, ${n} round trips)`,
        program: [pingpong, String(n)],
      })),
      {
        what: `\`shortconn ${SHORTCONN}\` (${SHORTCONN} TCP connections, a process each)`,
        program: [shortconn, String(SHORTCONN)],
      },
      {
        what: `\`shortconn ${SHORTCONN} unix\` (${SHORTCONN} unix stream connections, a process each)`,
        program: [shortconn, String(SHORTCONN), "unix"],
      },
    ];
    for (const w of workloads) {
      log(`decode: ${w.program.slice(0).join(" ")}, ${DECODE_VARIANTS.length} variants × ${RUNS} runs …`);
      const bare = {
        name: "bare",
        label: "untraced",
        cmd: pin ? "taskset" : w.program[0],
        args: pin ? ["-c", "0", ...w.program] : w.program.slice(1),
      };
      fig.decode.push({ ...w, m: await interleave([bare, ...variants(w.program)], RUNS) });
    }
    rmSync(traceFile, { force: true });
  }

  writeResults(fig);
} finally {
  if (process.env.BENCH_KEEP === "1") log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the report

function writeResults(f) {
  const mb = (kb) => (kb === undefined ? "n/a" : `${((kb * 1024) / 1e6).toFixed(1)} MB`);
  const rssOk = (kb) => kb !== undefined && (kb * 1024) / 1e6 <= TARGET.rssMB;
  const row = (m, base) => [
    m.label,
    sec(m.seconds),
    spread(m),
    base ? x(ratio(m.seconds, base.seconds)) : "",
  ];
  const lines = f.parseLines;
  const lps = (m) => `${Math.round(lines / m.seconds).toLocaleString("en-US")} lines/s`;

  // [what, measured, goal, ok (true/false), or undefined for information]
  const targets = [];
  const notRun = (what, goal) => targets.push([what, "not run", goal, false]);
  const liveGoal = `≤ ${x(TARGET.live)}`;
  if (f.live) {
    const base = f.pinned ?? f.live;
    const r = ratio(base.none.seconds, base.straceFile.seconds);
    targets.push([
      `live${f.pinned ? ", pinned" : ""}: \`sockscope -o /dev/null --explain none\` vs strace, same flags, \`-o FILE\``,
      x(r),
      liveGoal,
      r <= TARGET.live,
    ]);
    if (f.pinned) {
      targets.push([
        "live, unpinned: the same",
        x(ratio(f.live.none.seconds, f.live.straceFile.seconds)),
        "",
        undefined,
      ]);
    }
    targets.push([
      `live${f.pinned ? ", pinned" : ""}: the same against strace \`-o /dev/null\``,
      x(ratio(base.none.seconds, base.straceNull.seconds)),
      "",
      undefined,
    ]);
    targets.push([
      `live${f.pinned ? ", pinned" : ""}: default explain against strace \`-o FILE\``,
      x(ratio(base.brief.seconds, base.straceFile.seconds)),
      "",
      undefined,
    ]);
  } else notRun("live: sockscope --explain none vs strace, same flags, -o FILE", liveGoal);
  if (f.netOnly) {
    targets.push([
      "live: `--net-only` filewriter vs untraced (the old target: ≤ 1.50×)",
      x(ratio(f.netOnly.netOnly.seconds, f.netOnly.bare.seconds)),
      "",
      undefined,
    ]);
  }
  const textGoal = `≤ ${x(TARGET.parseText)}`;
  const jsonGoal = `≤ ${x(TARGET.parseJson)}`;
  if (f.parse) {
    const p = f.parse;
    const r = (k) => ratio(p[k].seconds, p.floor.seconds);
    targets.push([
      "parse: `read --format text` vs readline floor",
      x(r("text")),
      textGoal,
      r("text") <= TARGET.parseText,
    ]);
    targets.push(["parse: `read --format text --explain none` vs floor", x(r("textNone")), "", undefined]);
    targets.push([
      "parse: `read --json --explain none` vs readline floor",
      x(r("jsonNone")),
      jsonGoal,
      r("jsonNone") <= TARGET.parseJson,
    ]);
    targets.push(["parse: `read --json` (default explain) vs floor", x(r("json")), "", undefined]);
  } else {
    notRun("parse: read --format text vs readline floor", textGoal);
    notRun("parse: read --json --explain none vs readline floor", jsonGoal);
  }
  const rssGoal = `≤ ${TARGET.rssMB} MB`;
  if (f.memory) {
    const linesM = `${(f.memoryTrace.lines / 1e6).toFixed(2)}M lines`;
    for (const k of [...MEMORY_FORMATS.map((m) => m.name), "summaryFile"]) {
      const m = f.memory[k];
      targets.push([
        `memory: peak RSS, ${m.label.replaceAll("`", "").replace(/^read /, "")}, ${linesM}`,
        mb(m.rssKB),
        rssGoal,
        rssOk(m.rssKB),
      ]);
    }
  } else notRun("memory: peak RSS, every format and --summary-file, ≥1M lines", rssGoal);
  if (f.tenfold) {
    targets.push([
      "memory: peak RSS, `read --json --explain none`, 10× trace",
      mb(f.tenfold.rssKB) + (f.tenfold.problems.length ? " (summary wrong)" : ""),
      "",
      undefined,
    ]);
  }
  if (f.startup) {
    targets.push(["startup: `sockscope --version` (median)", sec(f.startup.version.seconds), "", undefined]);
    targets.push([
      "startup: `sockscope explain socket` (median)",
      sec(f.startup.explain.seconds),
      "",
      undefined,
    ]);
  }

  const md = [
    "# Benchmark results",
    "",
    ...(process.env.BENCH_LABEL ? [`> **${process.env.BENCH_LABEL}**`, ""] : []),
    "Written by `npm run bench` (bench/run.mjs). Times are medians of interleaved runs in one session;",
    "the targets are ratios measured side by side, because absolute times drift on shared machines.",
    "The -yy study (what decoding fds costs strace, and resolving sockets once instead): [DECODE-FDS.md](DECODE-FDS.md).",
    "",
    table(
      ["machine", ""],
      [
        ["date", info.date],
        ["sockscope build", process.env.BENCH_BIN ? `${BIN} (BENCH_BIN)` : build()],
        ["sections run", [...chosen].join(", ")],
        ["nproc", String(info.nproc)],
        ["kernel (`uname -r`)", info.kernel],
        ["CPU", info.cpu],
        ["node", info.node],
        ["strace", info.strace],
        ["gcc", info.gcc],
        ["load average at start", info.load],
        ["runs per measurement", `${RUNS} (startup: ${STARTUP_RUNS}, memory: ${MEMORY_RUNS})`],
        ["peak RSS from", TIME ? "/usr/bin/time -f %M (MB = 10^6 bytes)" : "/proc/PID/status VmHWM"],
      ],
    ),
    "",
    "## Targets",
    "",
    "Rows with no goal are information (kept as context, not targets).",
    "",
    table(
      ["measurement", "measured", "goal", "result"],
      targets.map(([what, got, goal, ok]) => [what, got, goal, ok === undefined ? "" : verdict(ok)]),
    ),
    "",
  ];

  if (f.live) {
    const c = f.liveFlags;
    md.push(
      `## Live overhead: \`pingpong ${ROUNDS}\` (fork; ${ROUNDS} loopback TCP round trips of 16 bytes)`,
      "",
      `sockscope's strace flags, learnt by running it with a recording strace: \`${withOutput(c.flags, "FIFO").join(" ")}\`,`,
      `environment for strace: ${Object.keys(c.envSet).length + c.envUnset.length === 0 ? "unchanged" : [...Object.entries(c.envSet).map(([k, v]) => `\`${k}=${v}\``), ...c.envUnset.map((k) => `\`${k}\` unset`)].join(", ")}.`,
      "The target compares sockscope, whose strace writes into a FIFO that sockscope reads, with strace",
      "run alone with exactly those flags and environment writing to a file in the temp dir: what is",
      "left is what sockscope adds by reading, understanding and reporting.",
      "",
      "Each round trip waits for the other process to be woken, and traced, for strace as well. On a",
      "virtual machine waking an idle CPU is slow, so unpinned the wall time of this program depends on",
      "how busy the other CPU is (the two untraced rows of the unpinned table), and a tracer that keeps a",
      "CPU busy makes the program it traces faster. Pinned, strace and the program share CPU 0 in every",
      "command compared and sockscope's Node has CPU 1 (`taskset`; sockscope runs strace through",
      "`--strace` with a wrapper that pins it): the ratio then measures what sockscope adds.",
      "",
    );
    const liveTable = (m, keys) =>
      table(
        ["command", "median", "range (s)", "vs strace -o FILE", "CPU (user+sys, all processes)"],
        keys.map((k) => [...row(m[k], m.straceFile), cpuOf(m[k])]),
      );
    if (f.pinned) {
      const p = f.pinned;
      md.push(
        "### Pinned",
        "",
        liveTable(p, ["bare", "floor", "straceFile", "straceNull", "none", "brief", "lean", "fixed"]),
        "",
        `sockscope's start (Node, its modules, strace's checks and start: the run with 0 round trips) takes ${sec(p.fixed.seconds)};`,
        `the rest of what sockscope adds over strace writing to a file is about ${sec(p.none.seconds - p.straceFile.seconds - p.fixed.seconds)} (explain none) and ${sec(p.brief.seconds - p.straceFile.seconds - p.fixed.seconds)} (default explain).`,
        "",
        "### Unpinned",
        "",
      );
    } else md.push("Pinning was off (BENCH_PIN=0, one CPU, or no `taskset`).", "");
    md.push(
      liveTable(f.live, ["bare", "bareBusy", "floor", "straceFile", "straceNull", "none", "brief", "lean"]),
      "",
    );
    if (f.live.none.cpu !== undefined && f.live.straceFile.cpu !== undefined) {
      md.push(
        `sockscope's own CPU time (the run's less strace's with the same flags writing to a file): ${(f.live.none.cpu - f.live.straceFile.cpu).toFixed(2)} s with \`--explain none\`, ${(f.live.brief.cpu - f.live.straceFile.cpu).toFixed(2)} s with the default explain.`,
        "",
      );
    }
  }

  if (f.netOnly) {
    const n = f.netOnly;
    const marginal = ratio(n.netOnly.seconds - n.netOnly0.seconds, n.bare.seconds - n.bare0.seconds);
    md.push(
      `### \`filewriter ${WRITES}\` (${WRITES} one-byte writes to /dev/null, one loopback UDP socket; information)`,
      "",
      table(
        ["command", "median", "range (s)", "vs untraced"],
        ["bare", "straceFlags", "netOnly", "bare0", "netOnly0"].map((k) => row(n[k], n.bare)),
      ),
      "",
      `Without the fixed cost (the runs with 0 writes taken off both), the ${WRITES} writes cost ${x(marginal)} under \`sockscope --net-only\` what they cost untraced; the fixed cost is ${sec(n.netOnly0.seconds)}.`,
      "",
    );
  }

  if (f.parse) {
    const t = f.parseTrace;
    md.push(
      `## Parsing: \`strace -f -yy -tt -T\` of \`pingpong ${t.rounds}\`: ${t.lines.toLocaleString("en-US")} lines, ${(t.bytes / 1e6).toFixed(1)} MB`,
      "",
      table(
        ["command (`-o /dev/null`)", "median", "range (s)", "vs floor", "lines/s", "peak RSS", "CPU"],
        ["floor", "text", "textNone", "jsonNone", "json"].map((k) => [
          ...row(f.parse[k], f.parse.floor),
          lps(f.parse[k]),
          mb(f.parse[k].rssKB),
          cpuOf(f.parse[k]),
        ]),
      ),
      "",
      `Text against JSON: ${x(ratio(f.parse.textNone.seconds, f.parse.jsonNone.seconds))} with \`--explain none\`, ${x(ratio(f.parse.text.seconds, f.parse.json.seconds))} with the default explain.`,
      "",
    );
  }

  if (f.memory || f.tenfold) md.push("## Memory", "");
  if (f.memory) {
    const t = f.memoryTrace;
    md.push(
      `\`sockscope read … -o /dev/null\` (default explain) on \`strace -f -yy -tt -T\` of \`pingpong ${t.rounds}\`: ${t.lines.toLocaleString("en-US")} lines, ${(t.bytes / 1e6).toFixed(1)} MB. Peak RSS is the largest of ${MEMORY_RUNS} run(s).`,
      "",
      table(
        ["command", "peak RSS", "median time", "CPU"],
        [...MEMORY_FORMATS.map((m) => m.name), "summaryFile"].map((k) => [
          f.memory[k].label,
          mb(f.memory[k].rssKB),
          sec(f.memory[k].seconds),
          cpuOf(f.memory[k]),
        ]),
      ),
      "",
      `The --summary-file run wrote a ${((f.memory.summaryFile.bytes ?? 0) / 1e3).toFixed(1)} kB Markdown report.`,
      "",
    );
  }
  if (f.tenfold) {
    const tf = f.tenfold;
    md.push(
      `The 10× trace (the parse trace repeated ten times with pids and clock moved on, ${tf.lines.toLocaleString("en-US")} lines), \`read --json --explain none\`: peak RSS ${mb(tf.rssKB)}, ${sec(tf.seconds)}; its summary ${tf.problems.length === 0 ? "checks out (every line understood, every call returned, 10× the processes, sends and connections)" : `does not check out: ${tf.problems.join("; ")}`}.`,
      "",
    );
  }

  if (f.startup) {
    md.push(
      "## Startup (information)",
      "",
      table(
        ["command", "median", "range (s)"],
        ["node", "version", "explain"].map((k) => row(f.startup[k]).slice(0, 3)),
      ),
      "",
    );
  }

  if (f.decode) {
    const b = f.decodeBase;
    md.push(
      "## Decoding fds: strace alone (the -yy study; method and conclusions in [DECODE-FDS.md](DECODE-FDS.md))",
      "",
      `strace with sockscope's other flags (\`${withoutDecoding(withOutput(b.flags, "FILE")).join(" ")}\`, sockscope's own decoding: ${decodingOf(b.flags)}) and each way of decoding fds, writing to a file in the temp dir${PIN ? "; strace and the program pinned to CPU 0" : ""}. Cost = the variant's time over the same without decoding; on a busy machine the CPU time (strace's and the program's, user+sys) is the steadier measure.`,
      "",
    );
    for (const d of f.decode) {
      md.push(
        `### ${d.what}`,
        "",
        table(
          ["strace", "median", "range (s)", "vs no decoding", "CPU", "CPU vs no decoding", "trace size"],
          ["bare", ...DECODE_VARIANTS.map((v) => v.name)].map((k) => [
            ...row(d.m[k], d.m.none),
            cpuOf(d.m[k]),
            d.m[k].cpu === undefined || d.m.none.cpu === undefined ? "" : x(ratio(d.m[k].cpu, d.m.none.cpu)),
            d.m[k].bytes === undefined ? "" : `${(d.m[k].bytes / 1e6).toFixed(1)} MB`,
          ]),
        ),
        "",
      );
    }
  }
  md.push(`Total benchmark time: ${((Date.now() - started) / 1000).toFixed(0)} s.`, "");
  // The soak's section (bench/soak.mjs, run on its own: it takes a quarter of an hour) stays.
  const soak = existsSync(RESULTS)
    ? /<!-- soak -->[\s\S]*?<!-- \/soak -->\n?/.exec(readFileSync(RESULTS, "utf8"))
    : null;
  if (soak) md.push(soak[0]);
  // So does the kernel view's cost (bench/kernel-state.mjs).
  const kernel = existsSync(RESULTS)
    ? /<!-- kernel -->[\s\S]*?<!-- \/kernel -->\n?/.exec(readFileSync(RESULTS, "utf8"))
    : null;
  if (kernel) md.push(kernel[0]);
  writeFileSync(RESULTS, md.join("\n"));

  console.log("");
  for (const [what, got, goal, ok] of targets) {
    console.log(
      `${ok === undefined ? "info" : verdict(ok)}  ${what.replaceAll("`", "")}: ${got}${goal ? ` (goal ${goal})` : ""}`,
    );
  }
  for (const d of f.decode ?? []) {
    console.log(
      `decode ${d.program.slice(1).join(" ")}: ${DECODE_VARIANTS.map((v) => `${v.name} ${x(ratio(d.m[v.name].seconds, d.m.none.seconds))}${d.m.none.cpu ? ` (CPU ${x(ratio(d.m[v.name].cpu, d.m.none.cpu))})` : ""}`).join(", ")}`,
    );
  }
  console.log(`wrote ${RESULTS} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
