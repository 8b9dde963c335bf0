// The soak: does sockscope's memory stay flat over a long run? Not a test: `node bench/soak.mjs`
// (after `npm run build`); it takes about SOAK_SECONDS + 5 minutes. Two parts, each sampling the
// resident set size (VmRSS from /proc/PID/status) of sockscope's Node process every SOAK_EVERY_MS:
//   read  `sockscope read --json --explain none` of generated logs of SOAK_CONNECTIONS short TCP
//         connections to a peer that is not traced (fixtures/hostile/gen-shortconn.mjs), in the
//         modes yy (decorated ends), plain (no -yy: only the accept queue could pair them) and
//         fork (each connection in a child process of its own, every child a new pid);
//   live  `sockscope -o /dev/null --explain none -- pingpong` (fixtures/programs/pingpong.c, a
//         loopback TCP ping-pong) for SOAK_SECONDS, then SIGINT.
// After warm-up (the first SOAK_WARMUP of the samples) memory must not grow: the peak of the later
// half of the samples must be within 20% of the peak of the earlier half (PASS/FAIL per part). The
// band between the smallest and the largest sample is shown too: V8's collections make RSS a saw,
// whose teeth are not growth. The results replace the soak section of bench/RESULTS.md (between
// the `<!-- soak -->` markers; bench/run.mjs keeps that section when it rewrites the file).
// Environment: SOAK_CONNECTIONS (500000), SOAK_SECONDS (600), SOAK_EVERY_MS (3000),
// SOAK_WARMUP (0.2), SOAK_BIN (bin/sockscope.js), SOAK_OUT (bench/RESULTS.md), SOAK_ONLY (read,live).
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, release, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = process.env.SOAK_BIN ?? join(ROOT, "bin", "sockscope.js");
const OUT = process.env.SOAK_OUT ?? join(ROOT, "bench", "RESULTS.md");
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 500000);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const EVERY = Number(process.env.SOAK_EVERY_MS ?? 3000);
const WARMUP = Number(process.env.SOAK_WARMUP ?? 0.2);
const ONLY = (process.env.SOAK_ONLY ?? "read,live").split(",");

const rssOf = (pid) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
};
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;

/** Runs `args` with node, samples its RSS; `stopAfter` seconds then SIGINT (live). */
async function sampled(args, stopAfter) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const started = Date.now();
  const samples = [];
  const timer = setInterval(() => {
    const rss = rssOf(child.pid);
    if (rss !== undefined) samples.push({ t: (Date.now() - started) / 1000, rss });
  }, EVERY);
  const stop = stopAfter === undefined ? undefined : setTimeout(() => child.kill("SIGINT"), stopAfter * 1000);
  const [code, signal] = await new Promise((resolve) => child.on("exit", (c, s) => resolve([c, s])));
  clearInterval(timer);
  if (stop) clearTimeout(stop);
  return { samples, code, signal, seconds: (Date.now() - started) / 1000, stderr: stderr.slice(-500) };
}

function verdict(samples) {
  const after = samples.slice(Math.floor(samples.length * WARMUP));
  if (after.length < 2) return { ok: false, text: "too few samples" };
  const lo = Math.min(...after.map((s) => s.rss));
  const hi = Math.max(...after.map((s) => s.rss));
  const ratio = hi / lo;
  const half = Math.floor(after.length / 2);
  const early = Math.max(...after.slice(0, half).map((s) => s.rss));
  const late = Math.max(...after.slice(half).map((s) => s.rss));
  const growth = late / early;
  return {
    ok: growth <= 1.2,
    early,
    late,
    growth,
    lo,
    hi,
    ratio,
    first: after[0].rss,
    last: after[after.length - 1].rss,
    text: `after warm-up (${after.length} of ${samples.length} samples): ${mb(lo)} to ${mb(hi)}, max/min ${ratio.toFixed(3)}; peak of the later half / of the earlier half ${growth.toFixed(3)}`,
  };
}

