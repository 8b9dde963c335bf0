// The topics of issue 14: concepts (ping sockets, IPv4-mapped addresses, netlink requests and
// dumps) found by their aliases and printed whole, options found by their other spellings (what
// strace prints), ioctl requests told apart from socket options, the errnos whose first fix must
// be right for every cause, and Windows' accept() inheriting the listener's non-blocking mode.
import { describe, expect, test } from "vitest";
import { OS_NOTES, osNote } from "../../src/catalogue/os/notes.js";
import { lookup, suggest } from "../../src/catalogue/registry.js";
import { EntrySchema } from "../../src/catalogue/schema.js";
import { formatTopic } from "../../src/render/topic.js";
import { runCli } from "../helpers/cli.js";

const NEW_OPTIONS = [
  "TCP_MAXSEG",
  "IP_MTU_DISCOVER",
  "SO_PASSCRED",
  "SO_TIMESTAMP",
  "IP_BIND_ADDRESS_NO_PORT",
  "IP_LOCAL_PORT_RANGE",
  "NETLINK_ADD_MEMBERSHIP",
  "NETLINK_PKTINFO",
  "NETLINK_EXT_ACK",
  "NETLINK_GET_STRICT_CHK",
  "NETLINK_CAP_ACK",
  "NETLINK_NO_ENOBUFS",
];
const IOCTLS = ["FIONBIO", "FIONREAD", "SIOCOUTQ", "FIOCLEX"];
const CONCEPTS = ["ping sockets", "IPv4-mapped addresses", "netlink requests and dumps"];

describe("new options and ioctl requests", () => {
  test.each([...NEW_OPTIONS, ...IOCTLS].map((name) => ({ name })))("$name", ({ name }) => {
    const entry = lookup(name, "option");
    expect(entry?.name).toBe(name);
    if (entry?.kind !== "option") throw new Error(name);
    const text = formatTopic(entry, "linux");
    expect(text.split("\n")[0]).toContain(`${name} (${entry.level}`);
    for (const part of [entry.summary, entry.kernel, entry.default, ...entry.pitfalls])
      expect(text).toContain(part);
    // Every one says which kernel file and function handles it.
    expect(entry.sources.some((s) => "repo" in s && (s.symbols?.length ?? 0) > 0)).toBe(true);
  });

  test("ioctl requests say they are not a socket option level", () => {
    for (const name of IOCTLS) {
      const entry = lookup(name);
      expect(entry?.kind === "option" && entry.level, name).toBe("ioctl request, not a socket option level");
    }
  });

  test.each([
    ["SO_TIMESTAMP_OLD", "SO_TIMESTAMP"],
    ["so_timestamp_new", "SO_TIMESTAMP"],
    ["NETLINK_DROP_MEMBERSHIP", "NETLINK_ADD_MEMBERSHIP"],
    ["SIOCINQ", "FIONREAD"],
    ["TIOCOUTQ", "SIOCOUTQ"],
    ["FIONCLEX", "FIOCLEX"],
  ])("%s is found as %s, by the option lookup the annotator uses too", (alias, name) => {
    expect(lookup(alias, "option")?.name).toBe(name);
    const entry = lookup(alias);
    if (entry === undefined) throw new Error(alias);
    // The title lists the other spellings after the entry's own name.
    expect(formatTopic(entry, "linux").split("\n")[0]?.toLowerCase()).toContain(alias.toLowerCase());
  });

  test("IP_LOCAL_PORT_RANGE says it is new in 6.3; TCP_MAXSEG gives its range", () => {
    const range = lookup("IP_LOCAL_PORT_RANGE");
    expect(range?.kind === "option" && `${range.summary} ${range.default}`).toMatch(/6\.3/);
    const maxseg = lookup("TCP_MAXSEG");
    expect(maxseg?.kind === "option" && maxseg.kernel).toMatch(/88.*32767/);
  });
});

