import type { PathSetInput } from "../schema.js";

export const SOCKETPAIR: PathSetInput = {
  syscall: "socketpair",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_socketpair",
          file: "net/socket.c",
          does: "checks the type flags (only SOCK_NONBLOCK/SOCK_CLOEXEC), reserves both fd numbers first",
        },
        {
          fn: "get_unused_fd_flags",
          file: "fs/file.c",
          does: "called twice: the lowest free fd numbers (EMFILE past RLIMIT_NOFILE)",
        },
        {
          fn: "sock_create",
          file: "net/socket.c",
          does: "called twice: a struct socket with its sockfs inode, then the family's create hook",
        },
        {
          fn: "unix_create",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: picks the stream, dgram or seqpacket ops and allocates a unix_sock",
        },
        {
          fn: "unix_socketpair",
          file: "net/unix/af_unix.c",
          does: "makes each unix_sock the other's peer, stores the caller as peer credentials, both ESTABLISHED",
        },
        {
          fn: "sock_alloc_file",
          file: "net/socket.c",
          does: "called twice: one struct file per socket (O_NONBLOCK with SOCK_NONBLOCK)",
        },
        {
          fn: "fd_install",
          file: "fs/file.c",
          does: "publishes both fds in the process's fd table; until then the numbers were only reserved",
        },
      ],
      structures: [
        "two struct socket (each with its sockfs inode), both SS_CONNECTED",
        "two unix_socks pointing at each other as peers, sk_state TCP_ESTABLISHED, each holding the creating process's pid and credentials as its SO_PEERCRED",
        "two struct files and two fds, written into the int[2] array the program passed",
        "no address at all: nothing in the filesystem or in the abstract namespace, so no other process can connect() to either end",
      ],
      wire: "nothing, ever: the pair never touches the network stack; a write on one end puts sk_buffs straight onto the other end's receive queue",
    },
  ],
};
