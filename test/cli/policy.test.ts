// --fail-on: each rule with a case that breaks it and a clean one, on recorded traces, with the CLI
// in process (runCli leaves the CI runner's GITHUB_ACTIONS out). Traffic to non-loopback addresses
// is never really sent: the recorded logs are rewritten to documentation ranges (RFC 5737). The
// same rules on live runs are in policy.live.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { createWorkDir } from "../helpers/live.js";
import { LOGS } from "../helpers/logs.js";

const work = createWorkDir();
afterAll(() => work.remove());

const sockscope = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

/** A recorded log with 127.0.0.1 rewritten to another address (the log is text; nothing is sent). */
function rewritten(log: string, to: string): string {
  const path = join(work.dir, `${log}.${to}.strace`);
  writeFileSync(path, readFileSync(join(LOGS, log), "utf8").replaceAll("127.0.0.1", to));
  return path;
}

const log = (name: string) => join(LOGS, name);

describe("--fail-on on recorded logs (read exits 3 on a broken rule)", () => {
  test.each([
    {
      label: "external: curl to a documentation address",
      args: ["--fail-on", "external", rewritten("curl-http.o-yy-tt-T.strace", "192.0.2.10")],
      status: 3,
      line: /--fail-on external: pid \d+ connect\(fd 5\) to 192\.0\.2\.10:48101, outside loopback/,
    },
    {
      label: "external: the same log on loopback",
      args: ["--fail-on", "external", log("curl-http.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "external: a docker-like network allowed with --allow",
      args: [
        "--fail-on",
        "external",
        "--allow",
        "10.0.0.0/8,fd00::/8",
        rewritten("curl-http.o-yy-tt-T.strace", "10.1.2.3"),
      ],
      status: 0,
    },
    {
      label: "external: UDP sendto outside",
      args: ["--fail-on", "external", rewritten("udp-senders.o-yy-tt-T.strace", "198.51.100.7")],
      status: 3,
      line: /sendto\(fd 3\) to 198\.51\.100\.7:49006/,
    },
    {
      label: "external: unix and netlink never count",
      args: ["--fail-on", "external", log("unix.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "refused: curl refused",
      args: ["--fail-on", "refused", log("curl-refused.o-yy-tt-T.strace")],
      status: 3,
      line: /--fail-on refused: pid \d+ connection .* -> 127\.0\.0\.1:49003 refused/,
    },
    {
      label: "refused: nothing refused",
      args: ["--fail-on", "refused", log("tcp-echo.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "error: reset, refused, EADDRINUSE…",
      args: ["--fail-on", "error", log("errors.o-yy-tt-T.strace")],
      status: 3,
      line: /--fail-on error: pid \d+ bind\(fd \d+\) failed: EADDRINUSE/,
    },
    {
      label: "error: EAGAIN and EINPROGRESS are normal flow",
      args: ["--fail-on", "error", log("node-http-sendfile.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "error: glibc's nscd probe is not a failure",
      args: ["--fail-on", "error", log("curl-http.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "leak: a forked child keeps an inherited socket it never uses while it works with others",
      args: ["--fail-on", "leak", log("leaks-child-leak.o-yy-tt-T.strace")],
      status: 3,
      line: /--fail-on leak: pid 2364 \(it inherited it from pid 2363\) left tcp socket fd 4 unused/,
    },
    {
      label: "leak: a socket kept long after its peer closed it",
      args: ["--fail-on", "leak", log("leaks-dead.o-yy-tt-T.strace")],
      status: 3,
      line: /--fail-on leak: pid 2382 kept tcp socket fd 4 open .* \(the peer had closed it\)/,
    },
    {
      label: "leak: close_range closes every socket",
      args: ["--fail-on", "leak", log("leaks-close-range.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "leak: a short client exits right after its last request, leaving its sockets to the kernel",
      args: ["--fail-on", "leak", log("leaks-short-cli.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "leak: a process killed by a signal did not forget its sockets",
      args: ["--fail-on", "leak", log("killed.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "leak: everything closed",
      args: ["--fail-on", "leak", log("tcp-echo.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "diagnostic: EPIPE killed by SIGPIPE, EADDRINUSE…",
      args: ["--fail-on", "diagnostic", log("errors.o-yy-tt-T.strace")],
      status: 3,
      line: /--fail-on diagnostic: epipe-sigpipe: /,
    },
    {
      label: "diagnostic: info-level findings do not count",
      args: ["--fail-on", "diagnostic", log("inetd-dup2.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "diagnostic: a clean trace",
      args: ["--fail-on", "diagnostic", log("tcp-echo.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "listen-any: a listener on 127.0.0.1 is fine",
      args: ["--fail-on", "listen-any", log("tcp-echo.o-yy-tt-T.strace")],
      status: 0,
    },
    {
      label: "listen-any: the same listener on 0.0.0.0",
      args: ["--fail-on", "listen-any", rewritten("tcp-echo.o-yy-tt-T.strace", "0.0.0.0")],
      status: 3,
      line: /--fail-on listen-any: pid \d+ listen\(fd 3\): tcp on 0\.0\.0\.0:47001/,
    },
  ])("$label", async ({ args, status, line }) => {
    const r = await sockscope(["read", "--json", ...args]);
    expect(r.code).toBe(status);
    if (line) expect(r.stderr).toMatch(line);
    else expect(r.stderr).toBe("");
    const summary = JSON.parse(r.stdout.trimEnd().split("\n").at(-1) ?? "{}");
    expect(summary.violations.length > 0).toBe(status === 3);
  });

  test("GITHUB_ACTIONS=true adds ::error workflow commands", async () => {
    const r = await sockscope(
      ["read", "-o", "/dev/null", "--fail-on", "refused", log("curl-refused.o-yy-tt-T.strace")],
      { GITHUB_ACTIONS: "true" },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^::error title=sockscope refused::pid \d+ connection/m);
  });

  test("an unknown rule is a usage error naming the rules", async () => {
    const r = await sockscope(["read", "--fail-on", "externl", log("tcp-echo.o-yy-tt-T.strace")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule 'externl' \(rules: external, listen-any/);
  });
});
