// Linux x86_64 numbers for the constants the socket model reads, so that -X raw logs (which print
// `0x1, 0x4` instead of `SOL_SOCKET, SO_ERROR`) mean the same as the default ones.
// Sources: include/uapi/asm-generic/socket.h, include/uapi/linux/tcp.h, include/uapi/asm-generic/fcntl.h.
import type { Value } from "../parse/schema.js";
import { flagParts } from "./record.js";

const SOL_SOCKET_OPTIONS: Record<number, string> = {
  1: "SO_DEBUG",
  2: "SO_REUSEADDR",
  3: "SO_TYPE",
  4: "SO_ERROR",
  5: "SO_DONTROUTE",
  6: "SO_BROADCAST",
  7: "SO_SNDBUF",
  8: "SO_RCVBUF",
  9: "SO_KEEPALIVE",
  10: "SO_OOBINLINE",
  12: "SO_PRIORITY",
  13: "SO_LINGER",
  15: "SO_REUSEPORT",
  18: "SO_RCVLOWAT",
  19: "SO_SNDLOWAT",
  20: "SO_RCVTIMEO",
  21: "SO_SNDTIMEO",
};

const TCP_OPTIONS: Record<number, string> = {
  1: "TCP_NODELAY",
  2: "TCP_MAXSEG",
  3: "TCP_CORK",
  4: "TCP_KEEPIDLE",
  5: "TCP_KEEPINTVL",
  6: "TCP_KEEPCNT",
  9: "TCP_DEFER_ACCEPT",
  12: "TCP_QUICKACK",
  18: "TCP_USER_TIMEOUT",
  23: "TCP_FASTOPEN",
};

const FCNTL_COMMANDS: Record<number, string> = {
  0: "F_DUPFD",
  1: "F_GETFD",
  2: "F_SETFD",
  3: "F_GETFL",
  4: "F_SETFL",
  1030: "F_DUPFD_CLOEXEC",
};
const SHUTDOWN_HOW: Record<number, string> = { 0: "SHUT_RD", 1: "SHUT_WR", 2: "SHUT_RDWR" };

function numeric(v: Value | undefined): number | undefined {
  return v?.kind === "num" ? v.value : undefined;
}

/** A constant's name, from the name strace printed or from its number under -X raw. */
function named(v: Value | undefined, table: Record<number, string>): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "sym") return v.value;
  if (v.kind === "num") {
    const comment = v.comment?.trim();
    if (comment && /^[A-Z_][A-Z0-9_]*$/.test(comment)) return comment;
    return table[v.value];
  }
  return undefined;
}

/** setsockopt/getsockopt option name; SO_RCVTIMEO_OLD/_NEW are both SO_RCVTIMEO here. */
export function optionName(level: Value | undefined, option: Value | undefined): string | undefined {
  const levelName = named(level, { 1: "SOL_SOCKET", 6: "IPPROTO_TCP" });
  const table =
    levelName === "SOL_SOCKET"
      ? SOL_SOCKET_OPTIONS
      : levelName === "IPPROTO_TCP" || levelName === "SOL_TCP"
        ? TCP_OPTIONS
        : {};
  const name = named(option, table) ?? (option?.kind === "num" ? String(option.value) : undefined);
  return name?.replace(/_(OLD|NEW)$/, "");
}

export function fcntlCommand(v: Value | undefined): string | undefined {
  return named(v, FCNTL_COMMANDS);
}

export function shutdownHow(v: Value | undefined): string | undefined {
  return named(v, SHUTDOWN_HOW);
}

/** Whether a flags argument has `name` set, by name or (under -X raw) by its bit. */
export function hasFlag(v: Value | undefined, name: string, bit: number): boolean {
  if (flagParts(v).includes(name)) return true;
  const parts = v?.kind === "flags" ? v.value : v?.kind === "num" ? [v.text ?? String(v.value)] : [];
  for (const part of parts) {
    if (/^(0x[0-9a-f]+|\d+)$/i.test(part) && (Number(part) & bit) !== 0) return true;
  }
  return numeric(v) !== undefined && ((numeric(v) ?? 0) & bit) !== 0;
}

export const O_NONBLOCK = 0o4000;
export const O_CLOEXEC = 0o2000000;
export const FD_CLOEXEC = 1;
export const MSG_CMSG_CLOEXEC = 0x40000000;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
