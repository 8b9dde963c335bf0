// The catalogue as a whole: every entry valid and sourced, every network syscall, errno, option
// and flag the issue lists present, every kernel function it names really defined in the file it
// cites (fixtures/kernel/symbols.json, extracted from the Linux 6.1 and 6.12 sources), and the
// explain command answering every topic (the text `sockscope explain TOPIC` prints, made in process by
// the same formatter; the CLI itself in a few smoke tests), with did-you-mean for typos.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CATALOGUE, CATALOGUE_INPUT, withDefaults } from "../../src/catalogue/entries/index.js";
import { pathSet, pathSets } from "../../src/catalogue/kernel-paths.js";
import { OS_NOTES, osNote } from "../../src/catalogue/os/notes.js";
import { lookup, suggest } from "../../src/catalogue/registry.js";
import { type Entry, EntrySchema, OS_NAMES, PathSetSchema } from "../../src/catalogue/schema.js";
import { formatTopic } from "../../src/render/topic.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/logs.js";

const SYSCALLS = [
  "socket",
  "socketpair",
  "bind",
  "listen",
  "accept",
  "accept4",
  "connect",
  "getsockname",
  "getpeername",
  "send",
  "sendto",
  "recv",
  "recvfrom",
  "sendmsg",
  "recvmsg",
  "sendmmsg",
  "recvmmsg",
  "setsockopt",
  "getsockopt",
  "shutdown",
  "close",
  "read",
  "write",
  "readv",
  "writev",
  "sendfile",
  "poll",
  "select",
  "pselect6",
  "epoll_wait",
];
const ERRNOS = [
  "ECONNREFUSED",
  "EADDRINUSE",
  "EADDRNOTAVAIL",
  "EACCES",
  "EAGAIN",
  "EINPROGRESS",
  "EALREADY",
  "EISCONN",
  "ENOTCONN",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EMFILE",
  "ENFILE",
  "ENOBUFS",
  "EMSGSIZE",
  "EAFNOSUPPORT",
  "EPROTONOSUPPORT",
  "EINTR",
  "ENOTSOCK",
  "EBADF",
  "EINVAL",
  "ECONNABORTED",
  "EOPNOTSUPP",
  "ERESTARTSYS",
];
const OPTIONS = [
  "SO_REUSEADDR",
  "SO_REUSEPORT",
  "SO_KEEPALIVE",
  "SO_RCVBUF",
  "SO_SNDBUF",
  "SO_LINGER",
  "SO_ERROR",
  "SO_BROADCAST",
  "SO_RCVTIMEO",
  "SO_SNDTIMEO",
  "TCP_NODELAY",
  "TCP_CORK",
  "TCP_KEEPIDLE",
  "TCP_KEEPINTVL",
  "TCP_KEEPCNT",
  "TCP_FASTOPEN",
  "TCP_QUICKACK",
  "TCP_USER_TIMEOUT",
  "IPV6_V6ONLY",
  "IP_TTL",
  "SOCK_NONBLOCK",
  "SOCK_CLOEXEC",
  "MSG_NOSIGNAL",
  "MSG_DONTWAIT",
  "MSG_PEEK",
];

const symbols = JSON.parse(readFileSync(join(FIXTURES, "kernel", "symbols.json"), "utf8")) as {
  files: Record<string, Record<string, string[]>>;
};

