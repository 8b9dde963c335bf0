// What each successful (or telling) socket syscall does to the sockets it touches. Each handler
// gets the call and a small scope (context.ts: fd lookup and install in the caller's table, state
// transitions, address updates) and changes the model; model.ts decides which handler runs. Data
// calls (bytes, EOF, datagram peers, SCM_RIGHTS) are in data.ts.
import {
  FD_CLOEXEC,
  IOCTL_REQUESTS,
  O_CLOEXEC,
  O_NONBLOCK,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
} from "../core/constants.js";
import type { StitchedCall } from "../core/events.js";
import { isFdNumber } from "../core/fd-number.js";
import {
  addressOf,
  after,
  familyOf,
  fcntlCommand,
  fdOf,
  hasFlag,
  nameOf,
  optionName,
  optionText,
  parseSocketType,
  shutdownHow,
  soErrorOf,
  transportOf,
} from "../core/readers.js";
import type { Value } from "../core/values.js";
import { STREAM_TRANSPORTS } from "../core/vocabulary.js";
import { unixAddress } from "../grammar/address.js";
import { ERRNO_NAMES } from "../grammar/errno-names.js";
import { timevalOf, timevalText } from "../grammar/timeval.js";
import type { CallScope } from "./context.js";
import type { SocketRecord } from "./record.js";

export function onSocket(e: StitchedCall, scope: CallScope): SocketRecord | undefined {
  if (e.ret === null || !isFdNumber(e.ret)) return undefined;
  const family = familyOf(e.args[0]);
  const { type, nonblocking, cloexec } = parseSocketType(e.args[1]);
  const protocol = nameOf(e.args[2]);
  const s = scope.create({
    fd: e.ret,
    family,
    type,
    protocol,
    transport: transportOf(family, type, protocol),
    role: "peer",
    state: "created",
    nonblocking,
  });
  scope.install(e.ret, s, cloexec);
  return s;
}

export function onSocketpair(e: StitchedCall, scope: CallScope): SocketRecord[] {
  if (e.ret !== 0) return [];
  const pair = after(e.args[3]);
  const fds = pair?.kind === "array" ? pair.items.map(fdOf) : [];
  const family = familyOf(e.args[0]);
  const { type, nonblocking, cloexec } = parseSocketType(e.args[1]);
  const made: SocketRecord[] = [];
  for (const fd of fds) {
    if (fd === undefined) continue;
    const s = scope.create({
      fd,
      family,
      type,
      transport: transportOf(family, type, undefined),
      role: "peer",
      state: "connected",
      nonblocking,
    });
    s.unbound = false;
    if (family === "AF_UNIX") {
      s.local = unixAddress(undefined);
      s.remote = unixAddress(undefined);
    }
    scope.install(fd, s, cloexec);
    made.push(s);
  }
  if (made[0] && made[1]) scope.pair(made[0], made[1]);
  return made;
}

export function onBind(s: SocketRecord, e: StitchedCall, scope: CallScope): void {
  if (e.ret !== 0) return;
  scope.transition(s, "bind");
  s.unbound = false;
  const addr = addressOf(e.args[1]);
  if (addr) scope.setLocal(s, addr);
  if (addr?.port === 0)
    scope.step("ephemeral-port", "port 0: the kernel picks a free ephemeral port now, at bind time");
}

export function onListen(s: SocketRecord, e: StitchedCall, scope: CallScope): void {
  if (e.ret !== 0) return;
  if (s.unbound) {
    scope.step(
      "implicit-bind-on-listen",
      "the socket was not bound: listen() bound it to the wildcard address and an ephemeral port",
    );
    s.autobound = true;
    s.unbound = false;
  }
  scope.transition(s, "listen");
  s.role = "listener";
  s.accepted ??= 0;
}

export function settleConnect(s: SocketRecord, result: string, scope: CallScope, injected = false): void {
  if (result === "0" || result === "EISCONN") {
    if (s.state === "connecting") {
      scope.transition(s, "connect");
      scope.step(
        "connect-completed",
        "the connection the kernel was setting up in the background is established",
      );
    }
    return;
  }
  if (result === "EINPROGRESS" || result === "EALREADY" || result === "EAGAIN") return;
  s.failure = result === "ECONNREFUSED" ? "refused" : result === "ETIMEDOUT" ? "timed-out" : "failed";
  if (s.state === "connecting" || s.state === "created" || s.state === "bound") {
    scope.transition(s, "connect-failed");
    // --inject: the program is told the connect failed, but the kernel did nothing of it.
    scope.step(
      "connect-failed",
      injected
        ? `the connect failed: ${result}, injected by strace (no packet was sent)`
        : `the connect failed: ${result}`,
    );
  }
}

