// sockscope per-test attribution for vitest: add this file to `test.setupFiles` in your vitest
// config. Before each test it writes `sockscope:test=<test name>\n` to /dev/null, after it
// `sockscope:test=\n`; sockscope (run as `sockscope -- npx vitest run`) reads these writes from the
// trace and splits its report per test. Outside sockscope the writes cost a system call each and
// go nowhere. See README.md, "Per-test attribution".
import { openSync, writeSync } from "node:fs";
import { afterEach, beforeEach, expect } from "vitest";

const fd = openSync("/dev/null", "w");
/** One marker in one write (a name with a newline would end the marker early: it becomes a space). */
const mark = (name) => writeSync(fd, `sockscope:test=${name.replace(/[\r\n]+/g, " ")}\n`);

beforeEach(() => {
  mark(expect.getState().currentTestName ?? "");
});
afterEach(() => {
  mark("");
});
