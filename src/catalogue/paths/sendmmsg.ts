// sendmmsg's paths: ___sys_sendmsg once per message of the vector, each then running the send
// calls' shared family paths (see sendto.ts). A call with vlen 0 runs no message at all: its own
// path, chosen by the vlen argument. Checked in net/socket.c of Linux 6.1 and 6.12.
import type { PathSetInput } from "../schema.js";
import { sendPaths } from "./sendto.js";

const PER_FAMILY: PathSetInput = sendPaths({
  syscall: "sendmmsg",
  nosignal: true,
  perMessage: true,
  head: [
    {
      fn: "__sys_sendmmsg",
      file: "net/socket.c",
      does: "finds the socket, caps vlen at 1024 and loops over the messages, if any (MSG_BATCH on all but the last)",
    },
    {
      fn: "___sys_sendmsg",
      file: "net/socket.c",
      does: "per message: copies its msghdr, address and iovec in; the loop ends at an error or a partial send",
    },
    {
      fn: "____sys_sendmsg",
      file: "net/socket.c",
      does: "per message: copies its control data; the same address as the message before skips the LSM check",
    },
  ],
  wire: {
    "tcp4-ok":
      "The messages' bytes join the TCP stream: segments go out now or a little later, as Nagle, autocork and the windows allow.",
    "tcp6-ok":
      "The messages' bytes join the TCP stream: segments go out now or a little later, as Nagle, autocork and the windows allow.",
    "udp4-ok": "One UDP datagram per message sent, each on its own; nothing acknowledges them.",
    "udp6-ok": "One UDP datagram per message sent, each on its own; nothing acknowledges them.",
    "udp6-mapped-ok": "One UDP datagram over IPv4 per message sent; nothing acknowledges them.",
    any: "Depends on the family and on how many messages went: TCP segments, UDP datagrams, or nothing at all for AF_UNIX and netlink.",
  },
});

export const SENDMMSG: PathSetInput = {
  ...PER_FAMILY,
  selector: 2,
  paths: [
    {
      id: "no-messages",
      title: "vlen 0: no message to send",
      when: { arg: ["0"] },
      steps: [
        {
          fn: "__sys_sendmmsg",
          file: "net/socket.c",
          does: "finds the socket; with vlen 0 the loop over the messages never runs, and it returns 0",
        },
      ],
      structures: ["nothing: no message is sent, and an unbound socket stays unbound"],
      wire: "nothing",
      blocking: "never blocks",
    },
    ...PER_FAMILY.paths,
  ],
};
