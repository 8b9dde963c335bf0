import type { PathSetInput } from "../schema.js";
import { recvPaths } from "./recvfrom.js";

export const READV: PathSetInput = {
  syscall: "readv",
  paths: recvPaths({
    flags: false,
    head: [
      { fn: "do_readv", file: "fs/read_write.c", does: "finds the file for the fd" },
      {
        fn: "vfs_readv",
        file: "fs/read_write.c",
        does: "imports the iovec (over 1024 entries: EINVAL); a total of 0 bytes returns 0 without the socket",
      },
      {
        fn: "do_iter_readv_writev",
        file: "fs/read_write.c",
        does: "calls the file's read_iter with the whole iovec (6.1 goes through do_iter_read first)",
      },
      {
        fn: "sock_read_iter",
        file: "net/socket.c",
        does: "O_NONBLOCK becomes MSG_DONTWAIT, the only flag; then sock_recvmsg",
      },
      {
        fn: "sock_recvmsg",
        file: "net/socket.c",
        does: "security hook (security_socket_recvmsg), then the family's recvmsg through sock->ops",
      },
    ],
  }),
};
