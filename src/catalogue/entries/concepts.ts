// Concepts: topics that are no single call, errno or option but a kind of socket or a mechanism
// that spans several calls. Checked against the Linux 6.1.192 and 6.12 sources (Debian
// linux-source-6.1 and -6.12): net/ipv4/ping.c (ping_init_sock, ping_get_port,
// ping_common_sendmsg, ping_rcv), net/ipv4/af_inet.c (inet_create, inet_init_net),
// net/ipv4/sysctl_net_ipv4.c, net/ipv6/af_inet6.c, net/ipv6/tcp_ipv6.c, net/ipv6/datagram.c,
// net/ipv6/udp.c, net/netlink/af_netlink.c and net/core/rtnetlink.c, and
// Documentation/networking/ip-sysctl.rst for the sysctls and their defaults.
import type { EntryInput } from "../schema.js";

const LINUX = "torvalds/linux";

export const CONCEPT_ENTRIES: EntryInput[] = [
  {
    kind: "concept",
    name: "ping sockets",
    aliases: ["ping", "ping-sockets", "icmp socket", "ping_group_range"],
    summary:
      "ICMP datagram sockets, socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP) (or AF_INET6 with IPPROTO_ICMPV6): a way to send ICMP echo requests and read the replies without a raw socket, open to the groups listed in net.ipv4.ping_group_range instead of to holders of CAP_NET_RAW.",
    kernel: [
      "socket(): inet_create (net/ipv4/af_inet.c) finds the SOCK_DGRAM/IPPROTO_ICMP entry, whose protocol is ping_prot, and calls its init hook, ping_init_sock (net/ipv4/ping.c). That hook compares the caller's effective gid, then each of its supplementary groups, with the two numbers of net.ipv4.ping_group_range; if none falls inside, the new socket is released and socket() fails with EACCES. No capability is consulted: root outside the range is refused as well.",
      "A raw socket, socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), takes the other road: inet_create itself requires CAP_NET_RAW in the socket's network namespace and fails with EPERM without it. The two errors tell which kind of socket the program asked for.",
      "bind() or the first send picks an ICMP identifier for the socket (ping_get_port), as UDP picks a port: it plays the role of the local port, and getsockname() reports it in sin_port.",
      "sendto(): ping_common_sendmsg accepts only an echo request (type 8 with code 0; ICMPv6 type 128) and rejects anything else with EINVAL. The kernel writes the identifier and the checksum itself; the program supplies the sequence number and payload.",
      "Replies: ping_rcv matches an incoming echo reply to a socket by its identifier and queues it; recvfrom() returns the ICMP header and payload, without the IP header that a raw socket would show. ICMP errors about the socket's own requests (unreachable, TTL exceeded) are handled by ping_err as UDP handles them: without IP_RECVERR only a hard error on a connected socket becomes a pending socket error; with IP_RECVERR each one is queued on the error queue, in full.",
      "The same range governs AF_INET6 ping sockets (net/ipv6/ping.c uses ping_init_sock too), although the sysctl lives under net.ipv4.",
    ],
    settings: [
      'net.ipv4.ping_group_range: two gids, low and high. The kernel default is "1 0", an empty range, so nobody may create one; many distributions widen it at boot (systemd\'s shipped sysctl defaults allow all groups). Per network namespace.',
      "CAP_NET_RAW does not widen the range: it is the capability for raw sockets, not for these.",
    ],
    pitfalls: [
      'EACCES from socket(…, SOCK_DGRAM, IPPROTO_ICMP) means the caller\'s groups are outside ping_group_range: widen the range (sysctl -w net.ipv4.ping_group_range="0 2147483647") or add the process to a group inside it. CAP_NET_BIND_SERVICE and CAP_NET_RAW do not help here.',
      "EPERM from socket(…, SOCK_RAW, …) is the raw-socket check: CAP_NET_RAW is missing. A ping tool that falls back from one kind to the other can report either error.",
      "The identifier is the kernel's: replies are matched on it, so a program that expects the echo id it wrote into the header will not see it kept.",
      "Inside a container the range is the namespace's own, often still the empty default even when the host's is open.",
    ],
    related: ["socket", "EACCES", "EPERM", "IP_RECVERR"],
    man: ["icmp(7)", "socket(2)", "capabilities(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/ipv4/ping.c",
        symbols: [
          "ping_init_sock",
          "ping_get_port",
          "ping_common_sendmsg",
          "ping_v4_sendmsg",
          "ping_rcv",
          "ping_err",
        ],
      },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_create", "inet_init_net"] },
      { repo: LINUX, path: "net/ipv4/sysctl_net_ipv4.c", symbols: ["ipv4_ping_group_range"] },
      { repo: LINUX, path: "Documentation/networking/ip-sysctl.rst", symbols: ["ping_group_range"] },
      { man: "icmp(7)" },
    ],
  },
  {
    kind: "concept",
    name: "IPv4-mapped addresses",
    aliases: ["mapped", "v4-mapped", "ipv4-mapped", "::ffff", "dual-stack"],
    summary:
      "An AF_INET6 socket with IPV6_V6ONLY off talks to IPv4 peers too, showing each IPv4 address a.b.c.d as the IPv6 address ::ffff:a.b.c.d; underneath, the kernel runs its IPv4 code for those connections and puts IPv4 packets on the wire.",
    kernel: [
      "socket(AF_INET6, …): inet6_create (net/ipv6/af_inet6.c) copies net.ipv6.bindv6only into sk->sk_ipv6only; IPV6_V6ONLY changes it per socket before bind().",
      "bind(): __inet6_bind takes a mapped address only when the socket is not v6-only (EINVAL otherwise) and checks it as an IPv4 address. Bound to :: with v6-only off, the socket holds the port for IPv4 as well, so an AF_INET socket on the same port conflicts with it (EADDRINUSE).",
      "TCP connect() to ::ffff:a.b.c.d: tcp_v6_connect switches the socket's address-family operations to the mapped set (ipv6_mapped) and calls tcp_v4_connect: route lookup, port choice, SYN and all later segments are IPv4. A v6-only socket gets ENETUNREACH.",
      "A listener bound to :: accepts IPv4 connections: tcp_v6_conn_request hands an IPv4 SYN to tcp_v4_conn_request, and tcp_v6_syn_recv_sock gives the child the mapped operations; getpeername() and accept() report the peer as ::ffff:a.b.c.d.",
      "UDP: connect() goes through __ip6_datagram_connect to __ip4_datagram_connect, and udpv6_sendmsg hands a datagram for a mapped destination to udp_sendmsg, the IPv4 send path (ENETUNREACH on a v6-only socket). Received IPv4 datagrams show a mapped source address.",
      "Because the IPv4 code runs, IPv4 options and sysctls apply to those connections (IP_TOS, IP_TTL, net.ipv4.*); the IPv6 ones (IPV6_TCLASS, IPV6_UNICAST_HOPS) do not.",
    ],
    settings: [
      "net.ipv6.bindv6only: the IPV6_V6ONLY default of new sockets; 0 (mapped addresses allowed) by default.",
      "IPV6_V6ONLY per socket, set before bind(); on a v6-only socket mapped addresses are refused.",
    ],
    pitfalls: [
      "A server that binds :: and then 0.0.0.0 on the same port fails on the second bind with EADDRINUSE unless the first socket set IPV6_V6ONLY=1.",
      "Code that compares peer addresses or applies allow-lists must treat ::ffff:a.b.c.d and a.b.c.d as the same host.",
      "Other systems differ: Windows and FreeBSD default to v6-only, and OpenBSD has no mapped addresses at all, so a dual-stack server should set IPV6_V6ONLY explicitly rather than rely on the default.",
      "In a trace the call is AF_INET6 throughout, but what crossed the network was IPv4: firewall rules, MTU and routes to look at are the IPv4 ones.",
    ],
    related: ["IPV6_V6ONLY", "bind", "connect", "accept", "EADDRINUSE", "ENETUNREACH"],
    man: ["ipv6(7)", "ip(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv6/af_inet6.c", symbols: ["inet6_create", "__inet6_bind"] },
      {
        repo: LINUX,
        path: "net/ipv6/tcp_ipv6.c",
        symbols: ["tcp_v6_connect", "tcp_v6_conn_request", "tcp_v6_syn_recv_sock", "ipv6_mapped"],
      },
      { repo: LINUX, path: "net/ipv6/datagram.c", symbols: ["__ip6_datagram_connect"] },
      { repo: LINUX, path: "net/ipv6/udp.c", symbols: ["udpv6_sendmsg"] },
      { repo: LINUX, path: "net/ipv4/tcp_ipv4.c", symbols: ["tcp_v4_connect", "tcp_v4_conn_request"] },
      { repo: LINUX, path: "net/ipv4/datagram.c", symbols: ["__ip4_datagram_connect"] },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_sendmsg"] },
      { repo: LINUX, path: "Documentation/networking/ip-sysctl.rst", symbols: ["bindv6only"] },
      { man: "ipv6(7)" },
    ],
  },
  {
    kind: "concept",
    name: "netlink requests and dumps",
    aliases: [
      "netlink",
      "netlink-dump",
      "netlink dump",
      "netlink dumps",
      "netlink-request",
      "NLM_F_DUMP",
      "NLM_F_ACK",
      "NLMSG_DONE",
      "NLMSG_ERROR",
    ],
    summary:
      "How a program talks to the kernel over AF_NETLINK: it sends a message flagged NLM_F_REQUEST; a single request is answered by an NLMSG_ERROR message carrying the error code (0 is the acknowledgement asked for with NLM_F_ACK), a dump request (NLM_F_DUMP) by a series of NLM_F_MULTI messages that the kernel produces as the reader drains them, ended by NLMSG_DONE.",
    kernel: [
      "sendto()/sendmsg() to port id 0 (the kernel): netlink_sendmsg → netlink_unicast → netlink_unicast_kernel hands the message to the protocol's input function in the sender's own call, e.g. rtnetlink_rcv for NETLINK_ROUTE. By the time sendmsg returns, the request has run and its first answer is queued on the socket.",
      "netlink_rcv_skb walks the messages of the buffer: one without NLM_F_REQUEST, or a control type (below 0x10), is not executed; the handler (rtnetlink_rcv_msg for routes, links and addresses) runs the rest. If the handler failed, or NLM_F_ACK was set, netlink_ack queues an NLMSG_ERROR message holding the error (a negative errno, or 0) and a copy of the request's header; a failed request's payload is copied too, unless NETLINK_CAP_ACK is on. With NETLINK_EXT_ACK it also carries attributes: a message text and the offset of the attribute at fault, when the handler gave them.",
      "A dump (NLM_F_DUMP, that is NLM_F_ROOT|NLM_F_MATCH, on a GET request): the handler calls __netlink_dump_start, which records the protocol's dump callback on the socket and runs netlink_dump once. No acknowledgement is sent for a dump even when NLM_F_ACK was asked.",
      "netlink_dump fills one buffer (sized from the largest recvmsg length seen, capped just under 32 KiB, and at least about a page) with as many NLM_F_MULTI records as fit, and queues it, unless the receive queue already holds sk_rcvbuf worth.",
      "Each recvmsg() returns at most one such buffer; netlink_recvmsg then, while a dump is running and the queue is at most half full, calls netlink_dump again for the next batch. The dump thus advances as fast as the program reads.",
      "When the callback has nothing left, netlink_dump_done appends NLMSG_DONE, whose payload is an int: 0, or the error that cut the dump short. NLM_F_DUMP_INTR on a record means the table changed during the dump and the result may be inconsistent: dump again.",
    ],
    settings: [
      "NETLINK_EXT_ACK, NETLINK_CAP_ACK and NETLINK_GET_STRICT_CHK (SOL_NETLINK options) change the acknowledgement and the checking of dump requests; see their entries.",
      "SO_RCVBUF bounds how much of a dump, and of multicast traffic, can wait unread; NETLINK_NO_ENOBUFS hides the overflow error of a multicast listener.",
    ],
    pitfalls: [
      "A receive buffer smaller than the kernel's batch loses data: recvmsg sets MSG_TRUNC and the rest of that batch is dropped. Read with 32 KiB or more, or peek (MSG_PEEK|MSG_TRUNC) for the size first.",
      "One recvmsg can return several netlink messages: walk them with NLMSG_OK/NLMSG_NEXT, and keep reading until NLMSG_DONE (a dump) or the NLMSG_ERROR for your sequence number (a request).",
      "An NLMSG_ERROR with error 0 is success: it is the acknowledgement.",
      "Multicast notifications (after NETLINK_ADD_MEMBERSHIP or bind with nl_groups) arrive on the same socket as replies; tell them apart by nlmsg_seq and nlmsg_pid, or use a separate socket.",
      "While a dump is running on a socket, a second dump request on it is answered with an NLMSG_ERROR of -EBUSY: finish reading the first one (to NLMSG_DONE) before asking again.",
    ],
    related: [
      "NETLINK_EXT_ACK",
      "NETLINK_CAP_ACK",
      "NETLINK_GET_STRICT_CHK",
      "NETLINK_ADD_MEMBERSHIP",
      "NETLINK_NO_ENOBUFS",
      "ENOBUFS",
      "sendmsg",
      "recvmsg",
    ],
    man: ["netlink(7)", "rtnetlink(7)", "netlink(3)"],
    sources: [
      {
        repo: LINUX,
        path: "net/netlink/af_netlink.c",
        symbols: [
          "netlink_sendmsg",
          "netlink_unicast",
          "netlink_unicast_kernel",
          "netlink_rcv_skb",
          "netlink_ack",
          "__netlink_dump_start",
          "netlink_dump",
          "netlink_dump_done",
          "netlink_recvmsg",
        ],
      },
      { repo: LINUX, path: "net/core/rtnetlink.c", symbols: ["rtnetlink_rcv", "rtnetlink_rcv_msg"] },
      {
        repo: LINUX,
        path: "include/uapi/linux/netlink.h",
        symbols: ["NLM_F_REQUEST", "NLM_F_ACK", "NLM_F_DUMP", "NLMSG_ERROR", "NLMSG_DONE"],
      },
      { man: "netlink(7)" },
    ],
  },
];
