// Turns a decoded sockaddr struct ({sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")},
// AF_INET6 with inet_pton(...), AF_UNIX sun_path / @abstract, AF_NETLINK nl_pid, …) into an Address.
// Handles -X raw / -X verbose too, where the family prints as a number (with a /* AF_INET */ comment).

import { FAMILY_NUMBERS } from "../core/constants.js";
import { symbolOf } from "../core/readers.js";
import type { Address, Value } from "../core/values.js";
import { inetAddress, netlinkAddress, unixAddress } from "./address.js";
import { stringBytes } from "./strings.js";

/** The integer inside `htons(8080)`, or a plain number. */
export function numberOf(v: Value | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "num") return v.value;
  if (v.kind === "call" && v.args.length === 1) return numberOf(v.args[0]);
  return undefined;
}

/** numberOf, when it is an integer an address can hold (not `htons(1.5)` or thirty digits). */
function integerOf(v: Value | undefined): number | undefined {
  const n = numberOf(v);
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/** A port: `htons(8080)`, or under -X raw/verbose the two network-order bytes `"\x1f\x90"`. */
function portOf(v: Value | undefined): number | undefined {
  if (v?.kind !== "str") return integerOf(v);
  const named = v.comment === undefined ? null : /htons\((\d{1,15})\)/.exec(v.comment);
  if (named) return Number(named[1]);
  const b = stringBytes(v);
  return b.length === 2 ? (b[0] ?? 0) * 256 + (b[1] ?? 0) : undefined;
}

/** The text address inside `inet_addr("127.0.0.1")` / `inet_pton(AF_INET6, "::1", …)`, or from raw bytes. */
function ipOf(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "call") {
    for (const a of v.args) if (a.kind === "str") return a.value;
    return undefined;
  }
  if (v.kind !== "str") return undefined;
  const named = v.comment === undefined ? null : /"([0-9a-fA-F.:]+)"/.exec(v.comment);
  if (named) return named[1];
  const b = stringBytes(v);
  if (b.length === 4) return Array.from(b).join(".");
  if (b.length === 16) return formatIpv6(b);
  return undefined;
}

/** RFC 5952 text form of 16 address bytes (longest run of zero groups shortened to ::). */
export function formatIpv6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i] ?? 0) * 256 + (b[i + 1] ?? 0));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return `::ffff:${Array.from(b.slice(12)).join(".")}`;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

function inet6Ip(fields: Record<string, Value>): string | undefined {
  const named = ipOf(fields.sin6_addr);
  if (named !== undefined) return named;
  for (const v of Object.values(fields)) {
    if (v.kind === "call" && v.fn === "inet_pton") return ipOf(v);
  }
  return undefined;
}

export function sockaddrOf(fields: Record<string, Value>): Address | undefined {
  const familyValue = fields.sa_family;
  if (familyValue === undefined) return undefined;
  const family = symbolOf(familyValue, FAMILY_NUMBERS) ?? "AF_UNSPEC";
  switch (family) {
    case "AF_INET": {
      const ip = ipOf(fields.sin_addr);
      return ip === undefined ? { family, text: family } : inetAddress(ip, portOf(fields.sin_port));
    }
    case "AF_INET6": {
      const ip = inet6Ip(fields);
      return ip === undefined ? { family, text: family } : inetAddress(ip, portOf(fields.sin6_port));
    }
    case "AF_UNIX": {
      const path = fields.sun_path;
      if (path?.kind === "str") return unixAddress(path.value, path.abstract === true);
      return unixAddress(undefined);
    }
    case "AF_NETLINK":
      return netlinkAddress(integerOf(fields.nl_pid));
    default:
      return { family, text: family };
  }
}
