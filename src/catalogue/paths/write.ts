// write() on a socket: the VFS hands the buffer to the socket file's write_iter, which is a send
// with no flags (no MSG_NOSIGNAL possible), then the send calls' shared family paths (see
// sendto.ts). Checked in fs/read_write.c and net/socket.c of Linux 6.1 and 6.12.
import type { PathSetInput } from "../schema.js";
import { sendPaths } from "./sendto.js";

export const WRITE: PathSetInput = sendPaths({
  syscall: "write",
  nosignal: false,
  head: [
    { fn: "ksys_write", file: "fs/read_write.c", does: "finds the file for the fd" },
    {
      fn: "vfs_write",
      file: "fs/read_write.c",
      does: "checks the file is open for writing; a socket has no ->write, so new_sync_write",
    },
    {
      fn: "new_sync_write",
      file: "fs/read_write.c",
      does: "wraps the buffer in an iov_iter and a kiocb, then the file's write_iter (6.1 via call_write_iter)",
    },
    {
      fn: "sock_write_iter",
      file: "net/socket.c",
      does: "an offset gives ESPIPE; O_NONBLOCK becomes MSG_DONTWAIT, SOCK_SEQPACKET gets MSG_EOR; no other flag",
    },
  ],
  wire: {
    "udp4-ok":
      "One UDP datagram to the connected peer (write(fd, buf, 0) sends an empty one); nothing acknowledges it.",
    "udp6-ok":
      "One UDP datagram to the connected peer (write(fd, buf, 0) sends an empty one); nothing acknowledges it.",
  },
});
