// Builders for the Address shape shared by sockaddr arguments and -yy decorations.
import type { Address } from "../core/values.js";
import { visible } from "../util/visible.js";

export function inetAddress(ip: string, port: number | undefined): Address {
  const v6 = ip.includes(":");
  const family = v6 ? "AF_INET6" : "AF_INET";
  const host = v6 ? `[${ip}]` : ip;
  const addr: Address = { family, ip, text: port === undefined ? host : `${host}:${port}` };
  if (port !== undefined) addr.port = port;
  return addr;
}

export function unixAddress(path: string | undefined, abstract = false): Address {
  if (path === undefined || (path === "" && !abstract)) return { family: "AF_UNIX", text: "(unnamed)" };
  if (abstract) return { family: "AF_UNIX", path, abstract: true, text: `@${visible(path)}` };
  // `text` is for people: one line, control characters escaped; `path` keeps the bytes.
  return { family: "AF_UNIX", path, text: visible(path) };
}

export function netlinkAddress(pid: number | undefined, protocol?: string): Address {
  const addr: Address = { family: "AF_NETLINK", text: "" };
  if (protocol !== undefined) addr.netlinkProtocol = protocol;
  if (pid !== undefined) addr.netlinkPid = pid;
  addr.text = ["netlink", protocol, pid].filter((x) => x !== undefined).join(":");
  return addr;
}

/** Parses `127.0.0.1:80`, `[::1]:80`, `[::ffff:127.0.0.1]:80`, `*:80` as printed by strace -yy. */
export function parseHostPort(text: string): Address | undefined {
  let host: string;
  let portText: string;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0 || text[close + 1] !== ":") return undefined;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
  } else {
    const colon = text.lastIndexOf(":");
    if (colon < 0) return undefined;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
  }
  if (!/^\d{1,15}$/.test(portText) || host === "") return undefined;
  return inetAddress(host, Number(portText));
}
