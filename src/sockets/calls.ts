// What each successful (or telling) socket syscall does to the sockets it touches. Each handler
// gets the event and a small context (context.ts: fd lookup and install in the caller's table,
// state transitions, address updates) and changes the model; tracker.ts decides which handler runs.
// Data calls (bytes, EOF, datagram peers, SCM_RIGHTS) are in data.ts.
import type { SyscallEvent } from "../events/schema.js";
import { unixAddress } from "../parse/address.js";
import { ERRNO_NAMES } from "../parse/errno-names.js";
import { addressOf, fdOf, nameOf, optionText, soErrorOf } from "./args.js";
import {
  FD_CLOEXEC,
  fcntlCommand,
  hasFlag,
  O_CLOEXEC,
  O_NONBLOCK,
  optionName,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  shutdownHow,
} from "./constants.js";
import type { CallContext } from "./context.js";
import { familyOf, parseSocketType, type SocketRecord, STREAMS, transportOf } from "./record.js";

export function onSocket(e: SyscallEvent, ctx: CallContext): void {
  if (e.ret === null || e.ret < 0) return;
  const family = familyOf(e.args[0]);
  const { type, nonblocking, cloexec } = parseSocketType(e.args[1]);
  const protocol = nameOf(e.args[2]);
  const s = ctx.create({
    fd: e.ret,
    family,
    type,
    protocol,
    transport: transportOf(family, type, protocol),
    role: "peer",
    state: "created",
    nonblocking,
  });
  ctx.install(e.ret, s, cloexec);
}

