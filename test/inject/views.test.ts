// An injected result (strace's `(INJECTED)`) and a delayed call (`(DELAYED)`) are marked as such in
// every view, their explanation says what strace did and what the kernel would have done, and the
// JSON carries it and validates.
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, test } from "vitest";
import type { SyscallEvent } from "../../src/core/events.js";
import { eventsFromText } from "../../src/pipeline.js";
import { formatCall } from "../../src/render/text.js";
import { searchTextOf } from "../../src/render/tui/trace-store.js";
import { eventLine, explainLines } from "../../src/render/tui/view-model.js";
import { runCli } from "../helpers/cli.js";

const LOG = [
  '300 1700000000.000001 execve("/usr/bin/curl", ["curl", "-s", "http://127.0.0.1:8080/"], 0x7ffd /* 9 vars */) = 0 <0.000100>',
  "300 1700000000.000100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5<TCP:[7001]> <0.000010>",
  "300 1700000000.000200 fcntl(5<TCP:[7001]>, F_SETFL, O_RDWR|O_NONBLOCK) = 0 <0.000010>",
  '300 1700000000.000300 connect(5<TCP:[7001]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused) (INJECTED) <0.000020>',
  "300 1700000000.000400 close(5<TCP:[7001]>) = 0 <0.000010>",
  "300 1700000000.000500 +++ exited with 7 +++",
  "",
].join("\n");

const DELAYED = [
  "400 1700000000.000001 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3<TCP:[8001]> <0.000010>",
  '400 1700000000.000002 bind(3<TCP:[8001]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000010>',
  "400 1700000000.000003 listen(3<TCP:[127.0.0.1:8080]>, 5) = 0 <0.000010>",
  "400 1700000000.000004 accept4(3<TCP:[127.0.0.1:8080]>, NULL, NULL, 0) = 4<TCP:[127.0.0.1:8080->127.0.0.1:40000]> (DELAYED) <2.000300>",
  "400 1700000000.000005 close(4<TCP:[127.0.0.1:8080->127.0.0.1:40000]>) = 0 <0.000010>",
  "400 1700000000.000006 +++ exited with 0 +++",
  "",
].join("\n");

const read = (argv: string[], text = LOG) => runCli(["read", ...argv, "-"], { stdin: text });