describe("the catalogue", () => {
  test("every entry validates against its schema", () => {
    for (const entry of CATALOGUE) expect(EntrySchema.safeParse(entry).error).toBeUndefined();
  });

  test("as written, every entry validates, and its defaults are the schema's", () => {
    for (const input of CATALOGUE_INPUT) {
      const parsed = EntrySchema.safeParse(input);
      expect(parsed.error, input.name).toBeUndefined();
      expect(withDefaults(input), input.name).toEqual(parsed.data);
    }
  });

  test.each([
    { kind: "syscall", names: SYSCALLS },
    { kind: "errno", names: ERRNOS },
    { kind: "option", names: OPTIONS },
  ])("has every $kind the issue lists", ({ kind, names }) => {
    for (const name of names) expect(lookup(name)?.kind, name).toBe(kind);
  });

  test("at least 25 errnos and 20 options", () => {
    expect(CATALOGUE.filter((e) => e.kind === "errno").length).toBeGreaterThanOrEqual(25);
    expect(CATALOGUE.filter((e) => e.kind === "option").length).toBeGreaterThanOrEqual(20);
  });

  test.each(CATALOGUE.map((e) => ({ name: `${e.kind} ${e.name}`, entry: e })))(
    "$name is sourced and says how every OS does it",
    ({ entry }) => {
      expect(entry.sources.length).toBeGreaterThan(0);
      // Each system has its own note on every topic the catalogue has (its general note is for
      // topics added later, until someone writes theirs).
      for (const notes of Object.values(OS_NOTES))
        expect(notes.topics[entry.name]?.length).toBeGreaterThan(10);
      if (entry.kind === "syscall") {
        // It has kernel paths, and every file on them is among the entry's cited sources.
        const set = pathSet(entry.name);
        expect(set, entry.name).toBeDefined();
        const cited = new Set(entry.sources.flatMap((s) => ("repo" in s ? [s.path] : [])));
        for (const k of set?.paths.flatMap((p) => p.steps) ?? [])
          expect(cited, `${k.fn} in ${k.file}`).toContain(k.file);
      }
    },
  );

  test("every path set validates, names a syscall of the catalogue, and ends with a path for any call", () => {
    for (const set of pathSets()) {
      expect(PathSetSchema.safeParse(set).error, set.syscall).toBeUndefined();
      expect(lookup(set.syscall, "syscall")?.name, set.syscall).toBe(set.syscall);
      expect(set.paths.at(-1)?.when, set.syscall).toEqual({});
      const ids = set.paths.map((p) => p.id);
      expect(new Set(ids).size, set.syscall).toBe(ids.length);
    }
  });

  test("other systems: a note of their own, a fallback system's, or their general note", () => {
    expect(osNote("windows", "accept")).toBe(OS_NOTES.windows.topics.accept);
    expect(osNote("plan9", "no-such-topic")).toBe(OS_NOTES.plan9.general);
    // macOS falls back on FreeBSD's note before its own general one.
    expect(OS_NOTES.macos.fallback).toBe("freebsd");
    for (const notes of Object.values(OS_NOTES)) expect(notes.general.length).toBeGreaterThan(40);
  });

  test("every kernel function and symbol named is defined in the file cited, in Linux 6.1 or 6.12", () => {
    const missing: string[] = [];
    const check = (file: string, name: string) => {
      const versions = symbols.files[file]?.[name];
      if (versions === undefined || versions.length === 0) missing.push(`${file}: ${name}`);
    };
    for (const set of pathSets()) for (const k of set.paths.flatMap((p) => p.steps)) check(k.file, k.fn);
    for (const entry of CATALOGUE) {
      for (const s of entry.sources)
        if ("repo" in s && s.repo === "torvalds/linux") for (const sym of s.symbols ?? []) check(s.path, sym);
    }
    expect(missing).toEqual([]);
  });

  test("a step only one kernel has says which; a step marked for one kernel is in that kernel", () => {
    const wrong: string[] = [];
    for (const set of pathSets())
      for (const path of set.paths)
        for (const k of path.steps) {
          const versions = symbols.files[k.file]?.[k.fn] ?? [];
          const only = versions.length === 1 ? versions[0] : undefined;
          if (k.kernels !== only)
            wrong.push(
              `${set.syscall} ${path.id}: ${k.fn} (${k.file}) is in ${versions.join(" and ")}, marked ${k.kernels ?? "both"}`,
            );
        }
    expect(wrong).toEqual([]);
  });

  test("no path strings together steps of different kernels: each sequence runs on one of them", () => {
    const mixed = pathSets().flatMap((set) =>
      set.paths
        .filter((p) => p.steps.some((k) => k.kernels === "6.1") && p.steps.some((k) => k.kernels === "6.12"))
        .map(
          (p) =>
            `${set.syscall} ${p.id}: ${p.steps
              .filter((k) => k.kernels)
              .map((k) => `${k.fn} (${k.kernels})`)
              .join(", ")}`,
        ),
    );
    expect(mixed).toEqual([]);
  });

  test("the order the seed got wrong: socket() builds the socket first, the fd last", () => {
    for (const path of pathSet("socket")?.paths ?? []) {
      const fns = path.steps.map((k) => k.fn);
      if (fns.includes("sk_alloc"))
        expect(fns.indexOf("sk_alloc"), path.id).toBeLessThan(fns.indexOf("sock_map_fd"));
      if (path.when.result === undefined || path.when.result.includes("ok")) {
        expect(fns.at(-1), path.id).toBe("fd_install");
        expect(path.structures.join(" "), path.id).toMatch(/limit|no struct sock/);
      }
    }
  });

  test("did-you-mean", () => {
    expect(suggest("conect")).toContain("connect");
    expect(suggest("ECONREFUSED")).toContain("ECONNREFUSED");
    expect(suggest("so_reuseadr")).toContain("SO_REUSEADDR");
  });
});