export function onConnect(s: SocketRecord, e: StitchedCall, scope: CallScope): void {
  const addr = addressOf(e.args[1]);
  if (s.state === "connecting" || e.errno === "EISCONN" || e.errno === "EALREADY") {
    settleConnect(s, e.errno ?? "0", scope);
    return;
  }
  if (addr?.family === "AF_UNSPEC") {
    if (e.ret === 0) {
      scope.transition(s, "connect-dissolve");
      delete s.remote;
    }
    return;
  }
  if (e.ret !== 0 && e.errno !== "EINPROGRESS") {
    if (e.errno !== undefined) settleConnect(s, e.errno, scope, e.injected === true);
    if (addr) scope.setRemote(s, addr);
    s.role = "client";
    return;
  }
  if (s.unbound && s.transport !== "unix-stream" && s.transport !== "unix-dgram") {
    scope.step(
      "autobind",
      "the socket was not bound: the kernel picked a local address and an ephemeral port for it",
    );
    s.autobound = true;
  }
  if (s.unbound && s.family === "AF_UNIX" && s.local === undefined) scope.setLocal(s, unixAddress(undefined));
  s.unbound = false;
  if (addr) scope.setRemote(s, addr);
  scope.transition(s, e.errno === "EINPROGRESS" ? "connect-pending" : "connect");
  if (STREAM_TRANSPORTS.has(s.transport)) {
    s.role = "client";
    scope.connected(s);
  }
}

export function onAccept(
  listener: SocketRecord,
  e: StitchedCall,
  scope: CallScope,
): SocketRecord | undefined {
  if (e.ret === null || e.ret < 0) return undefined;
  const flags = e.name === "accept4" ? e.args[3] : undefined;
  const s = scope.create({
    fd: e.ret,
    family: listener.family,
    type: listener.type,
    protocol: listener.protocol,
    transport: listener.transport,
    role: "server",
    state: "created",
    nonblocking: hasFlag(flags, "SOCK_NONBLOCK", SOCK_NONBLOCK),
  });
  // O_NONBLOCK is a flag of the file, not inherited (accept4's SOCK_NONBLOCK sets it); the timeouts
  // are fields of struct sock, which sk_clone_lock copies from the listener (sock_copy).
  if (listener.rcvtimeo === undefined) delete s.rcvtimeo;
  else s.rcvtimeo = listener.rcvtimeo;
  if (listener.sndtimeo === undefined) delete s.sndtimeo;
  else s.sndtimeo = listener.sndtimeo;
  s.unbound = false;
  scope.transition(s, "accepted");
  listener.accepted = (listener.accepted ?? 0) + 1;
  const d = e.retDecoration;
  if (d?.local) scope.setLocal(s, d.local);
  else if (listener.local) scope.setLocal(s, listener.local);
  const peer = addressOf(e.args[1]) ?? d?.remote;
  if (peer) scope.setRemote(s, peer);
  if (d?.inode !== undefined) s.inode = d.inode;
  if (d?.peerInode !== undefined) s.peerInode = d.peerInode;
  scope.install(e.ret, s, hasFlag(flags, "SOCK_CLOEXEC", SOCK_CLOEXEC));
  scope.accepted(s);
  return s;
}

export function onShutdown(s: SocketRecord, e: StitchedCall, scope: CallScope): void {
  if (e.ret !== 0) return;
  const how = shutdownHow(e.args[1]);
  scope.transition(
    s,
    how === "SHUT_WR" ? "shutdown-write" : how === "SHUT_RD" ? "shutdown-read" : "shutdown-both",
  );
}

/**
 * A struct timeval as strace prints it ({tv_sec=1, tv_usec=0}): whether it sets a timeout. The kernel
 * (sock_set_timeout, net/core/sock.c) reads {0, 0} as "no timeout" and a negative tv_sec as a
 * timeout of 0 (the call returns EAGAIN at once): both of the latter are a timeout for EAGAIN.
 */
function timeoutOf(v: Value | undefined): string | null | undefined {
  const t = timevalOf(v);
  if (t === undefined) return undefined;
  return t.sec !== 0 || t.usec !== 0 ? timevalText(t) : null;
}

