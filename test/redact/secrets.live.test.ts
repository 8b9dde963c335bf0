// A planted secret never appears in any output format, by default or with --no-payload; with a
// higher --payload the masking stays; --no-payload shows not one payload byte. Real program, real
// strace, loopback only, in a network namespace of its own. maskSecrets alone: redact.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

const SECRETS = ["Bearer-s3cr3t-T0KEN", "hunter2-pass", "c00kie-session-value", "api-k3y-value"];
const MARKER = "payload-marker-bytes";

// Sends an HTTP request with credentials, a form body and a plain marker over a loopback socketpair-like TCP pair.
const PROGRAM = `
import socket
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
cli = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
cli.sendall(b"Authorization: ${SECRETS[0]}\\r\\nCookie: id=${SECRETS[2]}\\r\\n\\r\\n")
cli.sendall(b"user=bob&password=${SECRETS[1]}&api_key=${SECRETS[3]}")
cli.sendall(b"${MARKER}")
cli.close()
while conn.recv(4096):
    pass
conn.close(); srv.close()
`;

async function traced(format: string, extra: string[]): Promise<string> {
  const out = join(work.dir, `out-${format}-${extra.join("_")}.txt`);
  const r = await execa(
    ...inFreshNetns([
      process.execPath,
      BIN,
      "--format",
      format,
      "--explain",
      "full",
      "-o",
      out,
      ...extra,
      "--",
      "python3",
      "-c",
      PROGRAM,
    ]),
    { reject: false, env: cliEnv(), extendEnv: false },
  );
  expect(r.exitCode).toBe(0);
  return readFileSync(out, "utf8");
}

const FORMATS = ["pretty", "text", "json", "markdown", "mermaid"];

describe.each(FORMATS.map((format) => ({ format })))("$format", ({ format }) => {
  test("by default: no secret, buffers cut", async () => {
    const out = await traced(format, []);
    for (const secret of SECRETS) expect(out).not.toContain(secret);
  });

  test("--payload 4096 shows more, and still masks", async () => {
    const out = await traced(format, ["--payload", "4096"]);
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    if (format === "json" || format === "text") expect(out).toContain(MARKER);
  });

  test("--no-payload: not one payload byte", async () => {
    const out = await traced(format, ["--no-payload"]);
    for (const secret of [...SECRETS, MARKER, "Authorization", "password"]) expect(out).not.toContain(secret);
  });
});
