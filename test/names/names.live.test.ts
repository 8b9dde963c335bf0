// Host names from the program's own lookups: a program resolves svc.sockscope.test through a local
// dnsmasq (glibc's resolver, /etc/hosts without the name) and connects to the address it got. The
// test makes a network and mount namespace of its own: its lo also holds 10.77.0.1 (outside
// 127.0.0.0/8, so --fail-on external sees it), /etc/resolv.conf and /etc/hosts are bind-mounted over with
// files of the test's own, and dnsmasq answers on 127.0.0.1:53. Nothing leaves the namespace.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { netnsTools } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

const NAME = "svc.sockscope.test";
const SERVER = `
import socket
s = socket.socket(); s.bind(("10.77.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); c.recv(16); c.close(); s.close()
`;
const CLIENT = `
import socket, sys
c = socket.create_connection((sys.argv[1], int(sys.argv[2]))); c.sendall(b"hi"); c.close()
`;

writeFileSync(join(work.dir, "resolv.conf"), "nameserver 127.0.0.1\noptions attempts:1 timeout:5\n");
writeFileSync(join(work.dir, "hosts"), "127.0.0.1 localhost\n::1 localhost\n");
writeFileSync(join(work.dir, "server.py"), SERVER);
writeFileSync(join(work.dir, "client.py"), CLIENT);

/** sockscope run with `extra` on the program, inside the namespaces described above. */
async function traced(extra: string[]) {
  const { unshare, ip } = netnsTools();
  const out = join(work.dir, `out-${extra.join("_").replace(/[^\w.-]/g, "")}.jsonl`);
  const setup = `set -e
"$IP" link set lo up
"$IP" addr add 10.77.0.1/32 dev lo
mount --bind "$W/resolv.conf" /etc/resolv.conf
mount --bind "$W/hosts" /etc/hosts
# dnsmasq goes to the background once it listens; its pid file says whom to stop.
dnsmasq --no-resolv --no-hosts --listen-address=127.0.0.1 --bind-interfaces --address=/${NAME}/10.77.0.1 --pid-file="$W/dnsmasq.pid" --user=root
set +e
"$NODE" "$BIN" "$@"
rc=$?
kill "$(cat "$W/dnsmasq.pid")"
exit $rc`;
  const program = `python3 "$0" | { read port; python3 "$1" ${NAME} "$port"; }`;
  const r = await execa(
    unshare,
    [
      "--net",
      "--mount",
      "--",
      "/bin/sh",
      "-c",
      setup,
      "sh",
      "--json",
      "-o",
      out,
      ...extra,
      "--",
      "sh",
      "-c",
      program,
      join(work.dir, "server.py"),
      join(work.dir, "client.py"),
    ],
    {
      reject: false,
      env: { ...cliEnv(), IP: ip, W: work.dir, NODE: process.execPath, BIN },
      extendEnv: false,
    },
  );
  expect(r.stderr.includes("sockscope:") ? r.stderr : "", "sockscope's own error").not.toMatch(/error/);
  if (r.exitCode !== 0 && r.exitCode !== 3) throw new Error(`exit ${r.exitCode}: ${r.stderr}`);
  const events = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  return { code: r.exitCode, stderr: r.stderr, events };
}

describe("a name served by a local dnsmasq", () => {
  test("the connection is named, and --fail-on external names it by host and port", {
    timeout: 60_000,
  }, async () => {
    const { code, events } = await traced(["--fail-on", "external"]);
    expect(code).toBe(3);
    const client = events.find(
      (e) => e.type === "connection" && e.role === "client" && e.transport === "tcp",
    );
    expect(client?.remoteHost).toBe(NAME);
    expect(client?.remote?.ip).toBe("10.77.0.1");
    const connect = events.find((e) => e.type === "syscall" && e.name === "connect" && e.host !== undefined);
    expect(connect?.host).toBe(NAME);
    const summary = events.find((e) => e.type === "summary");
    const v = summary.violations.find((x: { rule: string }) => x.rule === "external");
    expect(v.host).toBe(NAME);
    expect(v.message).toMatch(
      new RegExp(`to ${NAME.replace(/\./g, "\\.")}:\\d+ \\(10\\.77\\.0\\.1\\), outside loopback`),
    );
  });

  test.each([[NAME], [`*.sockscope.test`]])("--allow %s lets it pass", { timeout: 60_000 }, async (rule) => {
    const { code, events, stderr } = await traced(["--fail-on", "external", "--allow", rule]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const summary = events.find((e) => e.type === "summary");
    expect(summary.violations).toEqual([]);
  });
});
