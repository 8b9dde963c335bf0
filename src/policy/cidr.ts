// IPv4 and IPv6 addresses and CIDR ranges as bigints, to tell loopback and allowed networks from
// the rest. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are compared as the IPv4 they carry.

export interface Cidr {
  v6: boolean;
  base: bigint;
  bits: number;
  text: string;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(text: string): bigint | undefined {
  let head = text;
  let v4tail: bigint | undefined;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".") && lastColon >= 0) {
    v4tail = parseV4(text.slice(lastColon + 1));
    if (v4tail === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const left = halves[0] ? halves[0].split(":") : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  if (v4tail !== undefined) n = (n & ~0xffffffffn) | v4tail;
  return n;
}

/** An address as (v6, number), with IPv4-mapped IPv6 turned into IPv4. */
export function parseIp(text: string): { v6: boolean; n: bigint } | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return { v6: false, n: v4 };
  const v6 = parseV6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { v6: false, n: v6 & 0xffffffffn };
  return { v6: true, n: v6 };
}

export function parseCidr(text: string): Cidr | undefined {
  const [ip = "", bitsText] = text.split("/");
  const parsed = parseIp(ip);
  if (!parsed) return undefined;
  const width = parsed.v6 ? 128 : 32;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return undefined;
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(width - bits);
  return { v6: parsed.v6, base: parsed.n & mask, bits, text };
}

export function contains(cidr: Cidr, ip: { v6: boolean; n: bigint }): boolean {
  if (cidr.v6 !== ip.v6) return false;
  const width = cidr.v6 ? 128 : 32;
  const mask = cidr.bits === 0 ? 0n : ((1n << BigInt(cidr.bits)) - 1n) << BigInt(width - cidr.bits);
  return (ip.n & mask) === cidr.base;
}

/** Loopback (127.0.0.0/8, ::1 and its IPv4-mapped forms) and the unspecified addresses (0.0.0.0, ::: the local host). */
export const LOCAL = ["127.0.0.0/8", "::1/128", "0.0.0.0/32", "::/128"].map((c) => parseCidr(c) as Cidr);

/** An --allow entry by name: `github.com`, `github.com:443`, `*.npmjs.org:443` (any subdomain). */
export interface HostRule {
  host: string;
  port?: number;
  text: string;
}

/** What --allow accepts: networks (CIDR) and host names. */
export type AllowRule = Cidr | HostRule;

const HOST = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i;

/** A name rule from `name[:port]`; undefined when `text` is not one. */
export function parseHostRule(text: string): HostRule | undefined {
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(text);
  const host = m?.[1]?.toLowerCase().replace(/\.$/, "");
  if (host === undefined || !HOST.test(host)) return undefined;
  // A bare number or dotted quad is an address, not a name.
  if (/^[\d.]+$/.test(host)) return undefined;
  const port = m?.[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host, ...(port !== undefined ? { port } : {}), text };
}

/** Whether a name (and port) is allowed by a name rule: `*.x` matches every name under x, not x. */
export function matchesHost(rule: HostRule, host: string, port: number | undefined): boolean {
  if (rule.port !== undefined && rule.port !== port) return false;
  const name = host.toLowerCase().replace(/\.$/, "");
  if (rule.host.startsWith("*.")) return name.endsWith(rule.host.slice(1));
  return name === rule.host;
}
