// What each successful (or telling) syscall does to the sockets it touches. Each handler gets the
// event and a small context (fd lookup and install in the caller's table, state transitions,
// address updates) and changes the model; tracker.ts decides which handler runs.
import type { SocketRef, SyscallEvent } from "../events/schema.js";
import { unixAddress } from "../parse/address.js";
import { ERRNO_NAMES } from "../parse/errno-names.js";
import type { Address } from "../parse/schema.js";
import { socketRefOf } from "../stitch/touch.js";
import {
  addressOf,
  fdOf,
  mmsgBytes,
  msgNameAddress,
  nameOf,
  optionText,
  scmRightsFds,
  soErrorOf,
} from "./args.js";
import {
  FD_CLOEXEC,
  fcntlCommand,
  hasFlag,
  MSG_CMSG_CLOEXEC,
  O_CLOEXEC,
  O_NONBLOCK,
  optionName,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  shutdownHow,
} from "./constants.js";
import type { SocketAction } from "./lifecycle.js";
import {
  familyOf,
  flagParts,
  type NewSocket,
  parseSocketType,
  type SocketRecord,
  transportOf,
} from "./record.js";
import type { KernelStep } from "./schema.js";

export interface CallContext {
  /** The socket behind `fd` in the calling process's table (created on first sight from -yy). */
  lookup(fd: number | undefined): SocketRecord | undefined;
  /** A socket the model already knows that a -yy decoration describes. */
  find(d: SocketRef | undefined): SocketRecord | undefined;
  create(spec: Omit<NewSocket, "pid" | "at">): SocketRecord;
  install(fd: number, socket: SocketRecord, cloexec: boolean): void;
  remove(fd: number): void;
  setCloexec(fd: number, cloexec: boolean): void;
  isCloexec(fd: number): boolean;
  transition(socket: SocketRecord, action: SocketAction): void;
  setLocal(socket: SocketRecord, address: Address): void;
  setRemote(socket: SocketRecord, address: Address): void;
  pair(a: SocketRecord, b: SocketRecord): void;
  /** A stream client's connect went through or is under way: find its server end. */
  connected(client: SocketRecord): void;
  /** accept() made `server`: find its client end. */
  accepted(server: SocketRecord): void;
  step(kind: KernelStep["kind"], text: string): void;
  /** SCM_RIGHTS: fds in flight from `from` to the receiving end. */
  sendFds(from: SocketRecord, sockets: Array<SocketRecord | undefined>): void;
  receiveFds(at: SocketRecord): Array<SocketRecord | undefined>;
  /** A recvmsg installed `s` before strace showed the sendmsg that carried it. */
  arrivedEarly(s: SocketRecord): void;
  /** The message's own references go once the receiver holds the fds. */
  dropInflight(sockets: Array<SocketRecord | undefined>): void;
}

const OUT = new Set(["write", "writev", "pwritev", "pwritev2", "send", "sendto", "sendmsg"]);
const IN = new Set(["read", "readv", "preadv", "preadv2", "recv", "recvfrom", "recvmsg"]);
const STREAMS = new Set(["tcp", "unix-stream", "unix-seqpacket", "sctp"]);
const TIMEOUTS = new Set(["EAGAIN", "EWOULDBLOCK"]);

function noteError(s: SocketRecord, e: SyscallEvent): void {
  if (e.errno === undefined) return;
  s.errors[e.errno] = (s.errors[e.errno] ?? 0) + 1;
  if (e.errno === "ECONNRESET") s.failure = "reset";
  else if (e.errno === "ETIMEDOUT") s.failure = "timed-out";
  else if (TIMEOUTS.has(e.errno) && !s.nonblocking && IN.has(e.name)) s.timedOut = true;
}

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

function settleConnect(s: SocketRecord, result: string, ctx: CallContext): void {
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

export function onData(s: SocketRecord, e: SyscallEvent, ctx: CallContext): void {
  noteError(s, e);
  if (e.ret === null || e.ret < 0) return;
  if (s.state === "connecting") settleConnect(s, "0", ctx);
  const name = e.name;
  let bytesOut = 0;
  let bytesIn = 0;
  if (name === "sendmmsg") bytesOut = mmsgBytes(e.args[1], e.ret);
  else if (name === "recvmmsg") bytesIn = mmsgBytes(e.args[1], e.ret);
  else if (OUT.has(name) || name === "sendfile") bytesOut = e.ret;
  else if (IN.has(name)) bytesIn = e.ret;
  s.bytesOut += bytesOut;
  s.bytesIn += bytesIn;
  if (bytesIn > 0 || bytesOut > 0) s.timedOut = false;
  if (bytesIn === 0 && IN.has(name) && STREAMS.has(s.transport)) ctx.transition(s, "eof");
  // Datagram peers: sendto's destination, recvfrom's sender, msg_name in sendmsg/recvmsg.
  if (s.transport === "udp" || s.transport === "unix-dgram" || s.transport === "raw") {
    const peer =
      name === "sendto" || name === "recvfrom"
        ? addressOf(e.args[4])
        : name === "sendmsg" || name === "recvmsg"
          ? msgNameAddress(e.args[1])
          : undefined;
    if (peer && peer.text !== "(unnamed)") s.peers.set(peer.text, peer);
    if (name.startsWith("send") && s.unbound && s.transport === "udp") {
      ctx.step(
        "autobind",
        "first send on an unbound UDP socket: the kernel bound it to 0.0.0.0 and an ephemeral port",
      );
      s.autobound = true;
      s.unbound = false;
    }
  }
  if (name === "sendmsg")
    ctx.sendFds(
      s,
      scmRightsFds(e.args[1]).map((x) => ctx.lookup(x.fd)),
    );
  if (name === "recvmsg") {
    const fds = scmRightsFds(e.args[1]);
    const arriving = ctx.receiveFds(s);
    const cloexec = hasFlag(e.args[2], "MSG_CMSG_CLOEXEC", MSG_CMSG_CLOEXEC);
    fds.forEach(({ fd, decoration }, i) => {
      let sent = arriving[i];
      if (sent === undefined) {
        // strace printed this recvmsg before the sendmsg (calls are emitted as they complete):
        // recognise the socket by what -yy says about it.
        sent = ctx.find(decoration ? socketRefOf(decoration) : undefined);
        if (sent) ctx.arrivedEarly(sent);
      }
      if (sent) ctx.install(fd, sent, cloexec);
    });
    ctx.dropInflight(arriving);
  }
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
