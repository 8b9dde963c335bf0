// Data calls on sockets: bytes each way as the syscall table says to count them (the return value;
// the per-message lengths for sendmmsg/recvmmsg; nothing for MSG_PEEK, which leaves the data
// queued), EOF, the peers of datagram sockets, UDP and ping autobind on the first send, errors that end a
// connection (reset, timeout), MSG_DONTWAIT, and sockets passed with SCM_RIGHTS.
import { MSG_CMSG_CLOEXEC, MSG_DONTWAIT, MSG_PEEK } from "../core/constants.js";
import type { StitchedCall, Transfer } from "../core/events.js";
import { addressOf, hasFlag, mmsgBytes, msgNameAddress, scmRightsFds } from "../core/readers.js";
import type { SyscallSpec } from "../core/syscalls.js";
import type { Value } from "../core/values.js";
import { DATAGRAM_TRANSPORTS, STREAM_TRANSPORTS } from "../core/vocabulary.js";
import { settleConnect } from "./calls.js";
import type { CallScope } from "./context.js";
import type { SocketRecord } from "./record.js";

const WOULD_BLOCK = new Set(["EAGAIN", "EWOULDBLOCK"]);

/**
 * Whether an EAGAIN of this call is its SO_RCVTIMEO/SO_SNDTIMEO running out: only a blocking call
 * (the trace shows the socket blocking, and no MSG_DONTWAIT) on a socket with that timeout set. On a
 * non-blocking call it is "would block"; when the trace cannot tell the mode or the timeout, neither.
 */
export function eagainIsTimeout(s: SocketRecord, e: StitchedCall, dir: "in" | "out"): boolean {
  if (!s.nonblockingKnown || s.nonblocking || e.dontwait === true) return false;
  const timeout = dir === "in" ? s.rcvtimeo : s.sndtimeo;
  return typeof timeout === "string";
}

function noteError(s: SocketRecord, e: StitchedCall, spec: SyscallSpec): void {
  if (e.errno === undefined) return;
  s.errors[e.errno] = (s.errors[e.errno] ?? 0) + 1;
  if (e.errno === "ECONNRESET") s.failure = "reset";
  else if (e.errno === "ETIMEDOUT") s.failure = "timed-out";
  else if (WOULD_BLOCK.has(e.errno) && spec.dir !== undefined && eagainIsTimeout(s, e, spec.dir))
    s.timedOut = true;
}

/** Whether a MSG_* flag is set in the call's flags argument (by name, or by bit under -X raw). */
function msgFlag(e: StitchedCall, spec: SyscallSpec, name: string, bit: number): boolean {
  if (spec.flags === undefined) return false;
  return hasFlag(e.args[spec.flags] as Value | undefined, name, bit);
}

/** A call with MSG_DONTWAIT on a blocking socket does not block (or fails with EAGAIN). */
export function dontwait(e: StitchedCall, spec: SyscallSpec): boolean {
  return msgFlag(e, spec, "MSG_DONTWAIT", MSG_DONTWAIT);
}

export function onData(s: SocketRecord, e: StitchedCall, spec: SyscallSpec, scope: CallScope): void {
  noteError(s, e, spec);
  if (e.ret === null || e.ret < 0) return;
  if (s.state === "connecting") settleConnect(s, "0", scope);
  const name = e.name;
  const receiving = spec.dir === "in";
  let moved = 0;
  if (spec.bytes === "mmsg") moved = mmsgBytes(e.args[1], e.ret);
  else if (spec.bytes === "ret" && !(receiving && msgFlag(e, spec, "MSG_PEEK", MSG_PEEK))) moved = e.ret;
  if (receiving) s.bytesIn += moved;
  else s.bytesOut += moved;
  if (moved > 0) s.timedOut = false;
  if (e.ret === 0 && receiving && spec.bytes === "ret" && STREAM_TRANSPORTS.has(s.transport))
    scope.transition(s, "eof");
  // Datagram peers: sendto's destination, recvfrom's sender, msg_name in sendmsg/recvmsg, or for a
  // connected socket the address it is connected to.
  let other: number | undefined = s.peer;
  if (DATAGRAM_TRANSPORTS.has(s.transport)) {
    const named =
      name === "sendto" || name === "recvfrom"
        ? addressOf(e.args[4])
        : name === "sendmsg" || name === "recvmsg"
          ? msgNameAddress(e.args[1])
          : undefined;
    if (named && named.text !== "(unnamed)") s.peers.set(named.text, named);
    const peer = named ?? s.remote;
    if (peer && peer.text !== "(unnamed)") {
      const there = scope.datagramPeer(s, peer);
      if (there !== undefined) other = there.id;
    }
    // sendmmsg with vlen 0 (or whose first message failed) returns 0: it sent nothing, bound nothing.
    const sent = spec.bytes !== "mmsg" || e.ret > 0;
    // inet_send_prepare (net/ipv4/af_inet.c) binds a socket with no port yet: UDP takes an
    // ephemeral port, a ping socket an echo identifier (its "port"); raw sockets have one already.
    if (!receiving && sent && s.unbound && (s.transport === "udp" || s.transport === "ping")) {
      const any = s.family === "AF_INET6" ? "[::]" : "0.0.0.0";
      scope.step(
        "autobind",
        s.transport === "udp"
          ? `first send on an unbound UDP socket: the kernel bound it to ${any} and an ephemeral port`
          : `first send on an unbound ping socket: the kernel bound it to ${any} and picked its echo identifier, which it keeps as the socket's port`,
      );
      s.autobound = true;
      s.unbound = false;
    }
  }
  if (moved > 0) {
    const inBytes = receiving ? moved : 0;
    const outBytes = receiving ? 0 : moved;
    const t: Transfer =
      other === undefined
        ? { in: inBytes, out: outBytes, totalIn: s.bytesIn, totalOut: s.bytesOut }
        : { in: inBytes, out: outBytes, totalIn: s.bytesIn, totalOut: s.bytesOut, peer: other };
    e.transfer = t;
  }
  if (name === "sendmsg")
    scope.sendFds(
      s,
      scmRightsFds(e.args[1]).map((x) => scope.lookup(x.fd)),
    );
  if (name === "recvmsg") {
    const fds = scmRightsFds(e.args[1]);
    const arriving = scope.receiveFds(s);
    const cloexec = hasFlag(e.args[2], "MSG_CMSG_CLOEXEC", MSG_CMSG_CLOEXEC);
    fds.forEach(({ fd, decoration }, i) => {
      let sent = arriving[i];
      if (sent === undefined) {
        // strace printed this recvmsg before the sendmsg (calls are emitted as they complete):
        // recognise the socket by what -yy says about it.
        sent = scope.find(decoration);
        if (sent) scope.arrivedEarly(sent);
      }
      if (sent) scope.install(fd, sent, cloexec);
    });
    scope.dropInflight(arriving);
  }
}