export function onSocketpair(e: SyscallEvent, ctx: CallContext): void {
  if (e.ret !== 0) return;
  const pair = e.args[3];
  const fds = pair?.kind === "array" ? pair.items.map(fdOf) : [];
  const family = familyOf(e.args[0]);
  const { type, nonblocking, cloexec } = parseSocketType(e.args[1]);
  const made: SocketRecord[] = [];
  for (const fd of fds) {
    if (fd === undefined) continue;
    const s = ctx.create({
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
    ctx.install(fd, s, cloexec);
    made.push(s);
  }
  if (made[0] && made[1]) ctx.pair(made[0], made[1]);
}

export function onBind(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  if (e.ret !== 0) return;
  ctx.transition(s, "bind");
  s.unbound = false;
  const addr = addressOf(e.args[1]);
  if (addr) ctx.setLocal(s, addr);
  if (addr?.port === 0)
    ctx.step("ephemeral-port", "port 0: the kernel picks a free ephemeral port now, at bind time");
}

export function onListen(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  if (e.ret !== 0) return;
  if (s.unbound) {
    ctx.step(
      "implicit-bind-on-listen",
      "the socket was not bound: listen() bound it to the wildcard address and an ephemeral port",
    );
    s.autobound = true;
    s.unbound = false;
  }
  ctx.transition(s, "listen");
  s.role = "listener";
  s.accepted ??= 0;
}

export function settleConnect(s: SocketRecord, result: string, ctx: CallContext): void {
  if (result === "0" || result === "EISCONN") {
    if (s.state === "connecting") {
      ctx.transition(s, "connect");
      ctx.step(
        "connect-completed",
        "the connection the kernel was setting up in the background is established",
      );
    }
    return;
  }
  if (result === "EINPROGRESS" || result === "EALREADY" || result === "EAGAIN") return;
  s.failure = result === "ECONNREFUSED" ? "refused" : result === "ETIMEDOUT" ? "timed-out" : "failed";
  if (s.state === "connecting" || s.state === "created" || s.state === "bound") {
    ctx.transition(s, "connect-failed");
    ctx.step("connect-failed", `the connect failed: ${result}`);
  }
}

export function onConnect(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  const addr = addressOf(e.args[1]);
  if (s.state === "connecting" || e.errno === "EISCONN" || e.errno === "EALREADY") {
    settleConnect(s, e.errno ?? "0", ctx);
    return;
  }
  if (addr?.family === "AF_UNSPEC") {
    if (e.ret === 0) {
      ctx.transition(s, "connect-dissolve");
      delete s.remote;
    }
    return;
  }
  if (e.ret !== 0 && e.errno !== "EINPROGRESS") {
    if (e.errno !== undefined) settleConnect(s, e.errno, ctx);
    if (addr) ctx.setRemote(s, addr);
    s.role = "client";
    return;
  }
  if (s.unbound && s.transport !== "unix-stream" && s.transport !== "unix-dgram") {
    ctx.step(
      "autobind",
      "the socket was not bound: the kernel picked a local address and an ephemeral port for it",
    );
    s.autobound = true;
  }
  if (s.unbound && s.family === "AF_UNIX" && s.local === undefined) ctx.setLocal(s, unixAddress(undefined));
  s.unbound = false;
  if (addr) ctx.setRemote(s, addr);
  ctx.transition(s, e.errno === "EINPROGRESS" ? "connect-pending" : "connect");
  if (STREAMS.has(s.transport)) {
    s.role = "client";
    ctx.connected(s);
  }
}

export function onAccept(listener: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  if (e.ret === null || e.ret < 0) return;
  const flags = e.name === "accept4" ? e.args[3] : undefined;
  const s = ctx.create({
    fd: e.ret,
    family: listener.family,
    type: listener.type,
    protocol: listener.protocol,
    transport: listener.transport,
    role: "server",
    state: "created",
    nonblocking: hasFlag(flags, "SOCK_NONBLOCK", SOCK_NONBLOCK),
  });
  s.unbound = false;
  ctx.transition(s, "accepted");
  listener.accepted = (listener.accepted ?? 0) + 1;
  if (e.newSocket?.local) ctx.setLocal(s, e.newSocket.local);
  else if (listener.local) ctx.setLocal(s, listener.local);
  const peer = addressOf(e.args[1]) ?? e.newSocket?.remote;
  if (peer) ctx.setRemote(s, peer);
  if (e.newSocket?.inode !== undefined) s.inode = e.newSocket.inode;
  if (e.newSocket?.peerInode !== undefined) s.peerInode = e.newSocket.peerInode;
  ctx.install(e.ret, s, hasFlag(flags, "SOCK_CLOEXEC", SOCK_CLOEXEC));
  ctx.accepted(s);
}

export function onShutdown(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  if (e.ret !== 0) return;
  const how = shutdownHow(e.args[1]);
  ctx.transition(
    s,
    how === "SHUT_WR" ? "shutdown-write" : how === "SHUT_RD" ? "shutdown-read" : "shutdown-both",
  );
}

export function onSetsockopt(s: SocketRecord, e: SyscallEvent): void {
  if (e.ret !== 0) return;
  const option = optionName(e.args[1], e.args[2]);
  if (option === undefined) return;
  const value = optionText(e.args[3]);
  s.options[option] = value;
}

export function onGetsockopt(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  if (e.ret !== 0 || optionName(e.args[1], e.args[2]) !== "SO_ERROR" || s.state !== "connecting") return;
  const result = soErrorOf(e.args[3], ERRNO_NAMES);
  if (result !== undefined) settleConnect(s, result, ctx);
}

export function onNameQuery(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  if (e.ret !== 0) return;
  const addr = addressOf(e.args[1]);
  if (!addr) return;
  if (e.name === "getsockname") ctx.setLocal(s, addr);
  else ctx.setRemote(s, addr);
}

/** fcntl: F_SETFL O_NONBLOCK, F_SETFD FD_CLOEXEC, F_DUPFD(_CLOEXEC). */
export function onFcntl(s: SocketRecord, e: SyscallEvent, fd: number, ctx: CallContext): void {
  if (e.ret === null || e.ret < 0) return;
  const cmd = fcntlCommand(e.args[1]) ?? "";
  if (cmd === "F_SETFL") s.nonblocking = hasFlag(e.args[2], "O_NONBLOCK", O_NONBLOCK);
  else if (cmd === "F_SETFD") ctx.setCloexec(fd, hasFlag(e.args[2], "FD_CLOEXEC", FD_CLOEXEC));
  else if (cmd === "F_DUPFD" || cmd === "F_DUPFD_CLOEXEC") ctx.install(e.ret, s, cmd === "F_DUPFD_CLOEXEC");
}

/** dup/dup2/dup3: another fd for the same socket; the target fd, if open, is closed first. */
export function onDup(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  if (e.ret === null || e.ret < 0) return;
  const cloexec = e.name === "dup3" && hasFlag(e.args[2], "O_CLOEXEC", O_CLOEXEC);
  if (e.name !== "dup") {
    const target = fdOf(e.args[1]);
    if (target !== undefined && target === fdOf(e.args[0])) return;
  }
  ctx.install(e.ret, s, cloexec);
}
