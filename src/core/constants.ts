// Linux x86_64 numbers for the constants sockscope reads, so that -X raw logs (which print
// `0x1, 0x4` instead of `SOL_SOCKET, SO_ERROR`) mean the same as the default ones.
// Sources: include/linux/socket.h, include/uapi/asm-generic/socket.h, include/uapi/linux/tcp.h,
// include/uapi/asm-generic/fcntl.h, include/uapi/linux/net.h, include/uapi/linux/sched.h.

/** Address family numbers (include/linux/socket.h) for the families sockscope names. */
export const FAMILY_NUMBERS: Readonly<Record<number, string>> = {
  0: "AF_UNSPEC",
  1: "AF_UNIX",
  2: "AF_INET",
  10: "AF_INET6",
  16: "AF_NETLINK",
  17: "AF_PACKET",
  40: "AF_VSOCK",
};

export const SOCKET_TYPE_NUMBERS: Readonly<Record<number, string>> = {
  1: "SOCK_STREAM",
  2: "SOCK_DGRAM",
  3: "SOCK_RAW",
  4: "SOCK_RDM",
  5: "SOCK_SEQPACKET",
};

export const SOL_SOCKET_OPTIONS: Readonly<Record<number, string>> = {
  1: "SO_DEBUG",
  2: "SO_REUSEADDR",
  3: "SO_TYPE",
  4: "SO_ERROR",
  5: "SO_DONTROUTE",
  6: "SO_BROADCAST",
  7: "SO_SNDBUF",
  8: "SO_RCVBUF",
  9: "SO_KEEPALIVE",
  10: "SO_OOBINLINE",
  12: "SO_PRIORITY",
  13: "SO_LINGER",
  15: "SO_REUSEPORT",
  18: "SO_RCVLOWAT",
  19: "SO_SNDLOWAT",
  20: "SO_RCVTIMEO",
  21: "SO_SNDTIMEO",
};

export const TCP_OPTIONS: Readonly<Record<number, string>> = {
  1: "TCP_NODELAY",
  2: "TCP_MAXSEG",
  3: "TCP_CORK",
  4: "TCP_KEEPIDLE",
  5: "TCP_KEEPINTVL",
  6: "TCP_KEEPCNT",
  9: "TCP_DEFER_ACCEPT",
  12: "TCP_QUICKACK",
  18: "TCP_USER_TIMEOUT",
  23: "TCP_FASTOPEN",
};

export const SOCKET_LEVELS: Readonly<Record<number, string>> = { 1: "SOL_SOCKET", 6: "IPPROTO_TCP" };

export const FCNTL_COMMANDS: Readonly<Record<number, string>> = {
  0: "F_DUPFD",
  1: "F_GETFD",
  2: "F_SETFD",
  3: "F_GETFL",
  4: "F_SETFL",
  1030: "F_DUPFD_CLOEXEC",
};

export const SHUTDOWN_HOW: Readonly<Record<number, string>> = { 0: "SHUT_RD", 1: "SHUT_WR", 2: "SHUT_RDWR" };

export const O_NONBLOCK = 0o4000;
export const O_CLOEXEC = 0o2000000;
export const FD_CLOEXEC = 1;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const EPOLL_CLOEXEC = 0o2000000;
export const EPOLL_CTL_OPS: Readonly<Record<number, string>> = {
  1: "EPOLL_CTL_ADD",
  2: "EPOLL_CTL_DEL",
  3: "EPOLL_CTL_MOD",
};
export const MSG_PEEK = 0x2;
export const MSG_DONTWAIT = 0x40;
export const MSG_CMSG_CLOEXEC = 0x40000000;
export const CLONE_FILES = 0x400;
export const CLONE_THREAD = 0x10000;
export const CLOSE_RANGE_CLOEXEC = 4;
/** The ioctl requests the model reads, by number (include/uapi/asm-generic/ioctls.h). */
export const IOCTL_REQUESTS: Readonly<Record<number, string>> = {
  21537: "FIONBIO",
  21584: "FIONCLEX",
  21585: "FIOCLEX",
};
