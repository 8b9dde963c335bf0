import type { PathSetInput } from "../schema.js";
import { recvPaths } from "./recvfrom.js";

// The shared receive paths tell one message's wait; recvmmsg waits for every entry (see its
// entry's blocking text), so their own blocking texts are left out here.
const withoutOneMessageWait = <T extends { blocking?: string }>(p: T): T => {
  const { blocking: _oneMessage, ...rest } = p;
  return rest as T;
};

export const RECVMMSG: PathSetInput = {
  syscall: "recvmmsg",
  paths: recvPaths({
    flags: true,
    mmsg: true,
    head: [
      {
        fn: "__sys_recvmmsg",
        file: "net/socket.c",
        does: "reads the optional timeout; after at least one message, writes the time left back",
      },
      {
        fn: "do_recvmmsg",
        file: "net/socket.c",
        does: "returns a stored sk_err first; then one entry at a time, checking the timeout only after each",
      },
      {
        fn: "___sys_recvmsg",
        file: "net/socket.c",
        does: "per entry: copies that msghdr in and imports its iovec",
      },
      {
        fn: "____sys_recvmsg",
        file: "net/socket.c",
        does: "per entry: receives, then writes back address, msg_flags and control length; msg_len after",
      },
      {
        fn: "sock_recvmsg",
        file: "net/socket.c",
        does: "first entry: security hook, then the family's recvmsg (later entries skip the hook)",
      },
    ],
  }).map(withoutOneMessageWait),
};
