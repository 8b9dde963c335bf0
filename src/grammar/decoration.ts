// Parses what strace -y / -yy prints in angle brackets after an fd: `TCP:[127.0.0.1:41808->127.0.0.1:5000]`,
// `UNIX-STREAM:[15921,"/tmp/s"]`, `NETLINK:[ROUTE:7779]`, `socket:[15892]`, `/dev/null<char 1:3>`, ….
// Forms checked against strace 6.1 (strace/strace src/socketutils.c, src/util.c printfd) and
// strace's tests (strace/strace tests/net-yy-*.c). The details are strace's cached view: evidence, not truth.

import { familyOfProtocol } from "../core/readers.js";
import type { Decoration } from "../core/values.js";
import { netlinkAddress, parseHostPort, unixAddress } from "./address.js";
import { scanString } from "./strings.js";

const NOT_SOCKETS = new Set(["pipe", "anon_inode", "net"]);

function parseUnix(d: Decoration, content: string): void {
  // inode | inode->peer | inode,"path" | inode->peer,"path" | inode,@"abstract"
  const comma = content.indexOf(",");
  const ids = comma < 0 ? content : content.slice(0, comma);
  const arrow = ids.indexOf("->");
  const inode = arrow < 0 ? ids : ids.slice(0, arrow);
  if (/^\d{1,15}$/.test(inode)) d.inode = Number(inode);
  if (arrow >= 0 && /^\d{1,15}$/.test(ids.slice(arrow + 2))) d.peerInode = Number(ids.slice(arrow + 2));
  if (comma >= 0) {
    let rest = content.slice(comma + 1);
    const abstract = rest.startsWith("@");
    if (abstract) rest = rest.slice(1);
    const str = rest.startsWith('"') ? scanString(rest, 0) : null;
    const path = str ? str.value : rest;
    // A listener or accepted socket shows the bound path: that is the local name for the first and
    // the peer-visible name the client connected to for the second; record it as local (evidence).
    d.local = unixAddress(path, abstract);
  }
}

function parseInet(d: Decoration, content: string): void {
  if (/^\d{1,15}$/.test(content)) {
    d.inode = Number(content);
    return;
  }
  const arrow = content.indexOf("->");
  const local = parseHostPort(arrow < 0 ? content : content.slice(0, arrow));
  if (local) d.local = local;
  if (arrow >= 0) {
    const remote = parseHostPort(content.slice(arrow + 2));
    if (remote) d.remote = remote;
  }
}

function parseNetlink(d: Decoration, content: string): void {
  if (/^\d{1,15}$/.test(content)) {
    d.inode = Number(content);
    return;
  }
  const m = /^([A-Z0-9_]+):(\d{1,15})(?!\d)/.exec(content);
  if (m) d.local = netlinkAddress(Number(m[2]), m[1]);
}

// The same few decorations repeat on every call on a socket: each text is parsed once and the
// result shared. Shared, so never changed: a caller that adds to one (`deleted`) copies it first.
const CACHE_LIMIT = 4096;
const cache = new Map<string, Decoration>();

/** Parses the text inside an fd's angle brackets; the result is shared and must not be modified. */
export function parseDecoration(text: string): Decoration {
  let d = cache.get(text);
  if (d === undefined) {
    d = decode(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, d);
  }
  return d;
}

function decode(text: string): Decoration {
  const d: Decoration = { text };
  const m = /^([A-Za-z][\w/-]*):\[(.*)\]$/s.exec(text);
  if (m && !NOT_SOCKETS.has(m[1] ?? "")) {
    const protocol = m[1] ?? "";
    const content = m[2] ?? "";
    d.protocol = protocol;
    const family = familyOfProtocol(protocol);
    if (family) d.family = family;
    if (protocol === "socket") {
      if (/^\d{1,15}$/.test(content)) d.inode = Number(content);
    } else if (family === "AF_UNIX") parseUnix(d, content);
    else if (family === "AF_NETLINK") parseNetlink(d, content);
    else if (family === "AF_INET" || family === "AF_INET6") parseInet(d, content);
    else if (/^\d{1,15}$/.test(content)) d.inode = Number(content);
    return d;
  }
  // A file, pipe or anon inode; devices carry a nested detail: `/dev/null<char 1:3>`.
  const lt = text.indexOf("<");
  if (lt > 0 && text.endsWith(">")) {
    d.path = text.slice(0, lt);
    d.detail = text.slice(lt + 1, -1);
  } else d.path = text;
  return d;
}
