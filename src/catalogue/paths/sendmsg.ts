// sendmsg's paths: its own entry (the msghdr, iovec and control data copied in), then the send
// calls' shared family paths (see sendto.ts). Checked in net/socket.c of Linux 6.1 and 6.12.
import type { PathSetInput } from "../schema.js";
import { sendPaths } from "./sendto.js";

export const SENDMSG: PathSetInput = sendPaths({
  syscall: "sendmsg",
  nosignal: true,
  head: [
    {
      fn: "__sys_sendmsg",
      file: "net/socket.c",
      does: "finds the socket for the fd (ENOTSOCK for another file)",
    },
    {
      fn: "___sys_sendmsg",
      file: "net/socket.c",
      does: "copies the msghdr, the address and the iovec in (more than 1024 entries: EMSGSIZE)",
    },
    {
      fn: "____sys_sendmsg",
      file: "net/socket.c",
      does: "copies the control data (cmsg) into the kernel; O_NONBLOCK adds MSG_DONTWAIT",
    },
  ],
  wire: {
    "udp4-ok":
      "One UDP datagram made of all the iovec pieces, IP-fragmented if larger than the path MTU; control data (source address, TTL…) only changes its IP header. Nothing acknowledges it.",
    "udp6-ok":
      "One UDP datagram made of all the iovec pieces, IPv6-fragmented by this host if larger than the path MTU; control data (source address, hop limit…) only changes its IPv6 header. Nothing acknowledges it.",
    "unix-stream-ok":
      "Nothing: AF_UNIX stays in memory, and passed fds are file references attached to the message, not bytes.",
    "unix-dgram-ok":
      "Nothing: AF_UNIX stays in memory, and passed fds are file references attached to the message, not bytes.",
    "unix-seqpacket-ok":
      "Nothing: AF_UNIX stays in memory, and passed fds are file references attached to the message, not bytes.",
  },
});
