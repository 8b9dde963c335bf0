// Data calls on sockets: bytes each way (sendmmsg/recvmmsg by their per-message lengths), EOF,
// the peers of datagram sockets, UDP autobind on the first send, errors that end a connection
// (reset, timeout), and sockets passed with SCM_RIGHTS.
import type { SyscallEvent } from "../events/schema.js";
import { socketRefOf } from "../stitch/touch.js";
import { addressOf, mmsgBytes, msgNameAddress, scmRightsFds } from "./args.js";
import { settleConnect } from "./calls.js";
import { hasFlag, MSG_CMSG_CLOEXEC } from "./constants.js";
import type { CallContext } from "./context.js";
import { type SocketRecord, STREAMS } from "./record.js";

const OUT = new Set(["write", "writev", "pwritev", "pwritev2", "send", "sendto", "sendmsg"]);
const IN = new Set(["read", "readv", "preadv", "preadv2", "recv", "recvfrom", "recvmsg"]);
const TIMEOUTS = new Set(["EAGAIN", "EWOULDBLOCK"]);

function noteError(s: SocketRecord, e: SyscallEvent): void {
  if (e.errno === undefined) return;
  s.errors[e.errno] = (s.errors[e.errno] ?? 0) + 1;
  if (e.errno === "ECONNRESET") s.failure = "reset";
  else if (e.errno === "ETIMEDOUT") s.failure = "timed-out";
  else if (TIMEOUTS.has(e.errno) && !s.nonblocking && IN.has(e.name)) s.timedOut = true;
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