/** The parts of an entry that `explain TOPIC` must show, each on a line of its own (or its title). */
function mustShow(entry: Entry): string[] {
  switch (entry.kind) {
    case "syscall":
      return [
        `${entry.name}(2)`,
        entry.summary,
        ...(pathSet(entry.name)?.paths.flatMap((p) => [p.title, ...p.structures, p.wire]) ?? []),
        entry.blocking,
        `non-blocking: ${entry.nonblocking}`,
        ...entry.pitfalls,
      ];
    case "errno":
      return [
        `${entry.name} (${entry.number}, "${entry.text}"): ${entry.meaning}`,
        ...entry.causes,
        ...entry.fixes,
      ];
    case "option":
      return [
        `${entry.name} (${entry.level}${entry.aliases?.length ? `; also: ${entry.aliases.join(", ")}` : ""}): ${entry.summary}`,
        entry.kernel,
        entry.default,
        ...entry.pitfalls,
      ];
    case "concept":
      return [
        `${entry.name} (concept${entry.aliases.length ? `; also: ${entry.aliases.join(", ")}` : ""}): ${entry.summary}`,
        ...entry.kernel,
        ...entry.settings,
        ...entry.pitfalls,
      ];
  }
}

describe("explain TOPIC, as text", () => {
  test.each([...SYSCALLS, ...ERRNOS, ...OPTIONS].map((topic) => ({ topic })))("$topic", ({ topic }) => {
    const entry = lookup(topic);
    if (entry === undefined) throw new Error(`no entry for ${topic}`);
    const text = formatTopic(entry, "linux");
    const lines = text.split("\n");
    // The title names the topic (an alias is listed after the entry's own name).
    expect(lines[0]?.toLowerCase()).toContain(topic.toLowerCase());
    for (const part of mustShow(entry)) expect(text, `${topic}: ${part.slice(0, 60)}`).toContain(part);
    if (entry.kind === "syscall") {
      // Each kernel path, in call order, one function per line with the file that defines it.
      const steps = pathSet(entry.name)?.paths.flatMap((p) => p.steps) ?? [];
      const shown = lines.filter((l) => steps.some((k) => l.trimStart().startsWith(`${k.fn} `)));
      expect(shown.map((l) => l.trim().split(/\s+/).slice(0, 2))).toEqual(steps.map((k) => [k.fn, k.file]));
      for (const k of steps) expect(text).toContain(k.does);
    }
    // Its sources are cited, and no other system is compared without --os.
    for (const man of "man" in entry ? entry.man : []) expect(text).toContain(man);
    expect(text).not.toMatch(/^On \w+:$/m);
  });

  test.each(OS_NAMES.filter((os) => os !== "linux").map((os) => ({ os })))(
    "--os $os adds that system's equivalent",
    ({ os }) => {
      const entry = lookup("accept");
      if (entry === undefined) throw new Error("no accept entry");
      const text = formatTopic(entry, os);
      expect(text).toContain(`\nOn ${os}:\n  ${osNote(os, entry.name)}\n`);
      for (const other of OS_NAMES) if (other !== os) expect(text).not.toContain(`On ${other}:`);
    },
  );
});

describe("sockscope explain (the CLI, in process)", () => {
  // In process (runCli); the built CLI's explain is in smoke.live.test.ts.
  const run = (args: string[]) => runCli(["explain", ...args]);
  const socket = lookup("socket", "syscall");
  if (socket === undefined) throw new Error("no socket entry");

  test("explain socket prints the entry as text", async () => {
    const r = await run(["socket"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(formatTopic(socket, "linux"));
  });

  test("explain --json socket prints the entry as JSON, with its kernel paths and every system's note", async () => {
    const r = await run(["--json", "socket"]);
    expect(r.code).toBe(0);
    const { paths, os, ...entry } = JSON.parse(r.stdout);
    const parsed = EntrySchema.safeParse(entry);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toEqual(socket);
    expect(paths).toEqual(pathSet("socket")?.paths);
    expect(os).toEqual(
      Object.fromEntries(Object.keys(OS_NOTES).map((o) => [o, osNote(o as "plan9", "socket")])),
    );
  });

  test("explain --os passes the system on", async () => {
    const accept = lookup("accept");
    if (accept === undefined) throw new Error("no accept entry");
    const r = await run(["--os", "windows", "accept"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(formatTopic(accept, "windows"));
  });

  test("an unknown topic exits 2 with suggestions", async () => {
    const r = await run(["conect"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean 'connect'/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
