// Which process's exit is the program's: under an attach to several processes (a master and the
// workers it forked earlier) the first line may be a worker's, so the root is the pid the CLI names.
import { describe, expect, test } from "vitest";
import { createEventPipeline } from "../../src/pipeline.js";

// A worker (201) accepts and exits with 5 before its master (200) shows anything; then the master exits.
const LOG = [
  "201  1700000000.000100 accept(3<TCP:[127.0.0.1:2000]>, NULL, NULL) = 4<TCP:[127.0.0.1:2000->127.0.0.1:40000]> <0.5>",
  "201  1700000000.000200 close(4<TCP:[127.0.0.1:2000->127.0.0.1:40000]>) = 0 <0.000010>",
  "201  1700000000.000300 exit_group(5) = ?",
  "201  1700000000.000400 +++ exited with 5 +++",
  "200  1700000000.000500 exit_group(0) = ?",
  "200  1700000000.000600 +++ exited with 0 +++",
  "",
].join("\n");

function facts(root?: number, upTo = LOG.length) {
  const pipeline = createEventPipeline(root === undefined ? {} : { root });
  pipeline.push(LOG.slice(0, upTo));
  pipeline.end();
  return pipeline.view.processes;
}

describe("the root process", () => {
  test("by default the first process seen, a worker here: its exit would be the program's", () => {
    const p = facts();
    expect(p.root).toBe(201);
    expect(p.rootExit).toEqual({ code: 5 });
  });

  test("named (attach's first pid): a worker's exit is not the program's, the master's is", () => {
    const beforeMaster = facts(200, LOG.indexOf("200 "));
    expect(beforeMaster.root).toBe(200);
    expect(beforeMaster.rootExit).toBeUndefined();
    const p = facts(200);
    expect(p.root).toBe(200);
    expect(p.rootExit).toEqual({ code: 0 });
  });
});
