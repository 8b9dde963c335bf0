// sockscope's exact strace flags, learnt by watching it run strace, so that the benchmarks compare
// sockscope against strace run the way sockscope runs it, whatever the CLI's code looks like: only
// bin/sockscope.js is run (its --strace option pointed at a recording wrapper), nothing is imported.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Runs `sockscope [sockscopeArgs] -o /dev/null -- program...` once with a wrapper as its strace, and
 * returns the flags it gave strace before the program (`flags`, with its `-o` target as it was),
 * and the environment entries it set or removed for strace (`envSet`, `envUnset`) against `env`.
 */
export function captureStraceFlags({ bin, work, sockscopeArgs = [], program, env = process.env }) {
  const strace = spawnSync("sh", ["-c", "command -v strace"], { encoding: "utf8" }).stdout.trim();
  if (!strace) throw new Error("strace not found on PATH");
  const log = join(work, `strace-calls-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
  const wrapper = join(work, "strace-recorder.mjs");
  writeFileSync(
    wrapper,
    [
      `#!${process.execPath}`,
      'import { spawnSync } from "node:child_process";',
      'import { appendFileSync } from "node:fs";',
      "const args = process.argv.slice(2);",
      "appendFileSync(process.env.BENCH_STRACE_LOG, JSON.stringify({ args, env: process.env }) + '\\n');",
      `const r = spawnSync(${JSON.stringify(strace)}, args, { stdio: "inherit" });`,
      "process.exit(r.status ?? 1);",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  const r = spawnSync(
    process.execPath,
    [bin, "--strace", wrapper, ...sockscopeArgs, "-o", "/dev/null", "--", ...program],
    { env: { ...env, BENCH_STRACE_LOG: log }, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`sockscope with a recording strace failed: ${r.stderr}`);
  const calls = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  // The run that traces: the one whose arguments end with the program (not `strace -V`).
  const call = calls.find((c) => endsWith(c.args, program));
  if (!call) throw new Error(`sockscope never ran strace on ${program.join(" ")}: ${JSON.stringify(calls)}`);
  const flags = call.args.slice(0, call.args.length - program.length);
  if (flags.at(-1) === "--") flags.pop();
  const seen = { ...call.env };
  delete seen.BENCH_STRACE_LOG;
  const envSet = {};
  for (const [k, v] of Object.entries(seen)) if (env[k] !== v) envSet[k] = v;
  const envUnset = Object.keys(env).filter((k) => !(k in seen));
  outputOf(flags); // throws when there is no -o
  return { flags, envSet, envUnset };
}

const endsWith = (xs, tail) =>
  xs.length >= tail.length && tail.every((t, i) => xs[xs.length - tail.length + i] === t);

/** Where the flags send strace's output: [index of the flag, form] (throws when there is none). */
function outputOf(flags) {
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if ((f === "-o" || f === "--output") && i + 1 < flags.length) return [i, "split"];
    if (f.startsWith("--output=")) return [i, "eq"];
    if (/^-o./.test(f)) return [i, "joined"];
  }
  throw new Error(`no -o in strace's flags: ${flags.join(" ")}`);
}

/** The same flags writing to `file` instead. */
export function withOutput(flags, file) {
  const out = [...flags];
  const [i, form] = outputOf(out);
  if (form === "split") out[i + 1] = file;
  else if (form === "eq") out[i] = `--output=${file}`;
  else out[i] = `-o${file}`;
  return out;
}

/** The flags without any fd decoding (-y, -yy, --decode-fds[=…], -e decode-fds=…). */
export function withoutDecoding(flags) {
  const out = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (f === "-y" || f === "-yy" || f === "--decode-fds" || f.startsWith("--decode-fds=")) continue;
    if (f === "-e" && flags[i + 1]?.startsWith("decode-fds=")) {
      i++;
      continue;
    }
    if (f.startsWith("-e") && f.slice(2).startsWith("decode-fds=")) continue;
    out.push(f);
  }
  return out;
}

/** How sockscope decodes fds, read off its flags (for the report). */
export function decodingOf(flags) {
  const found = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (f === "-y" || f === "-yy" || f === "--decode-fds" || f.startsWith("--decode-fds=")) found.push(f);
    if (f === "-e" && flags[i + 1]?.startsWith("decode-fds=")) found.push(`-e ${flags[i + 1]}`);
  }
  return found.length > 0 ? found.join(" ") : "none";
}

/** The environment strace gets from sockscope, on top of `env`. */
export function straceEnvOf(captured, env = process.env) {
  const out = { ...env, ...captured.envSet };
  for (const k of captured.envUnset) delete out[k];
  return out;
}

/** The fd-decoding variants of the -yy study (bench/DECODE-FDS.md); all are strace 6.1 flags. */
export const DECODE_VARIANTS = [
  { name: "none", flags: [], label: "no decoding" },
  { name: "y", flags: ["-y"], label: "`-y` (= `--decode-fds=path`)" },
  { name: "socket", flags: ["--decode-fds=socket"], label: "`--decode-fds=socket`" },
  { name: "pathSocket", flags: ["--decode-fds=path,socket"], label: "`--decode-fds=path,socket`" },
  { name: "yy", flags: ["-yy"], label: "`-yy` (= `--decode-fds=all`)" },
];
