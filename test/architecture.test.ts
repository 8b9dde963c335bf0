// The layering the design promises: shared layers (core/, grammar/, catalogue/, util/) import no
// stage; a stage imports shared layers and never another stage; only the composition roots
// (pipeline.ts, index.ts, cli/, session/) put stages together. Checked on the import statements of src/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { expect, test } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");
const SHARED = new Set(["core", "grammar", "catalogue", "util", "errors.ts"]);
/** The wire contract (events/): imported by the JSON sink, its reader (replay/), the schema command and the CLI only. */
const CONTRACT = "events";
const ROOTS = new Set(["pipeline.ts", "index.ts", "cli", "session"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The top-level part of src/ a file belongs to: a folder name, or a root file's name. */
function partOf(file: string): string {
  const rel = relative(SRC, file);
  const [head = rel] = rel.split("/");
  return head.replace(/\.js$/, ".ts");
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^"';]*?from\s+"([^"]+)"/g)) {
    const spec = m[1];
    if (spec?.startsWith(".")) out.push(resolve(join(file, ".."), spec));
  }
  for (const m of text.matchAll(/import\("([^"]+)"\)/g)) {
    const spec = m[1];
    if (spec?.startsWith(".")) out.push(resolve(join(file, ".."), spec));
  }
  return out;
}

test("stages import only shared layers; shared layers import no stage", () => {
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    const from = partOf(file);
    if (ROOTS.has(from)) continue;
    for (const target of importsOf(file)) {
      const to = partOf(target);
      if (to === from || SHARED.has(to)) continue;
      // replay/ is the JSON sink's inverse: it reads the contract back into internal events.
      if (to === CONTRACT && (from === "render" || from === "schema" || from === "replay")) continue;
      // lessons/ is data and pure functions of core events (it imports only shared layers): the
      // views tell a lesson's story around its trace.
      if (to === "lessons" && from === "render") continue;
      wrong.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
    }
  }
  expect(wrong).toEqual([]);
});

test("the shared layers depend only on each other, in order (core below grammar and catalogue)", () => {
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    const from = partOf(file);
    if (!SHARED.has(from)) continue;
    for (const target of importsOf(file)) {
      const to = partOf(target);
      if (to === from) continue;
      const allowed =
        to === "errors.ts" ||
        (from === "core" && to === "util") ||
        (from === "util" && to === "core") ||
        (from === "grammar" && (to === "core" || to === "util")) ||
        (from === "catalogue" && (to === "core" || to === "util"));
      if (!allowed) wrong.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
    }
  }
  expect(wrong).toEqual([]);
});

test("every list of syscall names comes from the syscall table", () => {
  // A hand-kept `new Set([... "sendto", "recvfrom" ...])` outside core/syscalls.ts is the smell the
  // table exists to remove: a set literal naming five or more known syscalls (a rule may name the
  // few calls it is about beside the table's classes).
  const known =
    /"(?:read|write|sendto|recvfrom|sendmsg|recvmsg|sendmmsg|recvmmsg|readv|writev|connect|accept4?|bind|listen|clone3?|fork|vfork|execve|poll|select|epoll_wait)"/g;
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    if (file.endsWith(join("core", "syscalls.ts")) || file.includes(`${join("catalogue", "entries")}`))
      continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/new Set\(\[([^\]]*)\]/g)) {
      if ((m[1]?.match(known) ?? []).length >= 5) wrong.push(`${relative(SRC, file)}: ${m[0].slice(0, 80)}`);
    }
  }
  expect(wrong).toEqual([]);
});
