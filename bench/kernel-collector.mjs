#!/usr/bin/env node
// What the kernel collector (dist/kernel/collector.js) costs in CPU: its `ss -E` child (utime +
// stime from /proc/PID/stat) and the collector's own process (process.cpuUsage, which holds the
// listener sampler and the parsing of ss's output), over 10 s idle, 10 s idle with one watched
// listener sampled every 50 ms, and a loopback load of short connections (each one a destroy event)
// with the cost of the load itself measured first without a collector.
// Run after `npm run build`, as root (it makes a network namespace of its own with unshare):
//   node bench/kernel-collector.mjs
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";

if (process.argv[2] !== "--inside") {
  const r = spawnSync(
    "unshare",
    [
      "--net",
      "--",
      "sh",
      "-c",
      'ip link set lo up && exec "$@"',
      "sh",
      process.execPath,
      import.meta.filename,
      "--inside",
    ],
    { stdio: "inherit" },
  );
  process.exit(r.status ?? 1);
}

const { startKernelCollector } = await import(
  join(import.meta.dirname, "..", "dist", "kernel", "collector.js")
);
const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

function childrenOf(pid) {
  const out = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.push(
        ...readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number),
      );
    } catch {}
  }
  return out;
}
function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime, stime (fields 14, 15)
}
const selfMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function load(count) {
  const server = net.createServer((c) => c.on("data", () => {}).on("end", () => c.end()));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => c.end(Buffer.alloc(i % 100 === 0 ? 1 << 20 : 100)));
      c.on("data", () => {}).on("close", resolve);
    });
  }
  server.close();
  return `127.0.0.1:${port}`;
}

async function measure(name, body, withCollector = true) {
  const kc = withCollector ? startKernelCollector() : undefined;
  let events = 0;
  kc?.onSocket(() => events++);
  await kc?.ready;
  const ss = kc ? childrenOf(process.pid)[0] : undefined;
  const ss0 = ss ? cpuMsOf(ss) : 0;
  const self0 = selfMs();
  const t0 = performance.now();
  await body(kc);
  const ssMs = ss ? cpuMsOf(ss) - ss0 : 0;
  const selfCpu = selfMs() - self0;
  const wall = performance.now() - t0;
  await kc?.finish([]);
  console.log(
    JSON.stringify({
      name,
      wallMs: Math.round(wall),
      ssCpuMs: Math.round(ssMs),
      nodeCpuMs: Math.round(selfCpu),
      events,
    }),
  );
}

await measure("idle 10 s", () => sleep(10_000));
await measure("idle 10 s, one listener watched (50 ms samples)", async (kc) => {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  kc.watchListener(`127.0.0.1:${s.address().port}`);
  await sleep(10_000);
  s.close();
});
await measure("2000 loopback connections (20 of 1 MiB), no collector", () => load(2000), false);
await measure("2000 loopback connections (20 of 1 MiB), with collector", () => load(2000));