describe("marked in every view", () => {
  test("text: strace's own mark, the explanation, the reaction", async () => {
    const r = await read(["--format", "text"]);
    expect(r.stdout).toMatch(
      /connect\(5<TCP:\[7001\]>, .*\) = -1 ECONNREFUSED \(Connection refused\) \(INJECTED\)/,
    );
    expect(r.stdout).toMatch(
      /↳ Injected by strace at sockscope's request \(--inject\): strace turned this connect\(\) into an invalid syscall/,
    );
    expect(r.stdout).toMatch(/kernel never ran its path/);
    // What the kernel would have done here: a non-blocking TCP connect sends the SYN, EINPROGRESS.
    expect(r.stdout).toMatch(
      /would most likely have gone on like this \(TCP over IPv4, non-blocking[^)]*\): .*EINPROGRESS/,
    );
    expect(r.stdout).toMatch(/injected-fault: .*curl then closed fd 5 and exited with status 7\./);
    expect(r.stdout).toMatch(
      /kernel: the connect failed: ECONNREFUSED, injected by strace \(no packet was sent\)/,
    );
  });

  test("pretty", async () => {
    const r = await read(["--format", "pretty"]);
    expect(r.stdout).toMatch(/connect\(fd 5, 127\.0\.0\.1:8080, 16\) → ECONNREFUSED \(injected by strace\)/);
    expect(r.stdout).toMatch(/injected-fault/);
  });

  test("markdown: its own section with the reaction; no kernel story for the injected call", async () => {
    const r = await read(["--format", "markdown"]);
    expect(r.stdout).toMatch(/### Injected by strace \(--inject\)/);
    expect(r.stdout).toMatch(
      /- `connect\(\)` of pid 300 on fd 5: injected ECONNREFUSED; curl then closed fd 5 and exited with status 7\./,
    );
    expect(r.stdout).not.toMatch(/#### connect\(\)/);
  });

  test("mermaid: the result marked, and nothing on the wire", async () => {
    const r = await read(["--format", "mermaid"]);
    expect(r.stdout).toMatch(/connect to 127\.0\.0\.1:8080 → ECONNREFUSED \(injected\)/);
    expect(r.stdout).toMatch(/Note over K: nothing sent: strace injected the result/);
    expect(r.stdout).not.toMatch(/SYN → RST/);
  });

  test("the TUI: the event line carries strace's mark, the pane the explanation, `/injected` finds it", () => {
    const explain = { depth: "brief" as const, os: "linux" as const, env: {} };
    const call = eventsFromText(LOG, { explain }).find(
      (e): e is SyscallEvent => e.type === "syscall" && e.name === "connect",
    ) as SyscallEvent;
    expect(formatCall(call)).toMatch(/\(INJECTED\) <0\.000020>$/);
    expect(eventLine(call, 1700000000).text).toMatch(/ECONNREFUSED \(Connection refused\) \(INJECTED\)/);
    const pane = explainLines(call, "brief")
      .map((l) => l.text)
      .join(" ");
    expect(pane).toMatch(/Injected by strace at sockscope's request/);
    expect(searchTextOf(call)).toMatch(/injected/);
  });

  test("a delayed accept: marked delayed, its own result and kernel story", async () => {
    const text = await read(["--format", "text"], DELAYED);
    expect(text.stdout).toMatch(
      /accept4\(.*\) = 4 \[127\.0\.0\.1:8080 -> 127\.0\.0\.1:40000\] \(DELAYED\) <2\.000300>/,
    );
    expect(text.stdout).toMatch(/strace held this call at its entry for the delay sockscope asked for/);
    expect(text.stdout).not.toMatch(/injected-fault/);
    const pretty = await read(["--format", "pretty"], DELAYED);
    expect(pretty.stdout).toMatch(/→ 4 \(127\.0\.0\.1:40000\) \(delayed by strace\)/);
  });
});

test("an injected recv is explained from its decoded arguments (the stitched call's, not a copy's)", async () => {
  const log = [
    "500 1700000000.000001 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4<TCP:[9001]> <0.000010>",
    '500 1700000000.000002 connect(4<TCP:[9001]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000010>',
    "500 1700000000.000003 recvfrom(4<TCP:[127.0.0.1:40000->127.0.0.1:8080]>, 0x7efe, 16, 0, NULL, NULL) = -1 EINTR (Interrupted system call) (INJECTED) <0.000010>",
    '500 1700000000.000004 recvfrom(4<TCP:[127.0.0.1:40000->127.0.0.1:8080]>, "hello", 16, 0, NULL, NULL) = 5 <0.000010>',
    "",
  ].join("\n");
  const r = await read(["--format", "text", "--explain", "full"], log);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/path: injected by strace: the kernel did not run this call/);
  expect(r.stdout).toMatch(/then retried: recvfrom\(\) again on fd 4\./);
});

describe("JSON", () => {
  let validate: ReturnType<Ajv2020["compile"]>;
  beforeAll(async () => {
    const r = await runCli(["schema"]);
    validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(r.stdout));
  });

  test("injected, delayed and the reaction are fields, and every line validates", async () => {
    for (const [log, want] of [
      [LOG, /"injected":true/],
      [DELAYED, /"delayed":true/],
    ] as const) {
      const r = await read(["--json", "--explain", "full"], log);
      expect(r.stdout).toMatch(want);
      for (const line of r.stdout.trim().split("\n")) {
        if (!validate(JSON.parse(line))) throw new Error(`${line}\n${JSON.stringify(validate.errors)}`);
      }
    }
    const r = await read(["--json"]);
    const diag = r.stdout
      .split("\n")
      .filter((l) => l.includes('"code":"injected-fault"'))
      .map((l) => JSON.parse(l));
    expect(diag).toMatchObject([{ severity: "info", reaction: "closed" }]);
  });

  test("--stable stays deterministic, with the marks; read of the JSON keeps them", async () => {
    const a = await read(["--json", "--stable"]);
    const b = await read(["--json", "--stable"]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/"injected":true/);
    const again = await runCli(["read", "--format", "text", "-"], { stdin: (await read(["--json"])).stdout });
    expect(again.stdout).toMatch(/\(INJECTED\)/);
  });
});