const startedAt = new Date().toISOString();
const dir = await mkdtemp(join(tmpdir(), "sockscope-soak-"));
const rows = [];
const curves = [];
try {
  if (ONLY.includes("read")) {
    for (const mode of ["yy", "plain", "fork"]) {
      const log = join(dir, `shortconn-${mode}.strace`);
      const out = createWriteStream(log);
      const gen = spawn(
        process.execPath,
        [join(ROOT, "fixtures/hostile/gen-shortconn.mjs"), String(CONNECTIONS), mode],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      gen.stdout.pipe(out);
      await new Promise((resolve) => out.on("finish", resolve));
      const r = await sampled(["read", "--json", "--explain", "none", log]);
      const v = verdict(r.samples);
      const what = `read: ${CONNECTIONS} short connections to an untraced peer (${mode}), \`read --json --explain none\``;
      rows.push({ what, r, v });
      console.log(`${what}: exit ${r.code}, ${r.seconds.toFixed(0)} s, ${v.text}`);
      curves.push({ what, samples: r.samples });
      await rm(log, { force: true });
    }
  }
  if (ONLY.includes("live")) {
    const prog = join(dir, "pingpong");
    const cc = spawnSync("gcc", ["-O2", "-o", prog, join(ROOT, "fixtures/programs/pingpong.c")], {
      encoding: "utf8",
    });
    if (cc.status !== 0) throw new Error(`gcc: ${cc.stderr}`);
    const r = await sampled(["-o", "/dev/null", "--explain", "none", "--", prog, "1000000000000"], SECONDS);
    const v = verdict(r.samples);
    const what = `live: \`sockscope -o /dev/null --explain none -- pingpong\` for ${SECONDS} s, then SIGINT`;
    rows.push({ what, r, v });
    console.log(`${what}: exit ${r.code ?? r.signal}, ${r.seconds.toFixed(0)} s, ${v.text}`);
    curves.push({ what, samples: r.samples });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const git = spawnSync("git", ["-C", ROOT, "log", "-1", "--format=%h"], { encoding: "utf8" }).stdout.trim();
const md = [
  "<!-- soak -->",
  "## Soak: memory over long runs (bench/soak.mjs)",
  "",
  `Run from ${startedAt} to ${new Date().toISOString()} on ${cpus().length}× ${cpus()[0]?.model ?? "?"}, kernel ${release()}, node ${process.version}, build ${git}; load average at start ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}.`,
  `RSS of sockscope's Node process sampled every ${EVERY / 1000} s; after warm-up (the first ${WARMUP * 100}% of the samples) the target is no growth: the peak of the later half of the samples within 20% of the peak of the earlier half. The band (smallest to largest sample) is V8's collection saw.`,
  "",
  "| run | exit | time | RSS after warm-up (min – max) | first → last | peak, earlier → later half | growth | result |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    ({ what, r, v }) =>
      `| ${what} | ${r.code ?? r.signal} | ${r.seconds.toFixed(0)} s | ${v.lo ? `${mb(v.lo)} – ${mb(v.hi)}` : "–"} | ${v.first ? `${mb(v.first)} → ${mb(v.last)}` : "–"} | ${v.early ? `${mb(v.early)} → ${mb(v.late)}` : "–"} | ${v.growth?.toFixed(3) ?? "–"} | ${v.ok ? "PASS" : "FAIL"} |`,
  ),
  "",
  "RSS samples (seconds: MB), every tenth:",
  "",
  ...curves.map(
    ({ what, samples }) =>
      `- ${what}: ${samples
        .filter((_, i) => i % 10 === 0)
        .map((s) => `${s.t.toFixed(0)}: ${(s.rss / 1e6).toFixed(0)}`)
        .join(", ")}`,
  ),
  "<!-- /soak -->",
  "",
].join("\n");
const old = existsSync(OUT) ? readFileSync(OUT, "utf8") : "";
const marked = /<!-- soak -->[\s\S]*?<!-- \/soak -->\n?/;
writeFileSync(OUT, marked.test(old) ? old.replace(marked, md) : `${old.trimEnd()}\n\n${md}`);
// The tables as the project's formatter (biome, `npm run lint`) wants them.
spawnSync(
  process.execPath,
  [join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome"), "format", "--write", OUT],
  {
    stdio: "ignore",
  },
);
console.log(`soak section written to ${OUT}`);
process.exitCode = rows.every((x) => x.v.ok) ? 0 : 1;
