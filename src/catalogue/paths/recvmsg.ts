import type { PathSetInput } from "../schema.js";
import { recvPaths } from "./recvfrom.js";

export const RECVMSG: PathSetInput = {
  syscall: "recvmsg",
  paths: recvPaths({
    flags: true,
    head: [
      { fn: "__sys_recvmsg", file: "net/socket.c", does: "finds the socket from the fd" },
      {
        fn: "___sys_recvmsg",
        file: "net/socket.c",
        does: "copies the user's msghdr in and imports its iovec",
      },
      {
        fn: "____sys_recvmsg",
        file: "net/socket.c",
        does: "adds MSG_DONTWAIT for O_NONBLOCK; afterwards writes back the address, msg_flags and control length",
      },
      {
        fn: "sock_recvmsg",
        file: "net/socket.c",
        does: "security hook (security_socket_recvmsg), then the family's recvmsg through sock->ops",
      },
    ],
  }),
};