export function onSetsockopt(s: SocketRecord, e: StitchedCall): void {
  if (e.ret !== 0) return;
  const option = optionName(e.args[1], e.args[2]);
  if (option === undefined) return;
  s.options[option] = optionText(e.args[3]);
  if (option === "SO_RCVTIMEO" || option === "SO_SNDTIMEO") {
    const value = timeoutOf(e.args[3]);
    const key = option === "SO_RCVTIMEO" ? "rcvtimeo" : "sndtimeo";
    if (value === undefined) delete s[key];
    else s[key] = value;
  }
}

export function onGetsockopt(s: SocketRecord, e: StitchedCall, scope: CallScope): void {
  if (e.ret !== 0 || optionName(e.args[1], e.args[2]) !== "SO_ERROR" || s.state !== "connecting") return;
  const result = soErrorOf(e.args[3], ERRNO_NAMES);
  if (result !== undefined) settleConnect(s, result, scope);
}

export function onNameQuery(s: SocketRecord, e: StitchedCall, scope: CallScope): void {
  if (e.ret !== 0) return;
  const addr = addressOf(e.args[1]);
  if (!addr) return;
  if (e.name === "getsockname") scope.setLocal(s, addr);
  else scope.setRemote(s, addr);
}

/** fcntl: F_SETFL O_NONBLOCK, F_SETFD FD_CLOEXEC, F_DUPFD(_CLOEXEC). */
export function onFcntl(s: SocketRecord, e: StitchedCall, fd: number, scope: CallScope): void {
  if (e.ret === null || !isFdNumber(e.ret)) return;
  const cmd = fcntlCommand(e.args[1]) ?? "";
  if (cmd === "F_SETFL") {
    s.nonblocking = hasFlag(e.args[2], "O_NONBLOCK", O_NONBLOCK);
    s.nonblockingKnown = true;
  } else if (cmd === "F_GETFL") {
    // The file status flags it returned (`= 0x802 (flags O_RDWR|O_NONBLOCK)`).
    s.nonblocking = (e.ret & O_NONBLOCK) !== 0;
    s.nonblockingKnown = true;
  } else if (cmd === "F_SETFD") scope.setCloexec(fd, hasFlag(e.args[2], "FD_CLOEXEC", FD_CLOEXEC));
  else if (cmd === "F_DUPFD" || cmd === "F_DUPFD_CLOEXEC")
    scope.install(e.ret, s, cmd === "F_DUPFD_CLOEXEC", scope.madeBy(fd) ?? e);
}

/** What an ioctl request is, by name or (under -X raw) by number. */
function ioctlRequest(v: Value | undefined): string | undefined {
  if (v?.kind === "sym") return v.value;
  if (v?.kind === "num") return v.comment?.trim() || IOCTL_REQUESTS[v.value];
  return undefined;
}

/**
 * ioctl(fd, FIONBIO, [1]): the same switch to non-blocking mode as F_SETFL O_NONBLOCK;
 * FIOCLEX/FIONCLEX set and clear close-on-exec, as F_SETFD does (Python's os.set_inheritable).
 */
export function onIoctl(s: SocketRecord, e: StitchedCall, fd: number, scope: CallScope): void {
  if (e.ret !== 0) return;
  const request = ioctlRequest(e.args[1]);
  if (request === "FIOCLEX" || request === "FIONCLEX") {
    scope.setCloexec(fd, request === "FIOCLEX");
    return;
  }
  if (request !== "FIONBIO") return;
  const arg = after(e.args[2]);
  const value = arg?.kind === "array" ? arg.items[0] : arg;
  if (value?.kind === "num") {
    s.nonblocking = value.value !== 0;
    s.nonblockingKnown = true;
  }
}

/** dup/dup2/dup3: another fd for the same socket; the target fd, if open, is closed first. */
export function onDup(s: SocketRecord, e: StitchedCall, scope: CallScope): void {
  if (e.ret === null || !isFdNumber(e.ret)) return;
  const cloexec = e.name === "dup3" && hasFlag(e.args[2], "O_CLOEXEC", O_CLOEXEC);
  const source = fdOf(e.args[0]);
  if (e.name !== "dup") {
    const target = fdOf(e.args[1]);
    if (target !== undefined && target === source) return;
  }
  // The new fd comes from the same place as the one it copies; dup2/dup3 close what it held.
  scope.install(
    e.ret,
    s,
    cloexec,
    (source === undefined ? undefined : scope.madeBy(source)) ?? e,
    e.name !== "dup",
  );
}