describe("concepts", () => {
  test.each([
    ["ping", "ping sockets"],
    ["ping sockets", "ping sockets"],
    ["ICMP socket", "ping sockets"],
    ["ping-sockets", "ping sockets"],
    ["ping_group_range", "ping sockets"],
    ["mapped", "IPv4-mapped addresses"],
    ["ipv4-mapped addresses", "IPv4-mapped addresses"],
    ["::ffff", "IPv4-mapped addresses"],
    ["netlink-dump", "netlink requests and dumps"],
    ["netlink", "netlink requests and dumps"],
    ["NLMSG_DONE", "netlink requests and dumps"],
  ])("explain %s finds %s", (topic, name) => {
    const entry = lookup(topic);
    expect(entry?.kind).toBe("concept");
    expect(entry?.name).toBe(name);
  });

  test.each(CONCEPTS.map((name) => ({ name })))(
    "$name prints whole, with sources and every system's note",
    ({ name }) => {
      const entry = lookup(name, "concept");
      if (entry?.kind !== "concept") throw new Error(name);
      expect(EntrySchema.safeParse(entry).error).toBeUndefined();
      const text = formatTopic(entry, "linux");
      expect(text.startsWith(`${name} (concept; also: `)).toBe(true);
      for (const part of [entry.summary, ...entry.kernel, ...entry.settings, ...entry.pitfalls])
        expect(text).toContain(part);
      for (const man of entry.man) expect(text).toContain(man);
      for (const topic of entry.related) expect(lookup(topic), topic).toBeDefined();
      for (const os of Object.keys(OS_NOTES) as (keyof typeof OS_NOTES)[]) {
        expect(OS_NOTES[os].topics[name]?.length, `${os}: ${name}`).toBeGreaterThan(10);
        expect(formatTopic(entry, os)).toContain(`\nOn ${os}:\n  ${osNote(os, name)}\n`);
      }
    },
  );

  test("ping sockets: EACCES from ping_group_range, EPERM for raw sockets", () => {
    const entry = lookup("ping");
    const text = entry && formatTopic(entry, "linux");
    expect(text).toMatch(/ping_init_sock/);
    expect(text).toMatch(/"1 0"/);
    expect(text).toMatch(/EACCES/);
    expect(text).toMatch(/CAP_NET_RAW[^.]*EPERM|EPERM[^.]*CAP_NET_RAW/);
  });

  test("a near miss suggests the concept", () => {
    expect(suggest("netlnk")).toContain("netlink requests and dumps");
  });

  test("explain --json prints a concept as JSON, with every system's note", async () => {
    const r = await runCli(["explain", "--json", "mapped"]);
    expect(r.code).toBe(0);
    const { os, ...entry } = JSON.parse(r.stdout);
    expect(entry).toEqual(lookup("IPv4-mapped addresses"));
    expect(Object.keys(os).sort()).toEqual(Object.keys(OS_NOTES).sort());
  });
});

describe("errnos", () => {
  test("EACCES: its first fix (the annotator's 'Try:') is right for a ping socket and a low port alike", () => {
    const entry = lookup("EACCES", "errno");
    if (entry?.kind !== "errno") throw new Error("EACCES");
    expect(entry.fixes[0]).not.toMatch(/CAP_NET_BIND_SERVICE|setcap/);
    expect(entry.meaning).toMatch(/ping_group_range/);
    expect(entry.meaning).toMatch(/CAP_NET_RAW[^.]*EPERM/);
    // The capability fix is tied to bind(), never offered for a ping socket.
    for (const fix of entry.fixes.filter((f) => /CAP_NET_BIND_SERVICE/.test(f)))
      expect(fix).toMatch(/^bind\(\)/);
  });

  test("EPERM names CAP_NET_RAW and netlink's CAP_NET_ADMIN", () => {
    const entry = lookup("EPERM", "errno");
    expect(entry?.kind === "errno" && entry.meaning).toMatch(/CAP_NET_RAW/);
    expect(entry?.kind === "errno" && entry.meaning).toMatch(/netlink[^.]*CAP_NET_ADMIN/);
  });

  test("ECONNABORTED says the accept path and AF_UNIX do not return it", () => {
    const entry = lookup("ECONNABORTED", "errno");
    const meaning = entry?.kind === "errno" ? entry.meaning : "";
    expect(meaning).toMatch(/inet_csk_accept/);
    expect(meaning).toMatch(/AF_UNIX never returns it/);
    expect(meaning).toMatch(/dropped/);
  });
});

test("Windows: accept() gives a socket with the listener's non-blocking mode, unlike Linux", () => {
  const note = osNote("windows", "accept");
  expect(note).toMatch(/non-blocking mode included/);
  expect(note).toMatch(/accept4\(…, SOCK_NONBLOCK\)/);
});
