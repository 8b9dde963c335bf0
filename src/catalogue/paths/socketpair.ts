// socketpair(): checked against Linux 6.1 and 6.12 net/socket.c __sys_socketpair (both fds are
// reserved before either socket exists, and installed only at the end), net/unix/af_unix.c
// unix_create/unix_socketpair (stream, dgram and seqpacket ops all point at it), net/core/sock.c
// sock_no_socketpair (inet, inet6, netlink, packet…). net/tipc/socket.c tipc_socketpair is the
// only other implementation. A failed socketpair() leaves no socket, so the trace gives no
// family for it: the failure paths are told from the errno alone.
import type { PathSetInput, Step } from "../schema.js";

const ENTRY: Step = {
  fn: "__sys_socketpair",
  file: "net/socket.c",
  does: "EINVAL for flag bits other than SOCK_NONBLOCK/SOCK_CLOEXEC; then the fds first, the sockets after",
};
const FDS: Step = {
  fn: "get_unused_fd_flags",
  file: "fs/file.c",
  does: "called twice: reserves both fd numbers and writes them into the program's int[2] (EMFILE)",
};
const CREATE: Step = {
  fn: "sock_create",
  file: "net/socket.c",
  does: "called twice: a struct socket in a sockfs inode, then the family's create for each",
};

export const SOCKETPAIR: PathSetInput = {
  syscall: "socketpair",
  paths: [
    {
      id: "unix",
      title: "a pair of connected unix sockets",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-dgram", "unix-seqpacket"],
        result: ["ok"],
      },
      steps: [
        ENTRY,
        FDS,
        CREATE,
        {
          fn: "unix_create",
          file: "net/unix/af_unix.c",
          does: "called twice: the stream, dgram or seqpacket ops, then a nameless unix_sock (unix_create1)",
        },
        {
          fn: "unix_socketpair",
          file: "net/unix/af_unix.c",
          does: "each unix_sock becomes the other's peer with the caller's credentials; both ESTABLISHED",
        },
        {
          fn: "sock_alloc_file",
          file: "net/socket.c",
          does: "called twice: one struct file per socket (O_NONBLOCK with SOCK_NONBLOCK)",
        },
        {
          fn: "fd_install",
          file: "fs/file.c",
          does: "called twice: publishes both fds; until now the numbers were only reserved",
        },
      ],
      structures: [
        "two struct socket (each with its sockfs inode), both SS_CONNECTED",
        "two unix_socks pointing at each other as peers, sk_state TCP_ESTABLISHED, each holding the creating process's pid and credentials as its SO_PEERCRED",
        "two struct files and two fds, written into the int[2] array the program passed",
        "no address at all: nothing in the filesystem or in the abstract namespace, so no other process can connect() to either end",
      ],
      wire: "nothing, ever: the pair never touches the network stack; a write on one end queues sk_buffs straight onto the other end's receive queue",
    },
    {
      id: "eopnotsupp",
      title: "a family without socketpair (IPv4, IPv6, netlink, packet…)",
      when: { result: ["EOPNOTSUPP"] },
      steps: [
        ENTRY,
        FDS,
        CREATE,
        {
          fn: "sock_no_socketpair",
          file: "net/core/sock.c",
          does: "the family's socketpair op is this stub: EOPNOTSUPP (only AF_UNIX and AF_TIPC have a real one)",
        },
        {
          fn: "sock_release",
          file: "net/socket.c",
          does: "called twice: both new sockets are freed, and the two reserved fds are given back",
        },
      ],
      structures: [
        "none left: both sockets were built, then freed; the fd numbers written to the array mean nothing",
      ],
      wire: "nothing",
    },
    {
      id: "emfile",
      title: "no two free fds in the process (EMFILE)",
      when: { result: ["EMFILE"] },
      steps: [
        ENTRY,
        {
          fn: "get_unused_fd_flags",
          file: "fs/file.c",
          does: "the first or the second reservation finds the process at RLIMIT_NOFILE: EMFILE",
        },
      ],
      structures: ["none: no socket was created (the fds are reserved before the sockets)"],
      wire: "nothing",
    },
    {
      id: "einval",
      title: "a flag or type the socket layer rejects",
      when: { result: ["EINVAL"] },
      steps: [
        {
          fn: "__sys_socketpair",
          file: "net/socket.c",
          does: "EINVAL at once for flag bits other than SOCK_NONBLOCK and SOCK_CLOEXEC",
        },
        FDS,
        {
          fn: "sock_create",
          file: "net/socket.c",
          does: "otherwise __sock_create's range check: a type number beyond SOCK_MAX is EINVAL",
        },
      ],
      structures: ["none: no socket was created"],
      wire: "nothing",
    },
    {
      id: "any",
      title: "a socket pair of a family this log does not show",
      when: {},
      steps: [
        ENTRY,
        FDS,
        CREATE,
        {
          fn: "sock_alloc_file",
          file: "net/socket.c",
          does: "after the family's socketpair op has joined the two: one struct file per socket",
        },
        {
          fn: "fd_install",
          file: "fs/file.c",
          does: "called twice: publishes both fds",
        },
      ],
      structures: [
        "two struct socket, joined by the family's socketpair operation, with two struct files and two fds written into the program's int[2]",
      ],
      wire: "nothing for the call itself: the two ends are joined inside the kernel",
    },
  ],
};
