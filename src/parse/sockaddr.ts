// Turns a decoded sockaddr struct ({sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")},
// AF_INET6 with inet_pton(...), AF_UNIX sun_path / @abstract, AF_NETLINK nl_pid, …) into an Address.
// Handles -X raw / -X verbose too, where the family prints as a number (with a /* AF_INET */ comment).
import { inetAddress, netlinkAddress, unixAddress } from "./address.js";
import type { Address, Value } from "./schema.js";

// Linux address family numbers (include/linux/socket.h) for the families sockscope names.
const FAMILY_BY_NUMBER: Record<number, string> = {
  0: "AF_UNSPEC",
  1: "AF_UNIX",
  2: "AF_INET",
  10: "AF_INET6",
  16: "AF_NETLINK",
  17: "AF_PACKET",
  40: "AF_VSOCK",
};

/** A symbolic name from a value that is either a constant, or a number with its name in a comment. */
export function symbolOf(v: Value | undefined, byNumber?: Record<number, string>): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "sym") return v.value;
  if (v.kind === "flags") return v.value.join("|");
  if (v.kind === "num") {
    const fromComment = v.comment?.trim();
    if (fromComment && /^[A-Z_][A-Z0-9_|]*$/.test(fromComment)) return fromComment;
    return byNumber?.[v.value] ?? String(v.value);
  }
  return undefined;
}

/** The integer inside `htons(8080)`, or a plain number. */
export function numberOf(v: Value | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "num") return v.value;
  if (v.kind === "call" && v.args.length === 1) return numberOf(v.args[0]);
  return undefined;
}

/** The string inside `inet_addr("127.0.0.1")`, or a plain string. */
function stringOf(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "str") return v.value;
  if (v.kind === "call") {
    for (const a of v.args) if (a.kind === "str") return a.value;
  }
  return undefined;
}

function inet6Ip(fields: Record<string, Value>): string | undefined {
  const named = stringOf(fields.sin6_addr);
  if (named !== undefined) return named;
  for (const v of Object.values(fields)) {
    if (v.kind === "call" && v.fn === "inet_pton") return stringOf(v);
  }
  return undefined;
}

export function sockaddrOf(fields: Record<string, Value>): Address | undefined {
  const familyValue = fields.sa_family;
  if (familyValue === undefined) return undefined;
  const family = symbolOf(familyValue, FAMILY_BY_NUMBER) ?? "AF_UNSPEC";
  switch (family) {
    case "AF_INET": {
      const ip = stringOf(fields.sin_addr);
      return ip === undefined ? { family, text: family } : inetAddress(ip, numberOf(fields.sin_port));
    }
    case "AF_INET6": {
      const ip = inet6Ip(fields);
      return ip === undefined ? { family, text: family } : inetAddress(ip, numberOf(fields.sin6_port));
    }
    case "AF_UNIX": {
      const path = fields.sun_path;
      if (path?.kind === "str") return unixAddress(path.value, path.abstract === true);
      return unixAddress(undefined);
    }
    case "AF_NETLINK":
      return netlinkAddress(numberOf(fields.nl_pid));
    default:
      return { family, text: family };
  }
}
