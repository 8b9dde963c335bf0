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
    blocking: "never blocks (apart from loading a protocol module on first use)",
    nonblocking: "SOCK_NONBLOCK only sets O_NONBLOCK on the new file, for the calls that follow",
    pitfalls: [
      "no address or port yet: getsockname() says 0.0.0.0:0 until bind(), connect(), listen() or a first send binds it",
      "without SOCK_CLOEXEC the socket leaks into programs started with execve()",
      "EMFILE is this process's fd limit (ulimit -n), ENFILE the whole system's (fs.file-max)",
    ],
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
  },
];
