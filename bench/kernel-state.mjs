// What reading the kernel's view costs the traced program (issue 17: "adds no measurable overhead").
// Not a test: `node bench/kernel-state.mjs` (after `npm run build`; needs gcc, strace, iproute2's ss,
// unshare). Each program runs under `sockscope -o /dev/null --explain none` with the kernel's view
// (the default) and with --no-kernel-state, interleaved, KS_RUNS times each, every run in a fresh
// network namespace of its own (so the collector sees only the program's sockets, as in CI). It
// reports the median wall time of the whole run (sockscope's start to the program's end: the
// program's time under the trace) and the median CPU time of sockscope with its children (strace,
// the program, ss), with the ratios. The section replaces the one between the `<!-- kernel -->`
// markers in bench/RESULTS.md (bench/run.mjs keeps it).
//   pingpong 20000   one TCP connection, 20000 round trips (the data path: nothing for the collector
//                    to do but wait);
//   shortconn 500    500 TCP connections, a process each (every connection a destroy event, every
//                    close a 4-tuple to join).
// Environment: KS_RUNS (5), KS_OUT (bench/RESULTS.md).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "sockscope.js");
const OUT = process.env.KS_OUT ?? join(ROOT, "bench", "RESULTS.md");
const RUNS = Number(process.env.KS_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), "sockscope-ksbench-"));

function cc(name, src) {
  const out = join(dir, name);
  const r = spawnSync("gcc", ["-O2", "-o", out, join(ROOT, src)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`gcc ${src}: ${r.stderr}`);
  return out;
}

/** One run: wall seconds and CPU seconds (user + sys of sockscope and everything it waited for). */
function once(argv) {
  const started = process.hrtime.bigint();
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "%U %S",
      "unshare",
      "--net",
      "--",
      "/bin/sh",
      "-c",
      'ip link set lo up && exec "$@"',
      "sh",
      ...argv,
    ],
    { encoding: "utf8" },
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: exit ${r.status}: ${r.stderr.slice(-400)}`);
  const [user, sys] = r.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { wall, cpu: user + sys };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const programs = [
  {
    what: "`pingpong 20000` (one connection, 20000 round trips)",
    argv: [cc("pingpong", "fixtures/programs/pingpong.c"), "20000"],
  },
  {
    what: "`shortconn 500` (500 connections, a process each)",
    argv: [cc("shortconn", "bench/shortconn.c"), "500"],
  },
];
const startedAt = new Date().toISOString();
const rows = [];
try {
  for (const p of programs) {
    const on = [];
    const off = [];
    for (let i = 0; i < RUNS; i++) {
      on.push(once([process.execPath, BIN, "-o", "/dev/null", "--explain", "none", "--", ...p.argv]));
      off.push(
        once([
          process.execPath,
          BIN,
          "-o",
          "/dev/null",
          "--explain",
          "none",
          "--no-kernel-state",
          "--",
          ...p.argv,
        ]),
      );
    }
    const row = {
      what: p.what,
      onWall: median(on.map((r) => r.wall)),
      offWall: median(off.map((r) => r.wall)),
      onCpu: median(on.map((r) => r.cpu)),
      offCpu: median(off.map((r) => r.cpu)),
    };
    rows.push(row);
    console.log(
      `${p.what}: wall ${row.onWall.toFixed(3)} s vs ${row.offWall.toFixed(3)} s (×${(row.onWall / row.offWall).toFixed(3)}), CPU ${row.onCpu.toFixed(2)} s vs ${row.offCpu.toFixed(2)} s (×${(row.onCpu / row.offCpu).toFixed(3)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const git = spawnSync("git", ["-C", ROOT, "log", "-1", "--format=%h"], { encoding: "utf8" }).stdout.trim();
const md = [
  "<!-- kernel -->",
  "## The kernel's view: what it costs (bench/kernel-state.mjs)",
  "",
  `Run at ${startedAt} on ${cpus().length}× ${cpus()[0]?.model ?? "?"}, kernel ${release()}, node ${process.version}, build ${git}; load average at start ${loadavg()
    .map((x) => x.toFixed(2))
    .join(
      " ",
    )}. Medians of ${RUNS} interleaved runs each, every run in a fresh network namespace; wall: sockscope's start to its end (the program's time under the trace); CPU: user + system of sockscope and everything it waited for (strace, the program, ss).`,
  "",
  "| program | wall, kernel view | wall, --no-kernel-state | ratio | CPU, kernel view | CPU, --no-kernel-state | ratio |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (r) =>
      `| ${r.what} | ${r.onWall.toFixed(3)} s | ${r.offWall.toFixed(3)} s | ×${(r.onWall / r.offWall).toFixed(3)} | ${r.onCpu.toFixed(2)} s | ${r.offCpu.toFixed(2)} s | ×${(r.onCpu / r.offCpu).toFixed(3)} |`,
  ),
  "<!-- /kernel -->",
  "",
].join("\n");
const old = existsSync(OUT) ? readFileSync(OUT, "utf8") : "";
const marked = /<!-- kernel -->[\s\S]*?<!-- \/kernel -->\n?/;
writeFileSync(OUT, marked.test(old) ? old.replace(marked, md) : `${old.trimEnd()}\n\n${md}`);
// The tables as the project's formatter (biome, `npm run lint`) wants them.
spawnSync(
  process.execPath,
  [join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome"), "format", "--write", OUT],
  {
    stdio: "ignore",
  },
);
console.log(`kernel section written to ${OUT}`);
