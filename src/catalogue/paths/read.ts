import type { PathSetInput } from "../schema.js";
import { recvPaths } from "./recvfrom.js";

export const READ: PathSetInput = {
  syscall: "read",
  paths: recvPaths({
    flags: false,
    head: [
      { fn: "ksys_read", file: "fs/read_write.c", does: "finds the file for the fd" },
      {
        fn: "vfs_read",
        file: "fs/read_write.c",
        does: "checks the file is readable and the buffer; a socket file has only read_iter, so new_sync_read",
      },
      {
        fn: "new_sync_read",
        file: "fs/read_write.c",
        does: "wraps the buffer in an iov_iter and a kiocb, calls the file's read_iter",
      },
      {
        fn: "sock_read_iter",
        file: "net/socket.c",
        does: "a 0-byte read returns 0 here; O_NONBLOCK becomes MSG_DONTWAIT, the only flag; then sock_recvmsg",
      },
      {
        fn: "sock_recvmsg",
        file: "net/socket.c",
        does: "security hook (security_socket_recvmsg), then the family's recvmsg through sock->ops",
      },
    ],
  }),
};
