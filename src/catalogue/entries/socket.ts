// socket(): checked against torvalds/linux net/socket.c, net/ipv4/af_inet.c, net/ipv6/af_inet6.c,
// net/unix/af_unix.c, net/core/sock.c, fs/file.c (Linux 6.1) and shared/research/kernel-notes.md §1.
// The order matters and is where naive explanations go wrong: the socket and its protocol state
// are built first, the file and the fd come last; and socket() sets buffer limits, it allocates
// no buffer memory (that happens per packet, as sk_buffs are charged against the limits).
import type { EntryInput } from "../schema.js";

export const SOCKET_ENTRIES: EntryInput[] = [
  {
    kind: "syscall",
    name: "socket",
    summary:
      "Create an unconnected communication endpoint of a family (IPv4, IPv6, unix…) and type, and return an fd for it.",
    kernel: [
      {
        fn: "__sys_socket",
        file: "net/socket.c",
        does: "entry from the syscall table; checks the type flags",
      },
      {
        fn: "__sock_create",
        file: "net/socket.c",
        does: "range checks, LSM hook, sock_alloc() makes struct socket and its sockfs inode",
      },
      {
        fn: "inet_create",
        file: "net/ipv4/af_inet.c",
        does: "AF_INET: picks TCP or UDP from inetsw[], sets sock->ops",
      },
      {
        fn: "sk_alloc",
        file: "net/core/sock.c",
        does: "allocates the protocol's struct sock (a tcp_sock or udp_sock)",
      },
      {
        fn: "sock_init_data",
        file: "net/core/sock.c",
        does: "empty queues, buffer limits from the sysctls, default callbacks",
      },
      {
        fn: "tcp_init_sock",
        file: "net/ipv4/tcp.c",
        does: "TCP only: state CLOSE, timers, congestion control, tcp_rmem/tcp_wmem limits",
      },
      {
        fn: "sock_map_fd",
        file: "net/socket.c",
        does: "reserves an fd number, creates the struct file (sock_alloc_file)",
      },
      { fn: "fd_install", file: "fs/file.c", does: "publishes the fd in the process's fd table" },
    ],
    structures: [
      "struct socket with its sockfs inode (state SS_UNCONNECTED, ops = the family's proto_ops)",
      "struct sock of the protocol: tcp_sock, udp_sock or unix_sock (sk_state TCP_CLOSE), with empty receive and write queues",
      "buffer limits sk_rcvbuf/sk_sndbuf (for TCP tcp_rmem[1]/tcp_wmem[1]); no buffer memory yet",
      "struct file (O_RDWR, plus O_NONBLOCK with SOCK_NONBLOCK) and an fd, close-on-exec with SOCK_CLOEXEC",
    ],
    wire: "nothing: creating a socket sends no packet and assigns no address or port",
    blocking: "never blocks (apart from loading a protocol module on first use)",
    nonblocking: "SOCK_NONBLOCK only sets O_NONBLOCK on the new file, for the calls that follow",
    pitfalls: [
      "no address or port yet: getsockname() says 0.0.0.0:0 until bind(), connect(), listen() or a first send binds it",
      "without SOCK_CLOEXEC the socket leaks into programs started with execve()",
      "EMFILE is this process's fd limit (ulimit -n), ENFILE the whole system's (fs.file-max)",
    ],
    layer: "transport",
    cases: [
      {
        when: { transport: ["tcp"] },
        summary:
          "A new TCP socket ({family}) as fd {fd}: a tcp_sock in state CLOSE, no address, nothing sent.",
      },
      {
        when: { transport: ["udp"] },
        summary:
          "A new UDP socket ({family}) as fd {fd}: a udp_sock with no address; the first send will bind it.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"] },
        summary:
          "A new unix socket as fd {fd}: a unix_sock with no name; it never touches the network stack.",
      },
      {
        when: { transport: ["netlink"] },
        summary:
          "A new netlink socket as fd {fd}: a channel to a kernel subsystem (routing, links…), not a network connection.",
      },
      {
        when: { nonblocking: true, result: ["ok"] },
        note: "SOCK_NONBLOCK: calls on this fd return EAGAIN or EINPROGRESS instead of waiting.",
      },
      {
        when: { result: ["EMFILE"] },
        note: "The process has as many fds open as RLIMIT_NOFILE allows (ulimit -n): close some, or raise the limit.",
      },
      {
        when: { result: ["EAFNOSUPPORT"] },
        note: "No such address family in this kernel (or its module could not be loaded).",
      },
      {
        when: { result: ["EPROTONOSUPPORT", "ESOCKTNOSUPPORT"] },
        note: "The family does not have that type/protocol combination (e.g. SOCK_STREAM with IPPROTO_UDP).",
      },
      {
        when: { result: ["EPERM", "EACCES"] },
        note: "Raw and packet sockets need CAP_NET_RAW (or a security module said no).",
      },
    ],
    man: ["socket(2)", "socket(7)", "tcp(7)", "udp(7)", "unix(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["__sys_socket", "__sock_create", "sock_alloc", "sock_map_fd", "sock_alloc_file"],
      },
      { repo: "torvalds/linux", path: "net/ipv4/af_inet.c", symbols: ["inet_create"] },
      { repo: "torvalds/linux", path: "net/core/sock.c", symbols: ["sk_alloc", "sock_init_data"] },
      { repo: "torvalds/linux", path: "net/ipv4/tcp.c", symbols: ["tcp_init_sock"] },
      { repo: "torvalds/linux", path: "fs/file.c", symbols: ["fd_install", "get_unused_fd_flags"] },
      { man: "socket(2)" },
    ],
    os: {
      windows:
        "socket()/WSASocket() after WSAStartup(); returns a SOCKET handle (not a C runtime fd), INVALID_SOCKET on failure with the reason from WSAGetLastError(). No SOCK_NONBLOCK/SOCK_CLOEXEC: use ioctlsocket(FIONBIO) and handle inheritance flags.",
      macos:
        "socket() as on BSD, returning an fd; SOCK_NONBLOCK and SOCK_CLOEXEC are not accepted in the type: use fcntl() afterwards.",
      freebsd:
        "socket() returns an fd; FreeBSD accepts SOCK_NONBLOCK and SOCK_CLOEXEC in the type, like Linux.",
      lwip: "lwip_socket() (socket() with LWIP_COMPAT_SOCKETS) returns an index into lwIP's own socket table, not an OS fd; the work is done by the tcpip thread, with no syscall.",
      plan9:
        "No socket(): open /net/tcp/clone (or /net/udp/clone) to get the ctl file of a new connection directory /net/tcp/N; dial() and announce() wrap this.",
    },
  },
];
