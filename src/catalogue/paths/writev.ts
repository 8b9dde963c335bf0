// writev() on a socket: the VFS imports the iovec and hands it to the socket file's write_iter,
// a send with no flags, then the send calls' shared family paths (see sendto.ts). A total length
// of 0 returns 0 before the socket is reached. Checked in fs/read_write.c and net/socket.c of
// Linux 6.1 and 6.12 (6.1 goes through do_iter_write, 6.12 does its checks in vfs_writev).
import type { PathSetInput } from "../schema.js";
import { sendPaths } from "./sendto.js";

const JOINED =
  "The pieces are joined into one stream: segments go out now or a little later (Nagle, autocork, TCP_CORK, the windows decide), so a header and body written together can share one segment.";
const ONE_DATAGRAM =
  "One UDP datagram made of all the pieces, IP-fragmented if larger than the path MTU; nothing acknowledges it.";

export const WRITEV: PathSetInput = sendPaths({
  syscall: "writev",
  nosignal: false,
  head: [
    { fn: "do_writev", file: "fs/read_write.c", does: "finds the file for the fd" },
    {
      fn: "vfs_writev",
      file: "fs/read_write.c",
      does: "imports the iovec (over 1024 entries: EINVAL); 6.12: a total of 0 bytes returns 0 here",
    },
    {
      fn: "do_iter_write",
      file: "fs/read_write.c",
      kernels: "6.1",
      does: "6.1 only: checks the file is writable, and a total of 0 bytes returns 0 here",
    },
    {
      fn: "do_iter_readv_writev",
      file: "fs/read_write.c",
      does: "calls the file's write_iter with the whole iovec at once",
    },
    {
      fn: "sock_write_iter",
      file: "net/socket.c",
      does: "an offset gives ESPIPE; O_NONBLOCK becomes MSG_DONTWAIT, SOCK_SEQPACKET gets MSG_EOR; no other flag",
    },
  ],
  wire: {
    "tcp4-ok": JOINED,
    "tcp6-ok": JOINED,
    "tcp6-mapped-ok": `${JOINED} The packets are IPv4.`,
    "udp4-ok": ONE_DATAGRAM,
    "udp6-ok": ONE_DATAGRAM,
  },
});
