// socket(): checked against torvalds/linux net/socket.c, net/ipv4/af_inet.c, net/ipv6/af_inet6.c,
// net/unix/af_unix.c, net/core/sock.c, net/ipv4/ping.c, net/ipv4/raw.c, net/packet/af_packet.c,
// fs/file.c (Linux 6.1 and 6.12) and shared/research/kernel-notes.md §1. EPERM and EACCES are
// different stories: a raw or packet socket without CAP_NET_RAW is EPERM (inet_create,
// inet6_create, packet_create); an ICMP datagram ("ping") socket outside net.ipv4.ping_group_range
// is EACCES (ping_init_sock).
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
          "A new UDP socket ({family}) as fd {fd}: a udp_sock with no address yet; bind(), connect() or the first send gives it one.",
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
        when: { transport: ["ping"] },
        summary:
          "A new ICMP echo ('ping') socket ({family}) as fd {fd}: a datagram socket for echo requests, allowed without privileges because a group of this process is in net.ipv4.ping_group_range.",
      },
      {
        when: { transport: ["raw"] },
        summary:
          "A new raw socket ({family}) as fd {fd} (the process has CAP_NET_RAW): it already receives a copy of every arriving packet of its IP protocol.",
      },
      {
        when: { transport: ["packet"] },
        summary:
          "A new packet socket as fd {fd} (the process has CAP_NET_RAW): with a protocol such as ETH_P_ALL it taps frames from every device at once, before any bind().",
      },
      {
        when: { nonblocking: true, result: ["ok"] },
        note: "SOCK_NONBLOCK: calls on this fd return EAGAIN or EINPROGRESS instead of waiting.",
      },
      {
        when: { result: ["EMFILE"] },
        note: "The process has as many fds open as RLIMIT_NOFILE allows (ulimit -n): close some, or raise the limit. The kernel had built the socket already and freed it again: the fd is reserved last.",
      },
      {
        when: { result: ["ENFILE"] },
        note: "A system-wide limit: fs.file-max open files (or, for unix sockets, twice that many unix sockets).",
      },
      {
        when: { result: ["EINVAL"] },
        note: "The type carried flag bits other than SOCK_NONBLOCK and SOCK_CLOEXEC, or the type or protocol number is out of range.",
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
        when: { result: ["EPERM"] },
        note: "Raw sockets (SOCK_RAW in AF_INET or AF_INET6) and packet sockets (AF_PACKET) need CAP_NET_RAW, and the process lacks it; a security module can also refuse with EPERM.",
      },
      {
        when: { result: ["EACCES"] },
        note: "For an ICMP datagram ('ping') socket (SOCK_DGRAM with IPPROTO_ICMP or IPPROTO_ICMPV6): none of the process's groups is in net.ipv4.ping_group_range (default '1 0', no group; many distributions widen it). Otherwise a security module (SELinux, AppArmor) refused.",
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
