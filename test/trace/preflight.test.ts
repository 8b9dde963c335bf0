// The one-line diagnoses of preflight that need no process: strace's refusal read as root or not.
import { describe, expect, test } from "vitest";
import { explainStraceError } from "../../src/trace/preflight.js";

const REFUSED = "strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted\n";

describe("explainStraceError", () => {
  test("refused as another user: the sysctl, root and the container capability", () => {
    const err = explainStraceError(REFUSED, false, 0);
    expect(err?.exitCode).toBe(4);
    expect(err?.message).toMatch(/ptrace_scope/);
    expect(err?.message).toMatch(/run as root/);
  });

  test("refused as root (pid 1 in a sandbox, a security module): never 'run as root'", () => {
    const err = explainStraceError(REFUSED, true, 0);
    expect(err?.exitCode).toBe(4);
    expect(err?.message).toMatch(/even as root/);
    expect(err?.message).not.toMatch(/run as root|ptrace_scope/);
    expect(err?.message.split("\n")).toHaveLength(1);
  });

  test("refused because sockscope itself is traced (a debugger, an outer strace -f): that is the reason given", () => {
    const err = explainStraceError(REFUSED, true, process.pid);
    expect(err?.exitCode).toBe(4);
    expect(err?.message).toMatch(
      new RegExp(`runs under a tracer \\(pid ${process.pid}, [^)]+\\).*only one tracer`),
    );
    expect(err?.message).not.toMatch(/run as root|ptrace_scope|SYS_PTRACE/);
  });
});
