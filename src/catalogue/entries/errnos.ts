// Errno entries: what a socket call's failure means on Linux, what usually causes it and what to try.
// Checked against torvalds/linux at 6.1.192 (Debian linux-source-6.1: every file and symbol cited
// below exists there), against live runs on the 6.18 research machine (loopback, and throw-away
// network namespaces for routes, ARP failure, multicast and port exhaustion), and against
// shared/research/kernel-notes.md. Numbers and strerror texts are glibc 2.36 / x86_64; the
// ERESTART* codes have no strerror text, so `text` is what strace prints for them. Other systems:
// FreeBSD sys/sys/errno.h, XNU bsd/sys/errno.h, lwIP src/api/err.c and src/api/sockets.c, Plan 9
// sys/src/9/port/error.h, sys/src/9/ip/*.c and APE's error-string map (sys/src/ape/lib/ap/plan9/_errno.c).
import { SOCKET_FD_CALLS } from "../../core/syscalls.js";
import type { EntryInput, Source } from "../schema.js";

const linux = (path: string, ...symbols: string[]): Source =>
  symbols.length > 0 ? { repo: "torvalds/linux", path, symbols } : { repo: "torvalds/linux", path };
/** errno 1–34: include/uapi/asm-generic/errno-base.h. */
const base = (name: string): Source => linux("include/uapi/asm-generic/errno-base.h", name);
/** errno 35–133: include/uapi/asm-generic/errno.h. */
const uapi = (name: string): Source => linux("include/uapi/asm-generic/errno.h", name);
const man = (page: string): Source => ({ man: page });

const SOCKET_CALLS = [...SOCKET_FD_CALLS];

export const ERRNO_ENTRIES: EntryInput[] = [
  {
    kind: "errno",
    name: "ECONNREFUSED",
    number: 111,
    text: "Connection refused",
    meaning:
      "The other end turned the connection down. TCP: our SYN was answered with a RST (tcp_reset maps a RST in SYN_SENT to ECONNREFUSED) because nothing listens on that address and port, or with an ICMP port unreachable (a firewall REJECT does either). UDP: an earlier datagram from this connected socket drew an ICMP port unreachable; the error waits on the socket and the next send or recv returns it, once. AF_UNIX: nothing listens at that name — an abstract name nobody holds, a socket file whose server is gone or never called listen(), or a path that is not a socket (a missing path is ENOENT instead).",
    causes: [
      "the server is not running, crashed, or has not reached listen() yet (a start-up race)",
      "wrong port, or the right port on the wrong address: the server listens on 127.0.0.1 and the client dials the host's external address, or one side uses ::1 and the other 127.0.0.1 ('localhost' can resolve to either)",
      "a firewall rule rejecting the connection (REJECT with tcp-reset or icmp-port-unreachable)",
      "UDP: the peer's port is closed; the ICMP caused by an earlier datagram is reported on this call, which may be unrelated to it",
      "AF_UNIX: a socket file left behind after the server exited, or a server that bound the path but did not call listen()",
    ],
    fixes: [
      "on the server host, `ss -ltnp` (TCP), `ss -lunp` (UDP) or `ss -lxp` (unix) shows whether anything listens on exactly that address and port",
      "make the server bind the address clients use: 0.0.0.0 or [::] for every interface, 127.0.0.1 for loopback only",
      "retry with a backoff when the server may still be starting",
      "check firewall rules on the server and on the path (`nft list ruleset`, `iptables -S`)",
      "UDP: read it as 'nobody is listening there (right now)' and carry on; an unconnected socket does not receive these reports",
      "AF_UNIX: have the server unlink() a stale path before bind() and call listen() before clients connect",
    ],
    calls: ["connect", "sendto", "sendmsg", "write", "recvfrom", "recvmsg", "read"],
    expected: false,
    man: ["errno(3)", "connect(2)", "tcp(7)", "udp(7)", "unix(7)"],
    sources: [
      uapi("ECONNREFUSED"),
      linux("net/ipv4/tcp_input.c", "tcp_reset"),
      linux("net/ipv4/tcp_ipv4.c", "tcp_v4_err"),
      linux("net/ipv4/icmp.c", "icmp_err_convert"),
      linux("net/ipv4/udp.c", "__udp4_lib_err"),
      linux("net/unix/af_unix.c", "unix_stream_connect", "unix_find_bsd", "unix_find_abstract"),
      man("connect(2)"),
    ],
    os: {
      windows:
        "WSAECONNREFUSED (10061) from connect(), or through the exceptfds set of select() / FD_CONNECT for a non-blocking connect. A UDP port unreachable is reported differently: as WSAECONNRESET (10054) on a later recvfrom(), even on an unconnected socket, unless turned off with the SIO_UDP_CONNRESET ioctl.",
      macos: "ECONNREFUSED, number 61 (Linux: 111), with the same TCP and connected-UDP meanings.",
      freebsd: "ECONNREFUSED, number 61 (Linux: 111), with the same TCP and connected-UDP meanings.",
      lwip: "No mapping: err_to_errno() has no ECONNREFUSED. A RST answering the SYN arrives as ERR_RST, so the connect fails with ECONNRESET; incoming ICMP destination-unreachable messages are only counted, never turned into socket errors.",
      plan9:
        "dial() fails with the error string 'connection refused' (tcp.c closes the conversation with it when a RST answers the SYN); an ICMP 'port unreachable' during the handshake ends it with that text instead. APE maps 'connection refused' to ECONNREFUSED.",
    },
  },
  {
    kind: "errno",
    name: "ECONNRESET",
    number: 104,
    text: "Connection reset by peer",
    meaning:
      "A RST arrived on an established connection, so the kernel dropped the connection and everything still queued to send (tcp_reset; a RST before the handshake completes is ECONNREFUSED, and one that comes after the peer's FIN is reported as EPIPE). The error is reported once, by the next recv, send or SO_ERROR read; after that recv returns 0. The RST is sent by the peer's kernel: usually because the peer closed while data it had not read was still queued, or aborted with SO_LINGER {1,0}. AF_UNIX stream: the peer closed without reading everything we sent.",
    causes: [
      "the peer closed its socket with unread data in its receive queue, e.g. a server that answers and closes without reading the whole request (Linux then sends RST instead of FIN)",
      "the peer aborted on purpose (SO_LINGER {1,0}) or its process was killed while data was pending",
      "a NAT, load balancer or firewall lost the idle connection's state and answered our next segment with RST",
      "the peer host rebooted and rejects segments of the connection it no longer knows",
      "protocol mismatch, e.g. plain text sent to a TLS port and the server aborting",
    ],
    fixes: [
      "treat it as the end of the connection: close the fd, and reconnect and retry only if the request is safe to repeat",
      "on the peer, read what the other side sent (or shutdown(SHUT_WR) and drain) before close(), so the close sends FIN instead of RST",
      "for idle connections behind NAT, enable SO_KEEPALIVE with TCP_KEEPIDLE below the middlebox timeout, or reconnect on demand",
      "see who sent the RST: `tcpdump -ni any 'tcp[tcpflags] & tcp-rst != 0'`",
    ],
    calls: ["recvfrom", "recvmsg", "read", "sendto", "sendmsg", "write"],
    expected: false,
    man: ["errno(3)", "tcp(7)", "recv(2)", "send(2)", "socket(7)"],
    sources: [
      uapi("ECONNRESET"),
      linux("net/ipv4/tcp_input.c", "tcp_reset"),
      linux("net/ipv4/tcp.c", "__tcp_close"),
      linux("net/unix/af_unix.c", "unix_release_sock"),
      man("tcp(7)"),
    ],
    os: {
      windows:
        "WSAECONNRESET (10054): the peer reset the connection (an abortive close, or its host restarted). Windows also uses it on UDP sockets for an ICMP port unreachable caused by an earlier send (see SIO_UDP_CONNRESET).",
      macos: "ECONNRESET, number 54 (Linux: 104).",
      freebsd: "ECONNRESET, number 54 (Linux: 104).",
      lwip: "ERR_RST (-14) maps to ECONNRESET: a RST was received. lwIP also reports a refused connect (RST answering the SYN) this way, where Linux says ECONNREFUSED.",
      plan9:
        "No separate string: tcp.c closes a conversation hit by a RST with 'connection refused', the same text as a refused dial, and later reads and writes on its data file fail with that text.",
    },
  },
  {
    kind: "errno",
    name: "ECONNABORTED",
    number: 103,
    text: "Software caused connection abort",
    meaning:
      "This host, not the peer, tore the connection down. Rare on Linux: the socket was destroyed administratively (`ss -K`, which calls tcp_abort with ECONNABORTED through sock_diag) and its owner's next call reports it; connect() found its socket closed with no error recorded (__inet_stream_connect); or accept() could not read the new connection's peer address. Linux accept() does not report connections that were reset while queued: it returns them, and the first recv gets ECONNRESET.",
    causes: [
      "a person or tool killed the socket with `ss -K` (needs CONFIG_INET_DIAG_DESTROY)",
      "code written for BSD or Windows, where it is common (a queued connection closed before accept(); the local stack giving up on retransmissions)",
    ],
    fixes: [
      "close the fd and reconnect: the connection is gone",
      "in accept() loops, log it and keep accepting; never let it end the loop (portable servers must, since BSD returns it routinely)",
      "check whether something runs `ss -K` or another socket-killing policy, for example on network changes",
    ],
    calls: ["accept", "accept4", "connect", "recvfrom", "recvmsg", "read", "sendto", "sendmsg", "write"],
    expected: false,
    man: ["errno(3)", "accept(2)", "ss(8)"],
    sources: [
      uapi("ECONNABORTED"),
      linux("net/ipv4/tcp.c", "tcp_abort"),
      linux("net/ipv4/tcp_diag.c", "tcp_diag_destroy"),
      linux("net/ipv4/af_inet.c", "__inet_stream_connect"),
      linux("net/socket.c", "do_accept"),
      man("accept(2)"),
    ],
    os: {
      windows:
        "WSAECONNABORTED (10053), common on Windows: the local stack aborted an established connection, typically because data retransmissions timed out, or on a protocol error.",
      macos: "ECONNABORTED, number 53 (Linux: 103).",
      freebsd:
        "ECONNABORTED, number 53 (Linux: 103); accept(2) documents it for a connection that arrived but was closed while waiting in the listen queue.",
      lwip: "ERR_ABRT (-13) maps to ECONNABORTED: lwIP aborted the pcb itself, e.g. when SYN or data retransmissions ran out (TCP_SYNMAXRTX / TCP_MAXRTX in tcp_slowtmr) or when it killed the pcb to make room for a new one. A connect that times out on lwIP therefore reports ECONNABORTED, not ETIMEDOUT.",
      plan9:
        "No 'aborted' string: a conversation the local TCP gives up on is closed with 'connection timed out', and I/O on a closed conversation fails with 'i/o on hungup channel' (APE: ESHUTDOWN).",
    },
  },
  {
    kind: "errno",
    name: "EPIPE",
    number: 32,
    text: "Broken pipe",
    meaning:
      "A write on a stream that can no longer carry data out: this side already shut down writing (shutdown SHUT_WR or SHUT_RDWR), the connection is closed or was reset after the peer's FIN, or the TCP socket was never connected (Linux returns EPIPE here, not ENOTCONN: sk_stream_wait_connect). On AF_UNIX stream sockets the peer has closed or shut down its reading side. Unless the call passed MSG_NOSIGNAL, the thread also gets SIGPIPE, whose default action kills the process before it can look at errno (strace: `--- SIGPIPE ---`, then `+++ killed by SIGPIPE +++`).",
    causes: [
      "the peer closed the connection and the program kept writing: the first write after the close still succeeds and draws a RST, the next one fails with EPIPE",
      "writing after this side's own shutdown(SHUT_WR)",
      "writing again after a recv or send already reported ECONNRESET: the connection is gone, so later writes get EPIPE",
      "send() on a TCP socket whose connect() failed or was never called",
      "a unix-socket client that exited (or shut down reading) while the server was still writing",
    ],
    fixes: [
      "send with MSG_NOSIGNAL, or ignore SIGPIPE (signal(SIGPIPE, SIG_IGN)), so the failure comes back as EPIPE instead of killing the process; write() cannot take MSG_NOSIGNAL",
      "treat EPIPE as 'peer gone': stop writing and close the fd",
      "check the connect() result (SO_ERROR after a non-blocking connect) before sending",
    ],
    calls: ["sendto", "sendmsg", "sendmmsg", "write", "writev", "sendfile"],
    expected: false,
    man: ["errno(3)", "send(2)", "write(2)", "signal(7)", "tcp(7)", "unix(7)"],
    sources: [
      base("EPIPE"),
      linux("net/core/stream.c", "sk_stream_wait_connect", "sk_stream_error"),
      linux("net/ipv4/tcp_input.c", "tcp_reset"),
      linux("net/unix/af_unix.c", "unix_stream_sendmsg"),
      man("send(2)"),
    ],
    os: {
      windows:
        "No EPIPE and no SIGPIPE in Winsock: send() on a broken connection fails with WSAECONNRESET (10054) or WSAECONNABORTED (10053), and after shutdown(SD_SEND) with WSAESHUTDOWN (10058).",
      macos:
        "EPIPE, number 32 (same as Linux), with SIGPIPE; the per-socket way to suppress the signal is setsockopt(SO_NOSIGPIPE).",
      freebsd:
        "EPIPE, number 32 (same as Linux), with SIGPIPE; suppress it per call with MSG_NOSIGNAL or per socket with SO_NOSIGPIPE.",
      lwip: "No signals, and lwIP's socket layer never sets EPIPE: a send on a closed or reset connection fails with an err_to_errno() code such as ECONNRESET, ECONNABORTED or ENOTCONN.",
      plan9:
        "A write on a hung-up conversation fails with its close reason or 'i/o on hungup channel' (APE maps the latter to ESHUTDOWN); only pipes post the note 'sys: write on closed pipe'.",
    },
  },
  {
    kind: "errno",
    name: "ETIMEDOUT",
    number: 110,
    text: "Connection timed out",
    meaning:
      "TCP gave up: it retransmitted without an acknowledgement until its time budget ran out, closed the connection and recorded ETIMEDOUT (tcp_write_err), or the ICMP error it had noted meanwhile (then you see e.g. EHOSTUNREACH instead). The budgets: SYN retries for connect() (net.ipv4.tcp_syn_retries or TCP_SYNCNT, about 2 minutes by default), data retransmissions (net.ipv4.tcp_retries2, about 15 minutes), TCP_USER_TIMEOUT, and unanswered keepalive probes. An expired SO_RCVTIMEO/SO_SNDTIMEO is not this error: that is EAGAIN (EINPROGRESS for connect).",
    causes: [
      "nothing answers: the host is down or the address is wrong, or a firewall silently drops the SYNs (DROP rather than REJECT)",
      "the server's accept queue is full: Linux drops new SYNs silently instead of refusing them, so clients time out (`nstat -az TcpExtListenOverflows` on the server)",
      "an established peer vanished (crash, cable, lost NAT state) while data was unacknowledged, or keepalive probes went unanswered",
      "TCP_USER_TIMEOUT set low on the socket",
    ],
    fixes: [
      "test reachability along the path: `ping`, `traceroute -T -p PORT`, and look for firewall rules that drop instead of reject",
      "on the server, `ss -ltn` shows each listener's backlog (Send-Q) and current queue (Recv-Q); raise the backlog / net.core.somaxconn or accept faster",
      "put an application deadline on connects (non-blocking connect plus a poll timeout) instead of waiting out the kernel's budget",
      "for long idle connections, enable SO_KEEPALIVE with shorter TCP_KEEPIDLE / TCP_KEEPINTVL / TCP_KEEPCNT to notice dead peers sooner",
    ],
    calls: ["connect", "recvfrom", "recvmsg", "read", "sendto", "sendmsg", "write"],
    expected: false,
    man: ["errno(3)", "connect(2)", "tcp(7)"],
    sources: [
      uapi("ETIMEDOUT"),
      linux("net/ipv4/tcp_timer.c", "tcp_write_err", "tcp_write_timeout", "tcp_keepalive_timer"),
      linux("net/ipv4/af_inet.c", "__inet_stream_connect"),
      man("tcp(7)"),
    ],
    os: {
      windows:
        "WSAETIMEDOUT (10060): connect() got no answer within the retry budget, or an established connection timed out.",
      macos: "ETIMEDOUT, number 60 (Linux: 110); strerror text 'Operation timed out'.",
      freebsd: "ETIMEDOUT, number 60 (Linux: 110); strerror text 'Operation timed out'.",
      lwip: "Not produced by lwIP's TCP: running out of SYN or data retransmissions aborts the pcb with ERR_ABRT, reported as ECONNABORTED. ERR_TIMEOUT (-3) maps to EWOULDBLOCK, which is what an expired SO_RCVTIMEO returns.",
      plan9:
        "'connection timed out': tcp.c closes the conversation with it when retransmissions or keepalives go unanswered. APE maps it to ETIMEDOUT.",
    },
  },
  {
    kind: "errno",
    name: "EHOSTUNREACH",
    number: 113,
    text: "No route to host",
    meaning:
      "The host cannot be reached. Locally: the matching route is of type 'unreachable', or (most often, on a LAN) the next hop never answered ARP / neighbour discovery, and after about 3 s the kernel dropped the queued packets and delivered a host-unreachable ICMP to itself (ipv4_link_failure). Remotely: a router or firewall sent ICMP host unreachable, host prohibited or administratively filtered. During a TCP handshake any of these ends connect() at once (tcp_v4_err); on an established connection it is only remembered, and replaces ETIMEDOUT if the connection later times out. A UDP socket hears of it only when connected and only for the 'prohibited'/'filtered' kinds. IP_RECVERR makes both report every ICMP error at once.",
    causes: [
      "the destination is on the local subnet but down or absent, so ARP gets no reply (connect() fails after about 3 s)",
      "a firewall on the target or on the path rejects with icmp-host-prohibited or admin-prohibited",
      "a route of type unreachable (`ip route add unreachable …`), for example installed by a VPN or a policy",
      "a routing loop: ICMP time exceeded during the handshake is reported the same way",
    ],
    fixes: [
      "`ip route get ADDR` shows the route and source address chosen; `ip neigh show` lists FAILED or INCOMPLETE neighbour entries",
      "check that the target is up and on the subnet you expect (`ping`, `arping`)",
      "check REJECT rules on the target and on the routers between",
    ],
    calls: ["connect", "sendto", "sendmsg", "write", "recvfrom", "recvmsg", "read"],
    expected: false,
    man: ["errno(3)", "connect(2)", "ip(7)", "ip-route(8)"],
    sources: [
      uapi("EHOSTUNREACH"),
      linux("net/ipv4/icmp.c", "icmp_err_convert"),
      linux("net/ipv4/tcp_ipv4.c", "tcp_v4_err"),
      linux("net/ipv4/route.c", "ipv4_link_failure", "ipv4_send_dest_unreach"),
      linux("net/ipv4/fib_semantics.c", "fib_props"),
      linux("net/ipv4/udp.c", "__udp4_lib_err"),
      man("ip(7)"),
    ],
    os: {
      windows: "WSAEHOSTUNREACH (10065).",
      macos: "EHOSTUNREACH, number 65 (Linux: 113).",
      freebsd:
        "EHOSTUNREACH, number 65 (Linux: 113). When ARP fails for an on-link destination, FreeBSD's arpresolve returns EHOSTDOWN (64) instead; EHOSTUNREACH is kept for an unresolvable gateway.",
      lwip: "ERR_RTE (-4) maps to EHOSTUNREACH: no netif or route for the destination (tcp_connect, udp_sendto). lwIP has no ENETUNREACH: every missing route is reported this way, and ICMP errors from the network never become socket errors.",
      plan9:
        "Output that cannot be routed closes a TCP conversation with 'no route'; an ICMP 'host unreachable' during dial ends it with that text. APE has no mapping for these strings and falls back to EINVAL.",
    },
  },
  {
    kind: "errno",
    name: "ENETUNREACH",
    number: 101,
    text: "Network is unreachable",
    meaning:
      "The route lookup for the destination found nothing usable, so the call failed before any packet was sent: no route at all (typically no default route), or the socket is tied to an interface that is down. TCP also refuses broadcast and multicast destinations this way (tcp_v4_connect), and an IPV6_V6ONLY socket refuses IPv4-mapped addresses. An ICMP network unreachable from a router has the same code and is handled like EHOSTUNREACH: fatal during a handshake, otherwise a soft error.",
    causes: [
      "no default route: network not configured yet, DHCP not finished, or a container without networking",
      "an IPv6 destination (AAAA record) on a host without IPv6 routes; clients that try every address fall back, simple ones fail",
      "the socket is bound to an interface that is down (SO_BINDTODEVICE)",
      "TCP connect to a broadcast or multicast address, or an IPv4-mapped address on an IPV6_V6ONLY socket",
    ],
    fixes: [
      "`ip route get ADDR` (or `ip -6 route`) shows whether a route exists; `ip link` shows interface state",
      "try every address getaddrinfo() returns, not only the first",
      "start the service after the network is up (systemd network-online.target)",
    ],
    calls: ["connect", "sendto", "sendmsg", "write", "recvfrom", "recvmsg"],
    expected: false,
    man: ["errno(3)", "connect(2)", "ip(7)", "ipv6(7)"],
    sources: [
      uapi("ENETUNREACH"),
      linux("net/ipv4/route.c", "ip_route_output_key_hash_rcu"),
      linux("include/net/ip_fib.h", "fib_lookup"),
      linux("net/ipv4/tcp_ipv4.c", "tcp_v4_connect"),
      linux("net/ipv6/tcp_ipv6.c", "tcp_v6_connect"),
      linux("net/ipv4/icmp.c", "icmp_err_convert"),
      man("ip(7)"),
    ],
    os: {
      windows: "WSAENETUNREACH (10051).",
      macos: "ENETUNREACH, number 51 (Linux: 101).",
      freebsd: "ENETUNREACH, number 51 (Linux: 101).",
      lwip: "Not produced: a missing route is ERR_RTE, which err_to_errno() turns into EHOSTUNREACH.",
      plan9:
        "No separate code: output that cannot be routed closes a TCP conversation with 'no route', and an ICMP 'net unreachable' during dial ends it with that text.",
    },
  },
  {
    kind: "errno",
    name: "ENETDOWN",
    number: 100,
    text: "Network is down",
    meaning:
      "The interface the packet had to leave through is not up. On Linux this comes mostly from paths that name a device directly: a packet-socket (AF_PACKET) send on an interface that is administratively down (packet_snd checks IFF_UP), and the transmit path of queue-less virtual devices (__dev_queue_xmit). For TCP and UDP a down interface usually shows up as ENETUNREACH instead, because its routes go away with it; a send racing with the interface going down can still get ENETDOWN.",
    causes: [
      "the interface was set down or removed (`ip link set DEV down`, a VPN or tunnel torn down)",
      "a packet-socket program (DHCP client, capture or raw L2 sender) bound to that interface",
      "a race with an interface going down, e.g. during network reconfiguration or namespace teardown",
    ],
    fixes: [
      "`ip link show DEV`: look for UP in the flags; bring it up or use another interface",
      "retry after the link comes back; watch rtnetlink link events rather than polling",
    ],
    calls: ["sendto", "sendmsg", "write"],
    expected: false,
    man: ["errno(3)", "packet(7)", "netdevice(7)"],
    sources: [
      uapi("ENETDOWN"),
      linux("net/packet/af_packet.c", "packet_snd"),
      linux("net/core/dev.c", "__dev_queue_xmit"),
      linux("net/core/neighbour.c", "neigh_blackhole"),
      man("packet(7)"),
    ],
    os: {
      windows:
        "WSAENETDOWN (10050): the network subsystem or the interface failed; Winsock can report it from almost any call.",
      macos: "ENETDOWN, number 50 (Linux: 100).",
      freebsd: "ENETDOWN, number 50 (Linux: 100).",
      lwip: "No direct mapping: ip_route() skips netifs that are down, so sends fail with ERR_RTE (EHOSTUNREACH). ERR_IF (-12, low-level netif error) has no errno: err_to_errno() returns -1 for it.",
      plan9:
        "No dedicated string for it: the error text comes from whichever interface or medium code failed, read with errstr().",
    },
  },
  {
    kind: "errno",
    name: "EADDRINUSE",
    number: 98,
    text: "Address already in use",
    meaning:
      "The local address and port asked for are taken under the sharing rules (inet_csk_bind_conflict for TCP, udp_lib_get_port for UDP). TCP's usual blockers: another socket listening on that port (same address or the wildcard; a dual-stack [::] listener also blocks a later 0.0.0.0 bind), or connections of the previous server run still in TIME_WAIT when the new socket lacks SO_REUSEADDR. SO_REUSEADDR never lets two sockets listen on one port on Linux; that needs SO_REUSEPORT on every socket, same user. listen() returns it when another socket already listens there or its automatic bind finds no port. AF_UNIX: the path (or abstract name) already exists; bind() never removes an old socket file.",
    causes: [
      "another instance or another program already listens on the port",
      "a quick server restart: the old connections are in TIME_WAIT and the new socket did not set SO_REUSEADDR",
      "listening on [::]:PORT (dual-stack) and then on 0.0.0.0:PORT",
      "AF_UNIX: the socket file from a previous run is still there",
      "two SO_REUSEADDR sockets both calling listen(): the binds succeed, the second listen() fails",
      "bind() to port 0 with the ephemeral range exhausted; IP_ADD_MEMBERSHIP for a group the socket already joined",
    ],
    fixes: [
      "`ss -ltnp 'sport = :PORT'` (or `ss -lunp`) shows who holds the port; `ss -tan state time-wait '( sport = :PORT )'` shows TIME_WAIT leftovers",
      "set SO_REUSEADDR before bind() on listening sockets (standard for servers)",
      "use SO_REUSEPORT on all sockets when several processes must share a port, and IPV6_V6ONLY=1 when separate IPv4 and IPv6 sockets must coexist",
      "AF_UNIX: unlink() the path before bind() once you know no server is alive, or use an abstract name",
    ],
    calls: ["bind", "listen", "setsockopt"],
    expected: false,
    man: ["errno(3)", "bind(2)", "listen(2)", "socket(7)", "ip(7)", "unix(7)"],
    sources: [
      uapi("EADDRINUSE"),
      linux(
        "net/ipv4/inet_connection_sock.c",
        "inet_csk_get_port",
        "inet_csk_bind_conflict",
        "inet_csk_listen_start",
      ),
      linux("net/ipv4/udp.c", "udp_lib_get_port"),
      linux("net/unix/af_unix.c", "unix_bind_bsd", "unix_bind_abstract"),
      linux("net/ipv4/igmp.c", "__ip_mc_join_group"),
      man("bind(2)"),
    ],
    os: {
      windows:
        "WSAEADDRINUSE (10048). The rules differ: Windows SO_REUSEADDR lets a socket bind a port another socket is actively using; SO_EXCLUSIVEADDRUSE prevents that, and a bind blocked by such a socket fails with WSAEACCES (10013).",
      macos:
        "EADDRINUSE, number 48 (Linux: 98). BSD SO_REUSEADDR mainly relaxes TIME_WAIT and wildcard-versus-specific conflicts; SO_REUSEPORT allows full duplicates.",
      freebsd:
        "EADDRINUSE, number 48 (Linux: 98). SO_REUSEPORT allows duplicate binds; SO_REUSEPORT_LB spreads incoming connections over the group like Linux SO_REUSEPORT.",
      lwip: "ERR_USE (-8) maps to EADDRINUSE: the local port is taken (tcp_bind, udp_bind); sharing needs SO_REUSE=1 at build time plus SO_REUSEADDR on the socket.",
      plan9:
        "announce fails with 'address in use' (devip.c) when the port is taken; APE maps it, and 'network port not available', to EADDRINUSE.",
    },
  },
  {
    kind: "errno",
    name: "EADDRNOTAVAIL",
    number: 99,
    text: "Cannot assign requested address",
    meaning:
      "The kernel cannot give the socket the local address it needs. bind(): the IP is not configured on this host (__inet_bind checks the local routing table), unless non-local binding is allowed (net.ipv4.ip_nonlocal_bind, IP_FREEBIND, IP_TRANSPARENT); for IPv6 also an address still marked tentative by duplicate address detection. connect(): no local port is free toward that destination — every port of net.ipv4.ip_local_port_range is already used with the same remote address and port, TIME_WAIT included (__inet_hash_connect) — or the socket was bound to a fixed port whose 4-tuple is already in use. Also IP_MULTICAST_IF / IP_UNICAST_IF naming an interface that does not exist.",
    causes: [
      "binding an address this host does not have: copied from another machine, changed by DHCP or a container restart, or not configured yet when the service starts",
      "IPv6: binding right after the address was added, while DAD still marks it tentative",
      "a client making many short connections to one server:port: the ephemeral range (28232 ports by default) is used up, mostly by TIME_WAIT",
      "connect() after bind() to a fixed local port that is already connected to the same destination",
    ],
    fixes: [
      "`ip addr` lists the local addresses; bind 0.0.0.0 / [::], or allow addresses that appear later with IP_FREEBIND or net.ipv4.ip_nonlocal_bind=1 (net.ipv6.ip_nonlocal_bind=1)",
      "`ss -s` and `ss -tan state time-wait | wc -l` show port use; reuse connections (keep-alive, pooling), widen net.ipv4.ip_local_port_range, or let net.ipv4.tcp_tw_reuse reuse TIME_WAIT for outgoing connections (its default 2 means loopback only)",
      "don't bind client sockets to a fixed port; to pin only the source address, set IP_BIND_ADDRESS_NO_PORT before bind()",
      "IPv6: wait for DAD to finish, add the address with `nodad`, or use IP_FREEBIND",
    ],
    calls: ["bind", "connect", "setsockopt"],
    expected: false,
    man: ["errno(3)", "bind(2)", "connect(2)", "ip(7)", "ipv6(7)"],
    sources: [
      uapi("EADDRNOTAVAIL"),
      linux("net/ipv4/af_inet.c", "__inet_bind"),
      linux("net/ipv6/af_inet6.c", "__inet6_bind"),
      linux("net/ipv4/inet_hashtables.c", "__inet_hash_connect", "__inet_check_established"),
      linux("net/ipv4/ip_sockglue.c", "do_ip_setsockopt"),
      man("ip(7)"),
    ],
    os: {
      windows:
        "WSAEADDRNOTAVAIL (10049): bind to an address that is not local, or connect to an address that cannot be a destination such as 0.0.0.0 (Linux instead connects 0.0.0.0 to the local host). Running out of ephemeral ports usually shows up as WSAENOBUFS (10055) on Windows.",
      macos: "EADDRNOTAVAIL, number 49 (Linux: 99).",
      freebsd: "EADDRNOTAVAIL, number 49 (Linux: 99).",
      lwip: "Only from the multicast membership options, when the IGMP/MLD join or leave fails. A connect with no free local port fails with ERR_BUF, i.e. ENOBUFS.",
      plan9:
        "The kernel picks local ports itself (setlport in devip.c) and treats running out as a kernel bug (it panics) rather than returning an error string.",
    },
  },
  {
    kind: "errno",
    name: "EACCES",
    number: 13,
    text: "Permission denied",
    meaning:
      "A permission check on the operation failed. Socket cases on Linux: bind() to a port below net.ipv4.ip_unprivileged_port_start (1024) without CAP_NET_BIND_SERVICE (__inet_bind); sending to a broadcast address without SO_BROADCAST (udp_sendmsg); AF_UNIX: no write permission on the socket file (connect, sendto) or on the directory bind() creates it in, or no search permission on a directory of the path; a route of type 'prohibit'; an ICMP datagram ('ping') socket for a group outside net.ipv4.ping_group_range; or a security module (SELinux, AppArmor) refusing the call.",
    causes: [
      "an unprivileged server binding port 80, 443 or another port below 1024",
      "UDP broadcast without setsockopt(SO_BROADCAST, 1)",
      "a unix socket owned by another user or group, e.g. a daemon's socket that requires membership of its group",
      "SELinux or AppArmor policy (see the audit log)",
      "a `prohibit` route",
    ],
    fixes: [
      "grant CAP_NET_BIND_SERVICE (`setcap cap_net_bind_service=+ep BINARY`, or systemd AmbientCapabilities=), use a port ≥ 1024 behind a proxy or redirect, or lower net.ipv4.ip_unprivileged_port_start",
      "set SO_BROADCAST before sending to a broadcast address",
      "`ls -l` the socket path and each directory above it, and fix the owner, group or mode",
      "look for LSM denials: `ausearch -m avc -ts recent`, or `journalctl -k | grep -i apparmor`",
    ],
    calls: ["bind", "connect", "sendto", "sendmsg", "socket"],
    expected: false,
    man: ["errno(3)", "bind(2)", "ip(7)", "unix(7)", "capabilities(7)", "icmp(7)"],
    sources: [
      base("EACCES"),
      linux("net/ipv4/af_inet.c", "__inet_bind"),
      linux("include/net/ip.h", "inet_port_requires_bind_service"),
      linux("net/ipv4/udp.c", "udp_sendmsg"),
      linux("net/unix/af_unix.c", "unix_find_bsd"),
      linux("net/ipv4/fib_semantics.c", "fib_props"),
      linux("net/ipv4/ping.c", "ping_init_sock"),
      man("bind(2)"),
    ],
    os: {
      windows:
        "WSAEACCES (10013): broadcast without SO_BROADCAST, bind() to a port held by a socket with SO_EXCLUSIVEADDRUSE, or a port inside a range the system has reserved (`netsh interface ipv4 show excludedportrange protocol=tcp`). Windows has no privileged ports below 1024.",
      macos:
        "EACCES, number 13 (same as Linux), for broadcast without SO_BROADCAST and unix-socket file permissions. Whether ports below 1024 need root has changed across macOS releases; check on the target version.",
      freebsd:
        "EACCES, number 13 (same as Linux). Ports up to net.inet.ip.portrange.reservedhigh (1023) need privilege; broadcast needs SO_BROADCAST.",
      lwip: "Not used: lwIP has no privileged ports or permission checks, and its socket layer never sets EACCES.",
      plan9:
        "'permission denied' when the user may not open or write the /net files; APE maps that string to EPERM, not EACCES.",
    },
  },
  {
    kind: "errno",
    name: "EPERM",
    number: 1,
    text: "Operation not permitted",
    meaning:
      "The operation needs a privilege the process lacks, or a policy vetoed it (EACCES is the usual code for file-style permissions). Socket cases: raw and packet sockets without CAP_NET_RAW (inet_create, packet_create); options reserved to CAP_NET_ADMIN/CAP_NET_RAW such as SO_MARK, SO_RCVBUFFORCE/SO_SNDBUFFORCE, SO_PRIORITY above 6 or IP_TRANSPARENT; a netfilter rule dropping this host's own outgoing packet (nf_hook_slow turns the drop into EPERM, visible on UDP, ICMP and raw sends; a dropped TCP SYN is just retried until connect() times out); a cgroup BPF program or seccomp filter refusing the call; and on AF_UNIX datagram sockets, sending to a socket that is connected to someone else.",
    causes: [
      "opening a raw or packet socket (ping, capture, DHCP or ARP tools) as an ordinary user",
      "a firewall rule in the OUTPUT path dropping our packets",
      "setting a privileged option: SO_MARK, SO_RCVBUFFORCE / SO_SNDBUFFORCE, SO_PRIORITY above 6, IP_TRANSPARENT",
      "a sandbox: seccomp filter, container runtime, or systemd IPAddressDeny= / SocketBindDeny= (cgroup BPF)",
      "AF_UNIX datagram: the target socket is connected to a different peer",
    ],
    fixes: [
      "grant the capability (`setcap cap_net_raw=+ep BINARY`, systemd AmbientCapabilities=CAP_NET_RAW or CAP_NET_ADMIN) or move the privileged part into a helper",
      "for ping without CAP_NET_RAW, use an ICMP datagram socket (SOCK_DGRAM, IPPROTO_ICMP) and check net.ipv4.ping_group_range",
      "inspect output firewall rules and their drop counters (`nft list ruleset`, `iptables -S OUTPUT -v`)",
      "check the sandbox: `systemctl show UNIT -p IPAddressDeny -p SocketBindDeny -p SystemCallFilter`",
    ],
    calls: ["socket", "setsockopt", "sendto", "sendmsg", "write", "bind", "connect"],
    expected: false,
    man: ["errno(3)", "raw(7)", "packet(7)", "socket(7)", "capabilities(7)"],
    sources: [
      base("EPERM"),
      linux("net/ipv4/af_inet.c", "inet_create"),
      linux("net/packet/af_packet.c", "packet_create"),
      linux("net/core/sock.c", "sk_setsockopt"),
      linux("net/netfilter/core.c", "nf_hook_slow"),
      linux("kernel/bpf/cgroup.c", "__cgroup_bpf_run_filter_sock_addr"),
      linux("net/unix/af_unix.c", "unix_dgram_sendmsg"),
      man("raw(7)"),
    ],
    os: {
      windows:
        "No WSAEPERM. Raw sockets need administrator rights and fail with WSAEACCES (10013); a firewall block usually shows up as a timeout rather than an error.",
      macos:
        "EPERM, number 1 (same as Linux). Raw sockets need root; unprivileged ping uses a SOCK_DGRAM ICMP socket.",
      freebsd:
        "EPERM, number 1 (same as Linux): raw sockets need the PRIV_NETINET_RAW privilege, and privilege checks fail with EPERM.",
      lwip: "Not used: lwIP has no privileges or packet filters at the socket layer.",
      plan9: "'permission denied', e.g. opening a /net file the user may not use; APE maps it to EPERM.",
    },
  },
  {
    kind: "errno",
    name: "EAGAIN",
    number: 11,
    text: "Resource temporarily unavailable",
    meaning:
      "The call would have had to wait, and the socket is non-blocking (O_NONBLOCK, SOCK_NONBLOCK, or MSG_DONTWAIT for this call) or a blocking wait ran into its SO_RCVTIMEO / SO_SNDTIMEO timeout. recv: nothing queued (no data, no EOF, no pending error). send: the send buffer is full, or a TCP connect is still in progress. accept: no completed connection is queued. connect on AF_UNIX: the listener's backlog is full (unix never returns EINPROGRESS). Also UDP sendto()/connect() when no ephemeral port is left for the implicit bind. EWOULDBLOCK is the same number on Linux, so strace always prints EAGAIN.",
    causes: [
      "normal non-blocking I/O: nothing to read yet, or the peer reads more slowly than we write",
      "an SO_RCVTIMEO or SO_SNDTIMEO timeout expired on a blocking socket",
      "non-blocking accept() with nothing queued, e.g. several processes woken for one connection",
      "an AF_UNIX server that does not accept fast enough, so its backlog is full",
      "UDP: ephemeral ports exhausted for the automatic bind",
    ],
    fixes: [
      "wait for readiness with poll/epoll (POLLIN for recv and accept, POLLOUT for send) and retry; with edge-triggered epoll, keep reading until EAGAIN",
      "for send, keep the unsent rest and resume on POLLOUT; a short write count is normal",
      "when it comes from a timeout, decide whether to retry or give up: it says nothing about the peer",
      "unix backlog full: accept faster or raise the listen() backlog (capped by net.core.somaxconn)",
    ],
    calls: [
      "recvfrom",
      "recvmsg",
      "recvmmsg",
      "read",
      "sendto",
      "sendmsg",
      "sendmmsg",
      "write",
      "accept",
      "accept4",
      "connect",
    ],
    expected: true,
    man: ["errno(3)", "recv(2)", "send(2)", "accept(2)", "connect(2)", "socket(7)", "epoll(7)"],
    sources: [
      uapi("EWOULDBLOCK"),
      base("EAGAIN"),
      linux("net/core/stream.c", "sk_stream_wait_memory", "sk_stream_wait_connect"),
      linux("net/ipv4/tcp.c", "tcp_recvmsg_locked"),
      linux("net/ipv4/inet_connection_sock.c", "inet_csk_accept"),
      linux("net/unix/af_unix.c", "unix_stream_connect", "unix_dgram_sendmsg"),
      linux("net/ipv4/af_inet.c", "inet_autobind"),
      man("socket(7)"),
    ],
    os: {
      windows:
        "WSAEWOULDBLOCK (10035): the same 'try again later' condition, and also what a non-blocking connect() returns (Winsock has no EINPROGRESS for it). There is no separate WSAEAGAIN.",
      macos: "EAGAIN, number 35 (Linux: 11); EWOULDBLOCK is the same value.",
      freebsd:
        "EAGAIN, number 35 (Linux: 11); EWOULDBLOCK is an alias. Sockets returned by accept() inherit O_NONBLOCK from the listener there (on Linux they do not).",
      lwip: "ERR_WOULDBLOCK (-7) and ERR_TIMEOUT (-3) both map to EWOULDBLOCK, so an expired SO_RCVTIMEO gives it too. lwIP's own errno.h (LWIP_PROVIDE_ERRNO) uses the Linux values: EAGAIN 11, EWOULDBLOCK defined as EAGAIN.",
      plan9:
        "No non-blocking mode: reads and writes on /net files block, and programs use one process or thread per connection instead.",
    },
  },
  {
    kind: "errno",
    name: "EWOULDBLOCK",
    number: 11,
    text: "Resource temporarily unavailable",
    meaning:
      "Another name for EAGAIN: Linux defines EWOULDBLOCK as EAGAIN (include/uapi/asm-generic/errno.h), so both are 11 and neither the kernel, strerror() nor strace can tell them apart (strace prints EAGAIN). The name comes from BSD sockets ('operation would block'); POSIX allows the two to differ, which is why portable code tests both. Everything said under EAGAIN applies.",
    causes: [
      "a non-blocking socket call that would have had to wait: no data, no buffer space, no queued connection",
      "a blocking socket call whose SO_RCVTIMEO / SO_SNDTIMEO expired",
    ],
    fixes: [
      "handle it exactly like EAGAIN: wait for readiness (poll/epoll) and retry",
      "in portable code, test `errno == EAGAIN || errno == EWOULDBLOCK`",
    ],
    calls: ["recvfrom", "recvmsg", "read", "sendto", "sendmsg", "write", "accept", "accept4", "connect"],
    expected: true,
    man: ["errno(3)", "recv(2)", "send(2)", "accept(2)"],
    sources: [uapi("EWOULDBLOCK"), base("EAGAIN"), man("errno(3)")],
    os: {
      windows: "WSAEWOULDBLOCK (10035), Winsock's only code for this condition.",
      macos: "EWOULDBLOCK is EAGAIN, number 35 (Linux: 11).",
      freebsd: "EWOULDBLOCK is EAGAIN, number 35 (Linux: 11).",
      lwip: "ERR_WOULDBLOCK (-7) and ERR_TIMEOUT (-3) map to EWOULDBLOCK, which lwIP's own errno.h defines as EAGAIN (11).",
      plan9: "No equivalent: Plan 9 I/O has no non-blocking mode.",
    },
  },
  {
    kind: "errno",
    name: "EINPROGRESS",
    number: 115,
    text: "Operation now in progress",
    meaning:
      "A non-blocking TCP connect() sent its SYN and returned without waiting (__inet_stream_connect): the handshake continues in the background. This is the normal answer, even on loopback where it completes within microseconds. Completion shows as POLLOUT on the socket; the outcome is then read with getsockopt(SO_ERROR), which returns and clears the pending error (0 = connected). A blocking connect() returns it too when SO_SNDTIMEO expires before the handshake ends. AF_UNIX never returns it (a full backlog gives EAGAIN), and UDP connect() never waits.",
    causes: [
      "a non-blocking connect(): the expected first answer",
      "a blocking connect() whose SO_SNDTIMEO expired",
    ],
    fixes: [
      "wait for POLLOUT (with your own timeout), then read getsockopt(SOL_SOCKET, SO_ERROR) before using the socket",
      "prefer SO_ERROR to calling connect() again: a repeated connect() returns EALREADY while pending, and returns (and clears) the error if the attempt failed",
    ],
    calls: ["connect"],
    expected: true,
    man: ["errno(3)", "connect(2)", "socket(7)"],
    sources: [uapi("EINPROGRESS"), linux("net/ipv4/af_inet.c", "__inet_stream_connect"), man("connect(2)")],
    os: {
      windows:
        "Not used for connect: a non-blocking connect() fails with WSAEWOULDBLOCK (10035), and completion shows as writable in select() (failure in exceptfds) or as FD_CONNECT. WSAEINPROGRESS (10036) means something else: a Winsock 1.1 blocking call is already running.",
      macos: "EINPROGRESS, number 36 (Linux: 115); same pattern (wait until writable, then SO_ERROR).",
      freebsd: "EINPROGRESS, number 36 (Linux: 115); same pattern (wait until writable, then SO_ERROR).",
      lwip: "ERR_INPROGRESS (-5) maps to EINPROGRESS for lwip_connect() on a non-blocking socket; completion shows as writable in lwip_select()/lwip_poll(), and SO_ERROR reports the netconn's error.",
      plan9:
        "No non-blocking dial: dial() (the 'connect' ctl write) blocks until the connection is up or fails; run it in another process to overlap.",
    },
  },
  {
    kind: "errno",
    name: "EALREADY",
    number: 114,
    text: "Operation already in progress",
    meaning:
      "connect() was called again while the socket's earlier non-blocking connect is still under way (socket state SS_CONNECTING). Nothing new is sent and the first attempt continues. A blocking connect() with SO_SNDTIMEO that is called again while pending waits once more and returns EALREADY if the timeout expires again. Once the attempt has finished, the next connect() returns 0 (once) or the stored error, and later ones EISCONN.",
    causes: [
      "code that polls a non-blocking connect by calling connect() repeatedly (allowed; EALREADY just means 'still connecting')",
      "two code paths or threads connecting the same socket",
      "retrying connect() after EINTR or EINPROGRESS without waiting for writability",
    ],
    fixes: [
      "wait for POLLOUT and read SO_ERROR instead of calling connect() again",
      "if you do poll with connect(): EALREADY means keep waiting, 0 or EISCONN means connected, anything else means it failed",
    ],
    calls: ["connect"],
    expected: true,
    man: ["errno(3)", "connect(2)"],
    sources: [uapi("EALREADY"), linux("net/ipv4/af_inet.c", "__inet_stream_connect"), man("connect(2)")],
    os: {
      windows:
        "WSAEALREADY (10037) while a non-blocking connect is pending; once it completes further calls get WSAEISCONN (10056). Microsoft warns that repeated connect() calls may also see WSAEINVAL or WSAEWOULDBLOCK and advises against polling this way.",
      macos: "EALREADY, number 37 (Linux: 114).",
      freebsd: "EALREADY, number 37 (Linux: 114).",
      lwip: "ERR_ALREADY (-9) maps to EALREADY: lwip_connect() while a connect is already pending on the netconn.",
      plan9: "No equivalent: dial blocks until it finishes, so there is no pending connect to run into.",
    },
  },
  {
    kind: "errno",
    name: "EISCONN",
    number: 106,
    text: "Transport endpoint is already connected",
    meaning:
      "The socket already has a peer, or is in a state that rules one out, and the call tried to give it one. TCP: connect() on an established socket or on any socket not in CLOSE state, a listening socket included (__inet_stream_connect). AF_UNIX stream: connect() on a connected socket, and sendto()/sendmsg() with an address on a connected socket. Linux TCP does not return it for sendto() with an address (the address is ignored), and UDP never does: connect() again re-targets the socket, sendto() with an address overrides the peer for that datagram.",
    causes: [
      "connect() on a socket that is already connected, e.g. a reconnect path that reuses the old fd",
      "polling a non-blocking connect with connect(): after the first success, further calls return EISCONN",
      "connect() on a listening socket after an fd mix-up",
    ],
    fixes: [
      "to reconnect, close() the socket and create a new one: a TCP socket cannot be connected twice",
      "when polling with connect(), treat EISCONN as success",
    ],
    calls: ["connect", "sendto", "sendmsg"],
    expected: false,
    man: ["errno(3)", "connect(2)", "unix(7)"],
    sources: [
      uapi("EISCONN"),
      linux("net/ipv4/af_inet.c", "__inet_stream_connect"),
      linux("net/unix/af_unix.c", "unix_stream_connect", "unix_stream_sendmsg"),
      man("connect(2)"),
    ],
    os: {
      windows:
        "WSAEISCONN (10056): connect() on a connected socket (when polling a non-blocking connect, it means the connection is up); sendto() with an address on a connected socket also fails with it.",
      macos: "EISCONN, number 56 (Linux: 106).",
      freebsd: "EISCONN, number 56 (Linux: 106).",
      lwip: "ERR_ISCONN (-10) maps to EISCONN: connect on a netconn that is already connected.",
      plan9:
        "Writing 'connect' to a conversation that is already in use fails with 'connection in use' (which APE maps to ECONNREFUSED); dial always takes a fresh conversation.",
    },
  },
  {
    kind: "errno",
    name: "ENOTCONN",
    number: 107,
    text: "Transport endpoint is not connected",
    meaning:
      "The call needs a peer and the socket has none: getpeername() on a socket that is not (yet) connected, a TCP socket still in SYN_SENT included; recv() on a TCP socket that never connected or is listening (tcp_recvmsg_locked); shutdown() on an unconnected socket (inet_shutdown); send() without an address on an unconnected AF_UNIX socket. On a never-connected TCP socket recv() says ENOTCONN but send() says EPIPE. A connection that ended normally is not this error: recv returns 0 (EOF).",
    causes: [
      "using a socket before connect() succeeded, e.g. ignoring a failed non-blocking connect and reading anyway",
      "getpeername() on a listening or unconnected socket, or after the connection was torn down",
      "shutdown() after the connection was already closed, or on an unconnected UDP socket",
      "send() on a unix datagram socket with neither connect() nor an address",
    ],
    fixes: [
      "check the connect() result (SO_ERROR for a non-blocking connect) before doing I/O",
      "treat ENOTCONN from shutdown() during teardown as harmless",
      "for unconnected datagram sockets pass an address (sendto) or connect() first",
    ],
    calls: ["getpeername", "recvfrom", "recvmsg", "read", "shutdown", "sendto", "sendmsg", "write"],
    expected: false,
    man: ["errno(3)", "getpeername(2)", "recv(2)", "shutdown(2)"],
    sources: [
      uapi("ENOTCONN"),
      linux("net/ipv4/af_inet.c", "inet_getname", "inet_shutdown"),
      linux("net/ipv4/tcp.c", "tcp_recvmsg_locked"),
      linux("net/unix/af_unix.c", "unix_dgram_sendmsg", "unix_stream_sendmsg"),
      man("getpeername(2)"),
    ],
    os: {
      windows: "WSAENOTCONN (10057).",
      macos: "ENOTCONN, number 57 (Linux: 107).",
      freebsd: "ENOTCONN, number 57 (Linux: 107).",
      lwip: "ERR_CONN (-11, not connected) and ERR_CLSD (-15, connection closed) both map to ENOTCONN; lwip_shutdown() on a socket without a connection sets it too.",
      plan9:
        "No direct equivalent: I/O on a conversation that is not connected fails with the conversation's error text, such as 'i/o on hungup channel' once it has been closed.",
    },
  },
  {
    kind: "errno",
    name: "EDESTADDRREQ",
    number: 89,
    text: "Destination address required",
    meaning:
      "A datagram send had nowhere to go: the socket is not connected and the call gave no address — send()/write() on an unconnected UDP socket, or sendto() with a NULL address (udp_sendmsg; raw and ping sockets alike). It also follows connect(AF_UNSPEC), which dissolves a UDP socket's default peer. AF_UNIX datagram sockets report the same situation as ENOTCONN.",
    causes: [
      "send() or write() on a UDP socket that was never connected",
      "a NULL or zero-length address passed to sendto()",
      "the socket was disconnected with connect(AF_UNSPEC) and the code still uses send()",
    ],
    fixes: ["use sendto() with the destination, or connect() the socket once to set a default peer"],
    calls: ["sendto", "sendmsg", "sendmmsg", "write"],
    expected: false,
    man: ["errno(3)", "send(2)", "udp(7)"],
    sources: [
      uapi("EDESTADDRREQ"),
      linux("net/ipv4/udp.c", "udp_sendmsg"),
      linux("net/ipv4/raw.c", "raw_sendmsg"),
      man("send(2)"),
    ],
    os: {
      windows: "WSAEDESTADDRREQ (10039).",
      macos: "EDESTADDRREQ, number 39 (Linux: 89).",
      freebsd: "EDESTADDRREQ, number 39 (Linux: 89).",
      lwip: "Not used: lwIP's socket layer never sets EDESTADDRREQ, so a send without a destination gets some other code.",
      plan9:
        "No equivalent: the destination belongs to the conversation (set by dial / 'connect'), or, in 'headers' mode, to each message.",
    },
  },
  {
    kind: "errno",
    name: "EMSGSIZE",
    number: 90,
    text: "Message too long",
    meaning:
      "The message cannot go out as one unit. UDP over IPv4: more than 65,507 bytes of payload (udp_sendmsg, __ip_append_data); or fragmentation is forbidden (IP_MTU_DISCOVER = IP_PMTUDISC_DO or PROBE) and the datagram exceeds the path MTU — an ICMP 'fragmentation needed' then also leaves EMSGSIZE pending on a connected socket. AF_UNIX datagram/seqpacket: larger than the send buffer minus 32 bytes. sendmsg(): more than 1024 iovecs. TCP never returns it for big writes; it splits the stream. On receive, Linux truncates an oversized datagram and sets MSG_TRUNC instead of failing.",
    causes: [
      "a UDP datagram over 65,507 bytes",
      "don't-fragment set (IP_PMTUDISC_DO, common in QUIC stacks) with a datagram above the path MTU, e.g. through a VPN or tunnel with a smaller MTU",
      "a large message on a unix datagram socket with a small SO_SNDBUF",
      "sendmsg() with more than 1024 (IOV_MAX) iovecs",
    ],
    fixes: [
      "keep datagrams under the path MTU (getsockopt IP_MTU on a connected socket) or let the kernel fragment (IP_PMTUDISC_WANT or DONT)",
      "split the data in the application, or use a stream socket",
      "unix datagrams: raise SO_SNDBUF",
      "pass iovecs in batches of at most 1024",
    ],
    calls: ["sendto", "sendmsg", "sendmmsg", "write", "recvfrom", "recvmsg"],
    expected: false,
    man: ["errno(3)", "send(2)", "udp(7)", "ip(7)", "unix(7)"],
    sources: [
      uapi("EMSGSIZE"),
      linux("net/ipv4/udp.c", "udp_sendmsg", "__udp4_lib_err"),
      linux("net/ipv4/ip_output.c", "__ip_append_data"),
      linux("net/unix/af_unix.c", "unix_dgram_sendmsg"),
      linux("net/socket.c", "__copy_msghdr"),
      man("udp(7)"),
    ],
    os: {
      windows:
        "WSAEMSGSIZE (10040). Unlike Linux, Windows also returns it from recv()/recvfrom() when a datagram was larger than the buffer (the data is truncated).",
      macos:
        "EMSGSIZE, number 40 (Linux: 90). The UDP send limit is the socket's send buffer, net.inet.udp.maxdgram (9216 bytes) by default, far below Linux's; raise SO_SNDBUF to send more.",
      freebsd:
        "EMSGSIZE, number 40 (Linux: 90). The UDP send limit is the socket's send buffer, net.inet.udp.maxdgram (9216 bytes) by default; raise SO_SNDBUF to send more.",
      lwip: "lwip_sendto() rejects more than 0xFFFF bytes, and lwip_sendmsg() more than IOV_MAX iovecs, with EMSGSIZE.",
      plan9:
        "No equivalent found: ip.c fragments a large datagram itself unless don't-fragment is set, and a conversation's 'maxfragsize' ctl message bounds the fragment size.",
    },
  },
  {
    kind: "errno",
    name: "ENOBUFS",
    number: 105,
    text: "No buffer space available",
    meaning:
      "The kernel could not get, or was not allowed, the memory or queue space the operation needed. Common Linux cases: a netlink socket's receive buffer overflowed and messages were dropped (netlink_overrun; reported once on the next recv, and the listener must resynchronise); IP_ADD_MEMBERSHIP beyond net.ipv4.igmp_max_memberships (20) groups on one socket; sendmsg() ancillary data larger than net.core.optmem_max; a send dropped because the device queue was full — returned on packet sockets, but for UDP only with IP_RECVERR (otherwise the send reports success). A full TCP send buffer is not ENOBUFS: it blocks or gives EAGAIN.",
    causes: [
      "a netlink listener (routing, uevent, audit or conntrack monitor) reading too slowly",
      "joining more than igmp_max_memberships multicast groups on one socket",
      "very large control data in sendmsg(), e.g. many SCM_RIGHTS descriptors",
      "UDP or packet-socket bursts faster than the interface queue drains",
    ],
    fixes: [
      "netlink: read faster, enlarge the buffer (SO_RCVBUF, or SO_RCVBUFFORCE with CAP_NET_ADMIN), and after ENOBUFS dump the full state again; NETLINK_NO_ENOBUFS turns the report off",
      "raise net.ipv4.igmp_max_memberships, or spread the groups over several sockets",
      "pace sends; `tc -s qdisc` shows queue drops and `nstat -az UdpSndbufErrors` counts silent UDP drops",
    ],
    calls: ["recvfrom", "recvmsg", "read", "setsockopt", "sendto", "sendmsg", "write"],
    expected: false,
    man: ["errno(3)", "netlink(7)", "ip(7)", "send(2)"],
    sources: [
      uapi("ENOBUFS"),
      linux("net/netlink/af_netlink.c", "netlink_overrun"),
      linux("net/ipv4/igmp.c", "__ip_mc_join_group"),
      linux("net/socket.c", "____sys_sendmsg"),
      linux("net/ipv4/udp.c", "udp_send_skb"),
      man("netlink(7)"),
    ],
    os: {
      windows:
        "WSAENOBUFS (10055): Winsock ran out of buffer space or a queue was full; the classic cause is exhausted ephemeral ports or kernel memory when a program opens many connections.",
      macos:
        "ENOBUFS, number 55 (Linux: 105). BSD stacks hand it to UDP senders when an interface queue is full, where Linux stays silent.",
      freebsd:
        "ENOBUFS, number 55 (Linux: 105). BSD stacks hand it to UDP senders when an interface queue is full, where Linux stays silent.",
      lwip: "ERR_BUF (-2) maps to ENOBUFS, e.g. tcp_connect() found no free local port; lwip_socket() sets it directly when no netconn can be allocated.",
      plan9: "'no free Blocks' (kernel buffer exhaustion) is the string APE maps to ENOBUFS.",
    },
  },
  {
    kind: "errno",
    name: "ENOMEM",
    number: 12,
    text: "Cannot allocate memory",
    meaning:
      "A kernel allocation for the socket failed or was refused by a per-socket limit. Besides real memory shortage (sk_alloc failing in socket()), the reproducible case is option memory: sock_kmalloc() charges allocations to the socket and caps them at net.core.optmem_max, so a large socket filter (SO_ATTACH_FILTER; replacing one briefly charges old and new together) or many TCP-MD5 keys fail with ENOMEM while the machine has plenty of RAM. Data sends do not fail with ENOMEM under TCP memory pressure: they wait or return EAGAIN.",
    causes: [
      "attaching a large classic BPF or eBPF socket filter, or swapping one filter for another",
      "many TCP-MD5 keys or other per-socket option objects beyond net.core.optmem_max",
      "genuine kernel memory shortage (allocation failures in dmesg)",
    ],
    fixes: [
      "raise net.core.optmem_max when option memory is the limit",
      "detach the old filter first (SO_DETACH_FILTER) or keep filters smaller",
      "for real shortage, find the consumer: `ss -m` shows per-socket memory, /proc/meminfo and slabtop the kernel's",
    ],
    calls: ["setsockopt", "socket", "socketpair"],
    expected: false,
    man: ["errno(3)", "socket(7)", "setsockopt(2)"],
    sources: [
      base("ENOMEM"),
      linux("net/core/sock.c", "sock_kmalloc"),
      linux("net/core/filter.c", "sk_attach_filter", "__sk_filter_charge"),
      linux("net/ipv4/tcp_ipv4.c", "tcp_md5_do_add"),
      linux("net/ipv4/af_inet.c", "inet_create"),
      man("socket(7)"),
    ],
    os: {
      windows:
        "WSA_NOT_ENOUGH_MEMORY (8) from WSA* functions that map onto Windows memory calls; Winsock more often reports a shortage as WSAENOBUFS (10055).",
      macos: "ENOMEM, number 12 (same as Linux).",
      freebsd: "ENOMEM, number 12 (same as Linux).",
      lwip: "ERR_MEM (-1) maps to ENOMEM: an lwIP memory pool or its heap is empty (pbufs, TCP segments, netconns); the sizes are compile-time options (MEMP_NUM_*, PBUF_POOL_SIZE, MEM_SIZE).",
      plan9: "'kernel allocate failed' or 'no free memory'; APE maps both to ENOMEM.",
    },
  },
  {
    kind: "errno",
    name: "EMFILE",
    number: 24,
    text: "Too many open files",
    meaning:
      "The process has no free descriptor slot: it already holds as many fds as its RLIMIT_NOFILE soft limit (`ulimit -n`) allows, and the call needed a new one (alloc_fd). Every fd-creating call can hit it: socket(), accept(), socketpair(), but also open() or pipe(). In a server it usually means connections are accepted faster than they are closed, or fds leak. Descriptors arriving by SCM_RIGHTS beyond the limit are dropped with MSG_CTRUNC; recvmsg() itself succeeds.",
    causes: [
      "an fd leak: sockets not closed on error paths, or connections left in CLOSE_WAIT that the program never closes",
      "many concurrent clients with a low limit (1024 is a common soft default)",
      "under load an accept loop spins: every accept() fails while the listener stays readable",
    ],
    fixes: [
      "compare `ls /proc/PID/fd | wc -l` with `grep 'open files' /proc/PID/limits`; `ss -tanp` shows what they are (many CLOSE-WAIT means a missing close())",
      "raise the limit: `ulimit -n`, setrlimit(RLIMIT_NOFILE), systemd LimitNOFILE= (the hard limit is capped by fs.nr_open)",
      "fix leaks; in accept loops back off, or keep a spare fd to close, accept and drop the connection, instead of spinning",
    ],
    calls: ["socket", "socketpair", "accept", "accept4"],
    expected: false,
    man: ["errno(3)", "getrlimit(2)", "accept(2)", "socket(2)"],
    sources: [
      base("EMFILE"),
      linux("fs/file.c", "alloc_fd", "get_unused_fd_flags"),
      linux("net/core/scm.c", "scm_detach_fds"),
      man("getrlimit(2)"),
    ],
    os: {
      windows:
        "WSAEMFILE (10024) exists, but a SOCKET is a kernel handle without a 1024-style per-process limit; running out of resources more often shows as WSAENOBUFS (10055).",
      macos: "EMFILE, number 24 (same as Linux); shell defaults are low (`ulimit -n` is often 256).",
      freebsd: "EMFILE, number 24 (same as Linux); limited by RLIMIT_NOFILE and kern.maxfilesperproc.",
      lwip: "Not used: running out of lwIP sockets (NUM_SOCKETS, MEMP_NUM_NETCONN) gives ENFILE instead.",
      plan9: "'no free file descriptors'; APE maps it to EMFILE.",
    },
  },
  {
    kind: "errno",
    name: "ENFILE",
    number: 23,
    text: "Too many open files in system",
    meaning:
      "The whole system hit its open-file limit (fs.file-max; usage in /proc/sys/fs/file-nr) when the kernel tried to allocate a struct file (alloc_empty_file); processes with CAP_SYS_ADMIN are exempt, and the kernel logs 'VFS: file-max limit … reached'. Socket code also returns ENFILE when it cannot allocate the socket inode itself (sock_alloc in __sock_create and in accept), so far from file-max it points to an allocation failure.",
    causes: [
      "the system as a whole has too many open files (fs.file-max reached)",
      "a runaway process leaking descriptors",
      "rarely: socket inode allocation failing under memory pressure",
    ],
    fixes: [
      "`cat /proc/sys/fs/file-nr` (allocated, unused, max), then find the biggest holders (count /proc/*/fd per process)",
      "raise fs.file-max if the load is legitimate",
    ],
    calls: ["socket", "socketpair", "accept", "accept4"],
    expected: false,
    man: ["errno(3)", "proc(5)", "socket(2)"],
    sources: [
      base("ENFILE"),
      linux("fs/file_table.c", "alloc_empty_file"),
      linux("net/socket.c", "__sock_create", "do_accept"),
      man("proc(5)"),
    ],
    os: {
      windows: "No WSAENFILE; system-wide resource exhaustion shows up as WSAENOBUFS (10055).",
      macos: "ENFILE, number 23 (same as Linux); the limit is kern.maxfiles.",
      freebsd: "ENFILE, number 23 (same as Linux); the limit is kern.maxfiles.",
      lwip: "ENFILE means lwIP's socket table is full: all NUM_SOCKETS entries are in use (lwip_socket, lwip_accept).",
      plan9:
        "APE maps 'no free file descriptors' to EMFILE before ENFILE, so ENFILE is effectively never produced.",
    },
  },
  {
    kind: "errno",
    name: "EAFNOSUPPORT",
    number: 97,
    text: "Address family not supported by protocol",
    meaning:
      "The address family is missing or does not match. socket(): the kernel has no such family (not built, module not loaded, or IPv6 disabled with ipv6.disable=1), so __sock_create finds no handler. bind()/connect()/sendto(): the sockaddr's family is not the socket's, e.g. a sockaddr_in6 given to an AF_INET socket (__inet_bind, tcp_v4_connect), typically a getaddrinfo() result used with a socket made for the other family. Sandboxes use it too: systemd's RestrictAddressFamilies= makes socket() fail with EAFNOSUPPORT.",
    causes: [
      "socket created for one family and used with an address of the other (IPv4 socket, IPv6 address or the reverse)",
      "IPv6 disabled on the host, or a family whose module is not available (AF_VSOCK, AF_CAN…)",
      "a systemd unit whose RestrictAddressFamilies= leaves out the family (services often forget AF_NETLINK or AF_UNIX)",
    ],
    fixes: [
      "create the socket with the family of the address you will use (ai_family from getaddrinfo)",
      "fall back to IPv4 when socket(AF_INET6) fails on IPv6-less hosts",
      "check the unit's RestrictAddressFamilies= and add the families it needs",
      "load the module for less common families (`modprobe`)",
    ],
    calls: ["socket", "socketpair", "bind", "connect", "sendto", "sendmsg"],
    expected: false,
    man: ["errno(3)", "socket(2)", "address_families(7)"],
    sources: [
      uapi("EAFNOSUPPORT"),
      linux("net/socket.c", "__sock_create"),
      linux("net/ipv4/af_inet.c", "__inet_bind"),
      linux("net/ipv4/tcp_ipv4.c", "tcp_v4_connect"),
      man("socket(2)"),
    ],
    os: {
      windows: "WSAEAFNOSUPPORT (10047).",
      macos: "EAFNOSUPPORT, number 47 (Linux: 97).",
      freebsd: "EAFNOSUPPORT, number 47 (Linux: 97).",
      lwip: "lwip_socket() uses the domain only to choose IPv4 or IPv6; an address of the wrong family in bind() or connect() fails with EINVAL (ERR_VAL), not EAFNOSUPPORT.",
      plan9:
        "No address families: the protocol is the /net directory (tcp, udp…). APE's socket emulation maps 'address family not supported' to EAFNOSUPPORT.",
    },
  },
  {
    kind: "errno",
    name: "EPROTONOSUPPORT",
    number: 93,
    text: "Protocol not supported",
    meaning:
      "socket() asked for a protocol the family does not offer with that type: inet_create found no inetsw entry pairing the type with that protocol number, even after trying to load a module for it — e.g. SOCK_STREAM with IPPROTO_UDP, or IPPROTO_SCTP / IPPROTO_MPTCP on a kernel without that protocol. AF_UNIX accepts only protocol 0 (or PF_UNIX).",
    causes: [
      "type and protocol that don't belong together (SOCK_STREAM with IPPROTO_UDP, SOCK_DGRAM with IPPROTO_TCP)",
      "a protocol this kernel lacks or cannot load (SCTP, MPTCP, …)",
      "a non-zero protocol for AF_UNIX",
    ],
    fixes: [
      "pass 0 as the protocol to get the family's default for the type, or the matching IPPROTO_*",
      "load or enable the protocol module (`modprobe sctp`) or fall back to plain TCP",
    ],
    calls: ["socket", "socketpair"],
    expected: false,
    man: ["errno(3)", "socket(2)", "protocols(5)"],
    sources: [
      uapi("EPROTONOSUPPORT"),
      linux("net/ipv4/af_inet.c", "inet_create"),
      linux("net/unix/af_unix.c", "unix_create"),
      man("socket(2)"),
    ],
    os: {
      windows: "WSAEPROTONOSUPPORT (10043).",
      macos: "EPROTONOSUPPORT, number 43 (Linux: 93).",
      freebsd: "EPROTONOSUPPORT, number 43 (Linux: 93).",
      lwip: "Not reported: lwip_socket() ignores the protocol for stream sockets and uses it for datagram sockets only to choose UDP-Lite, so a mismatch goes unnoticed.",
      plan9:
        "Dialing a protocol the kernel lacks fails because /net/<proto>/clone does not exist ('file does not exist', APE: ENOENT); APE's socket emulation maps 'protocol not supported' to EPROTONOSUPPORT.",
    },
  },
  {
    kind: "errno",
    name: "ESOCKTNOSUPPORT",
    number: 94,
    text: "Socket type not supported",
    meaning:
      "The family has no implementation of that socket type. AF_INET/AF_INET6 offer SOCK_STREAM, SOCK_DGRAM and SOCK_RAW, and SOCK_SEQPACKET only when the SCTP module is present (inet_create); AF_UNIX offers STREAM, DGRAM and SEQPACKET and silently turns SOCK_RAW into DGRAM (unix_create). A type number outside the valid range, or unknown flag bits in the type, give EINVAL instead.",
    causes: [
      "asking AF_INET for SOCK_SEQPACKET without SCTP loaded, or for a type it never offers",
      "porting code that relies on a type another system supports for that family",
    ],
    fixes: [
      "use a type the family supports, or load the protocol module / pass its protocol number so the kernel can load it",
    ],
    calls: ["socket", "socketpair"],
    expected: false,
    man: ["errno(3)", "socket(2)"],
    sources: [
      uapi("ESOCKTNOSUPPORT"),
      linux("net/ipv4/af_inet.c", "inet_create"),
      linux("net/unix/af_unix.c", "unix_create"),
      man("socket(2)"),
    ],
    os: {
      windows: "WSAESOCKTNOSUPPORT (10044).",
      macos: "ESOCKTNOSUPPORT, number 44 (Linux: 94).",
      freebsd: "ESOCKTNOSUPPORT, number 44 (Linux: 94).",
      lwip: "Not used: lwip_socket() rejects an unknown type with EINVAL.",
      plan9: "No socket types: each protocol directory under /net is its own kind of conversation.",
    },
  },
  {
    kind: "errno",
    name: "EPROTOTYPE",
    number: 91,
    text: "Protocol wrong type for socket",
    meaning:
      "On Linux this is an AF_UNIX pathname error: the socket bound at that path is of a different type than ours — a SOCK_STREAM client connecting to a SOCK_DGRAM server, a datagram sent to a stream socket, SEQPACKET versus STREAM (unix_find_bsd compares the types). For abstract names the lookup is per type, so the same mismatch reports ECONNREFUSED instead.",
    causes: [
      "client and server disagree on the unix socket type, e.g. a stream client used on a datagram logging socket such as /dev/log",
    ],
    fixes: [
      "create the client socket with the server's type; `ss -xlp` shows it in the Netid column (u_str, u_dgr, u_seq)",
    ],
    calls: ["connect", "sendto", "sendmsg"],
    expected: false,
    man: ["errno(3)", "unix(7)", "connect(2)"],
    sources: [uapi("EPROTOTYPE"), linux("net/unix/af_unix.c", "unix_find_bsd"), man("unix(7)")],
    os: {
      windows: "WSAEPROTOTYPE (10041).",
      macos: "EPROTOTYPE, number 41 (Linux: 91).",
      freebsd: "EPROTOTYPE, number 41 (Linux: 91).",
      lwip: "Not used: lwIP has no unix-domain sockets.",
      plan9: "No equivalent.",
    },
  },
  {
    kind: "errno",
    name: "ENOPROTOOPT",
    number: 92,
    text: "Protocol not available",
    meaning:
      "setsockopt()/getsockopt() named an option the level does not know, or a level that does not apply to this socket: an unknown SOL_SOCKET option (sk_setsockopt), a TCP option on a UDP socket or an IPv6 option on an IPv4 socket (the call falls through to ip_setsockopt, which rejects other levels), or an option newer than the running kernel. On AF_UNIX sockets any level other than SOL_SOCKET gives EOPNOTSUPP instead. Rarely it is an ICMP 'protocol unreachable' reported on a connected socket.",
    causes: [
      "option and socket don't match: TCP_NODELAY on a UDP socket, IPV6_V6ONLY on an AF_INET socket",
      "an option the running kernel does not have (headers newer than the kernel), or a wrong constant",
    ],
    fixes: [
      "set protocol-level options only on sockets of that protocol; treat ENOPROTOOPT as 'feature not available' and carry on without it",
      "check that the option exists in the running kernel (`uname -r` and the option's man page)",
    ],
    calls: ["setsockopt", "getsockopt"],
    expected: false,
    man: ["errno(3)", "setsockopt(2)", "socket(7)", "tcp(7)", "ip(7)"],
    sources: [
      uapi("ENOPROTOOPT"),
      linux("net/core/sock.c", "sk_setsockopt", "sk_getsockopt"),
      linux("net/ipv4/ip_sockglue.c", "ip_setsockopt"),
      linux("net/ipv4/tcp.c", "do_tcp_setsockopt"),
      man("setsockopt(2)"),
    ],
    os: {
      windows: "WSAENOPROTOOPT (10042): unknown or unsupported option for that level.",
      macos: "ENOPROTOOPT, number 42 (Linux: 92).",
      freebsd: "ENOPROTOOPT, number 42 (Linux: 92).",
      lwip: "lwip_setsockopt()/lwip_getsockopt() return ENOPROTOOPT for options they don't implement or that don't fit the netconn type.",
      plan9:
        "No socket options: settings are ctl messages, and an unknown one fails with 'unknown control request'.",
    },
  },
  {
    kind: "errno",
    name: "EOPNOTSUPP",
    number: 95,
    text: "Operation not supported",
    meaning:
      "The socket's protocol does not implement the operation at all: listen() or accept() on UDP or unix datagram sockets (sock_no_listen, sock_no_accept), socketpair() outside AF_UNIX, MSG_OOB on UDP or unix datagram sockets, a non-SOL_SOCKET option level on an AF_UNIX socket, and sendto() with an address on an unconnected unix stream socket. ENOTSUP is the same number (95) on Linux: glibc defines it as an alias.",
    causes: [
      "listen() or accept() on a datagram socket (UDP has no connections)",
      "socketpair(AF_INET, …): only AF_UNIX supports it",
      "a protocol-level option on a unix socket, e.g. TCP_NODELAY on an fd that turned out to be AF_UNIX",
      "MSG_OOB on a socket type without urgent data",
    ],
    fixes: [
      "use what the protocol offers: recvfrom/sendto for UDP, a TCP socket for listen/accept",
      "use socketpair(AF_UNIX, …) for a connected pair, or a loopback TCP connection when INET semantics are needed",
      "skip protocol options when the fd is not of that protocol (check SO_DOMAIN / SO_PROTOCOL)",
    ],
    calls: [
      "listen",
      "accept",
      "accept4",
      "socketpair",
      "setsockopt",
      "getsockopt",
      "sendto",
      "sendmsg",
      "recvfrom",
      "recvmsg",
    ],
    expected: false,
    man: ["errno(3)", "listen(2)", "socketpair(2)", "udp(7)", "unix(7)"],
    sources: [
      uapi("EOPNOTSUPP"),
      linux("net/core/sock.c", "sock_no_listen", "sock_no_accept", "sock_no_socketpair"),
      linux("net/ipv4/udp.c", "udp_sendmsg"),
      linux("net/unix/af_unix.c", "unix_stream_sendmsg", "unix_dgram_sendmsg"),
      man("listen(2)"),
    ],
    os: {
      windows: "WSAEOPNOTSUPP (10045), e.g. listen() or accept() on a datagram socket.",
      macos:
        "EOPNOTSUPP is 102 for programs built for UNIX03 (the default), and ENOTSUP is a different code, 45; on Linux both are 95. Don't assume EOPNOTSUPP == ENOTSUP when porting.",
      freebsd: "EOPNOTSUPP, number 45 (Linux: 95); ENOTSUP is an alias of it, as on Linux.",
      lwip: "lwIP sets EOPNOTSUPP for listen()/accept() and shutdown() on non-TCP sockets and for unsupported send/recv flags.",
      plan9:
        "APE's socket emulation maps 'operation not supported' to EOPNOTSUPP; the kernel answers unsupported ctl requests with strings such as 'connect not supported' or 'announce not supported'.",
    },
  },
  {
    kind: "errno",
    name: "ENOENT",
    number: 2,
    text: "No such file or directory",
    meaning:
      "For sockets this is an AF_UNIX pathname error: connect() or sendto() named a path that does not exist (the path lookup in unix_find_bsd fails before any socket is involved), or bind() got a path whose directory does not exist. Abstract names (first byte NUL, shown by tools as @name) never exist in the filesystem, so passing one as a plain path also gives ENOENT.",
    causes: [
      "the server has not started yet, or uses another path (/run versus /var/run, a per-user $XDG_RUNTIME_DIR)",
      "the socket file was deleted (tmp cleaners, a second instance unlinking it at start)",
      "another mount namespace or container: the path exists for the server but not in the client's view",
      "an abstract name written as a path: '@name' in tool output means a leading NUL byte, not a file",
    ],
    fixes: [
      "`ls -l PATH`; `ss -xlp | grep NAME` lists listening unix sockets and their paths (abstract ones start with @)",
      "start the server first, or retry with a backoff",
      "share the directory into the container, or use a TCP address",
    ],
    calls: ["connect", "sendto", "sendmsg", "bind"],
    expected: false,
    man: ["errno(3)", "unix(7)", "connect(2)"],
    sources: [base("ENOENT"), linux("net/unix/af_unix.c", "unix_find_bsd", "unix_bind_bsd"), man("unix(7)")],
    os: {
      windows:
        "Windows 10 (1803 and later) has AF_UNIX stream sockets with filesystem paths; no specific WSAE code for a missing path is documented, so read WSAGetLastError().",
      macos:
        "ENOENT, number 2 (same as Linux), for a missing unix socket path; macOS has no abstract namespace.",
      freebsd: "ENOENT, number 2 (same as Linux); FreeBSD has no abstract unix names either.",
      lwip: "Not applicable: lwIP has no unix-domain sockets.",
      plan9:
        "'file does not exist' when a named path (a /srv entry, a /net file) is missing; APE maps it to ENOENT.",
    },
  },
  {
    kind: "errno",
    name: "ENOTSOCK",
    number: 88,
    text: "Socket operation on non-socket",
    meaning:
      "The descriptor is open but is not a socket: the socket call looked up the file and it is not a sockfs file (sock_from_file returned nothing). Almost always an fd mix-up: the number was closed and reused by open(), pipe() or epoll_create(), the wrong variable was passed, or stdin/stdout was used where a socket was expected (a socket-activated or inetd-style program run from a terminal).",
    causes: [
      "use after close: the fd number was closed and reused for a file or pipe",
      "the wrong descriptor passed (a file, pipe, eventfd or epoll fd)",
      "a socket-activated or inetd-style program started without its socket on fd 0 or 3",
    ],
    fixes: [
      "`ls -l /proc/PID/fd/N` shows what the fd really is (socket:[inode] for sockets); strace -yy annotates fds the same way",
      "set descriptor variables to -1 after close() so reuse shows up",
    ],
    calls: SOCKET_CALLS,
    expected: false,
    man: ["errno(3)", "socket(7)"],
    sources: [uapi("ENOTSOCK"), linux("net/socket.c", "sock_from_file", "sockfd_lookup"), man("errno(3)")],
    os: {
      windows:
        "WSAENOTSOCK (10038): the handle is not a socket; also what an invalid or already-closed SOCKET value gives.",
      macos: "ENOTSOCK, number 38 (Linux: 88).",
      freebsd: "ENOTSOCK, number 38 (Linux: 88).",
      lwip: "Not used: lwIP only has socket descriptors, and an index outside its table gives EBADF.",
      plan9: "No sockets, only files. APE's socket emulation maps 'not a socket' to ENOTSOCK.",
    },
  },
  {
    kind: "errno",
    name: "EBADF",
    number: 9,
    text: "Bad file descriptor",
    meaning:
      "The number is not an open descriptor of this process (never opened, already closed, negative), so the call failed in the fd lookup, before any socket code ran. In threaded programs it often means another thread closed the fd while this one still used it.",
    causes: [
      "using an fd after close(): a double close, or a close by another thread",
      "an unchecked -1 from a failed socket() or accept()",
      "a daemon closing descriptors in bulk after fork() and closing the socket too",
    ],
    fixes: [
      "check every socket()/accept() result; set the variable to -1 after close()",
      "don't close an fd another thread may be blocked on: shutdown() it first to wake that thread, then close",
      "`strace -f -e trace=close,dup2,dup3` around the failure shows who closed it",
    ],
    calls: [...SOCKET_CALLS, "read", "write", "close"],
    expected: false,
    man: ["errno(3)", "close(2)"],
    sources: [base("EBADF"), linux("net/socket.c", "sockfd_lookup"), man("close(2)")],
    os: {
      windows:
        "WSAEBADF (10009) exists, but Winsock usually reports an invalid SOCKET as WSAENOTSOCK (10038); close a SOCKET with closesocket(), not close().",
      macos: "EBADF, number 9 (same as Linux).",
      freebsd: "EBADF, number 9 (same as Linux).",
      lwip: "EBADF: the descriptor is not a valid entry of lwIP's socket table (get_socket), e.g. it was already closed.",
      plan9: "'fd out of range or not open'; APE maps it to EBADF.",
    },
  },
  {
    kind: "errno",
    name: "EINVAL",
    number: 22,
    text: "Invalid argument",
    meaning:
      "An argument, or the socket's state, does not fit the call. Common Linux cases: bind() on a socket that is already bound or connected, or with an address length too short for the family; listen() on an unbound AF_UNIX socket (TCP binds automatically, unix does not) or on a connected one; accept() on a socket that is not listening, or whose listener was shut down; unknown flag bits in socket() or accept4(); setsockopt() with a short optlen or an out-of-range value; shutdown() with a bad 'how'; an IPv6 link-local address without a scope id; a 'blackhole' route for the destination.",
    causes: [
      "bind() called twice, or after connect()",
      "a wrong address length, e.g. sizeof(struct sockaddr) for an IPv6 address",
      "accept() on a socket that never called listen(), or after another thread shut the listener down (a common way to stop an accept loop)",
      "listen() on an AF_UNIX socket that was never bound",
      "an IPv6 link-local address without sin6_scope_id, or a blackhole route",
    ],
    fixes: [
      "check the call order: socket, setsockopt, bind, listen, accept",
      "pass the exact sockaddr size of the family (sizeof(struct sockaddr_in6) for IPv6), or the length getaddrinfo() returned",
      "compare the arguments strace decodes (flags, lengths) with the man page",
    ],
    calls: [...SOCKET_CALLS, "socket", "socketpair"],
    expected: false,
    man: ["errno(3)", "bind(2)", "listen(2)", "accept(2)", "setsockopt(2)"],
    sources: [
      base("EINVAL"),
      linux("net/ipv4/af_inet.c", "__inet_bind", "inet_listen", "inet_shutdown"),
      linux("net/ipv4/inet_connection_sock.c", "inet_csk_accept"),
      linux("net/unix/af_unix.c", "unix_listen"),
      linux("net/ipv6/af_inet6.c", "__inet6_bind"),
      linux("net/ipv4/fib_semantics.c", "fib_props"),
      man("bind(2)"),
    ],
    os: {
      windows:
        "WSAEINVAL (10022): e.g. accept() without listen(), listen() on an unbound socket (where Linux TCP would bind automatically), or bind() on a socket that is already bound.",
      macos: "EINVAL, number 22 (same as Linux).",
      freebsd: "EINVAL, number 22 (same as Linux).",
      lwip: "ERR_VAL (-6) maps to EINVAL, e.g. an address of the wrong family in bind() or connect(); accept() on a closed listener also sets EINVAL. (ERR_ARG, -16, maps to EIO.)",
      plan9:
        "'bad arg in system call', and ctl messages it cannot parse ('bad specification', 'unknown control request'); APE maps the first to EINVAL and uses EINVAL for any string it doesn't know.",
    },
  },
  {
    kind: "errno",
    name: "EFAULT",
    number: 14,
    text: "Bad address",
    meaning:
      "A pointer argument points outside the process's accessible memory, so the kernel could not copy the address, buffer, option value or length in or out (e.g. move_addr_to_kernel failing). No signal is raised, unlike touching the same pointer in user space: the call just fails. Typical: an uninitialised sockaddr pointer, a freed buffer, a NULL optlen for getsockopt(), or a length larger than the buffer it describes.",
    causes: [
      "an uninitialised, NULL or dangling pointer for the address, buffer or length",
      "a length larger than the real buffer, so the copy runs into unmapped memory",
      "a value passed where a pointer is expected (optval instead of &optval)",
    ],
    fixes: [
      "run under AddressSanitizer or valgrind; strace prints unreadable pointers in hex, which points at the bad argument",
    ],
    calls: SOCKET_CALLS,
    expected: false,
    man: ["errno(3)"],
    sources: [base("EFAULT"), linux("net/socket.c", "move_addr_to_kernel"), man("errno(3)")],
    os: {
      windows:
        "WSAEFAULT (10014): a bad pointer, or a length too small for the structure (e.g. an addrlen shorter than sizeof(sockaddr)).",
      macos: "EFAULT, number 14 (same as Linux).",
      freebsd: "EFAULT, number 14 (same as Linux).",
      lwip: "Set in a few places, e.g. a NULL option value or length in lwip_getsockopt()/lwip_setsockopt(); lwIP shares the application's address space and cannot detect wild pointers.",
      plan9:
        "An out-of-range address argument to a system call posts the note 'sys: bad address' (notify(2)), so by default the process is suspended rather than given an error.",
    },
  },
  {
    kind: "errno",
    name: "EINTR",
    number: 4,
    text: "Interrupted system call",
    meaning:
      "A signal arrived while the call was blocked (waiting for data, buffer space, a connection or a timeout), a handler ran, and the call was not restarted. Socket calls without a timeout are restarted when the handler has SA_RESTART; a socket with SO_RCVTIMEO/SO_SNDTIMEO set fails with EINTR even then (sock_intr_errno), and poll(), select()/pselect6() and epoll_wait() never restart after a handler. epoll_wait() and sockets with a timeout can also get EINTR from a stop and continue (Ctrl-Z, SIGSTOP/SIGCONT) with no handler at all. Under strace, signals the program ignores by default (SIGCHLD, SIGWINCH) still interrupt waits, so epoll_wait() can return EINTR only because it is being traced. A send that already copied data returns the byte count instead; an interrupted connect() keeps connecting in the background.",
    causes: [
      "a signal handler ran during the wait: SIGCHLD from an exiting child, SIGALRM or timers, SIGWINCH, SIGUSR1, profiling signals",
      "a handler installed with sigaction() without SA_RESTART (glibc's signal() sets it, sigaction() does not unless asked)",
      "poll, select, epoll_wait, or a socket with SO_RCVTIMEO / SO_SNDTIMEO: never restarted after a handler",
      "tracing: strace makes default-ignored signals interrupt waits",
    ],
    fixes: [
      "retry the call on EINTR, recomputing any remaining timeout",
      "install handlers with SA_RESTART where automatic restarts are wanted",
      "after an interrupted connect(), wait for writability and read SO_ERROR rather than calling connect() again (which gives EALREADY)",
      "block signals in I/O threads and handle them in one place (signalfd or a dedicated thread)",
    ],
    calls: [
      "accept",
      "accept4",
      "connect",
      "recvfrom",
      "recvmsg",
      "recvmmsg",
      "read",
      "sendto",
      "sendmsg",
      "sendmmsg",
      "write",
      "poll",
      "ppoll",
      "pselect6",
      "epoll_wait",
      "epoll_pwait",
    ],
    expected: true,
    man: ["errno(3)", "signal(7)", "sigaction(2)", "socket(7)"],
    sources: [
      base("EINTR"),
      linux("include/net/sock.h", "sock_intr_errno"),
      linux("arch/x86/kernel/signal.c", "handle_signal"),
      linux("kernel/signal.c", "sig_ignored"),
      linux("fs/eventpoll.c", "ep_poll"),
      man("signal(7)"),
    ],
    os: {
      windows:
        "WSAEINTR (10004): a blocking call cancelled with WSACancelBlockingCall, a Winsock 1.1 mechanism; with no signals, Winsock 2 programs rarely see it.",
      macos: "EINTR, number 4 (same as Linux), with the same SA_RESTART choice.",
      freebsd:
        "EINTR, number 4 (same as Linux). The kernel uses an internal ERESTART (-1) to restart calls when the handler has SA_RESTART.",
      lwip: "Not produced: there are no signals; lwIP's own errno.h defines EINTR (4) only for compatibility.",
      plan9:
        "'interrupted': a note arrived while the process was in a system call, and the call fails instead of being restarted (notify(2)). APE maps it to EINTR.",
    },
  },
  {
    kind: "errno",
    name: "ERESTARTSYS",
    number: 512,
    text: "To be restarted if SA_RESTART is set",
    meaning:
      "Kernel-internal, never seen by the program (strerror() has no text for 512; this is strace's). A blocking socket call that a signal interrupted returns it (sock_intr_errno, when the socket has no timeout). strace sees the exit before the signal is handled and prints `= ? ERESTARTSYS (To be restarted if SA_RESTART is set)` and then the `--- SIG… ---` line. On the way back to user space the kernel decides: if no handler runs (the signal only stopped the process, or was one the program ignores and only the tracer needed to see), or the handler has SA_RESTART, the same call runs again and strace shows it again; otherwise the program gets EINTR, shown as `rt_sigreturn(…) = -1 EINTR`.",
    causes: [
      "a signal arrived while the call was blocked; under strace even default-ignored signals such as SIGCHLD do this, because the tracer must be shown them",
    ],
    fixes: [
      "nothing to fix: read the next lines. If the same call appears again it was restarted; if rt_sigreturn returns -1 EINTR, the program sees EINTR and must retry",
      "install handlers with SA_RESTART to get restarts instead of EINTR",
    ],
    calls: [
      "accept",
      "accept4",
      "connect",
      "recvfrom",
      "recvmsg",
      "recvmmsg",
      "read",
      "sendto",
      "sendmsg",
      "sendmmsg",
      "write",
    ],
    expected: true,
    man: ["signal(7)", "sigaction(2)", "restart_syscall(2)", "errno(3)"],
    sources: [
      linux("include/linux/errno.h", "ERESTARTSYS"),
      linux("include/net/sock.h", "sock_intr_errno"),
      linux("arch/x86/kernel/signal.c", "handle_signal", "arch_do_signal_or_restart"),
      linux("kernel/signal.c", "sig_ignored"),
      man("signal(7)"),
    ],
    os: {
      windows: "No equivalent: Winsock calls are not interrupted by signals.",
      macos:
        "XNU has a kernel-internal ERESTART (-1) with the same role (bsd/sys/errno.h, under KERNEL); programs never see it.",
      freebsd:
        "FreeBSD's kernel-internal ERESTART (-1, sys/errno.h under _KERNEL) plays this role: the call is restarted when the handler has SA_RESTART, otherwise it fails with EINTR; programs never see ERESTART.",
      lwip: "Not applicable: no signals.",
      plan9:
        "No restart mechanism: a note interrupts the call, which fails with 'interrupted'; the program must retry.",
    },
  },
  {
    kind: "errno",
    name: "ERESTARTNOINTR",
    number: 513,
    text: "To be restarted",
    meaning:
      "Kernel-internal (513): the call must run again after the signal is handled, whatever the handler's flags, so it never turns into EINTR. strace prints `= ? ERESTARTNOINTR (To be restarted)`, the signal, then the same call again. Socket calls don't use it; in traces of network programs it shows up on clone()/fork(), which the kernel abandons and redoes when a signal arrives while the child is being created.",
    causes: [
      "a signal arrived while the process was forking (clone, fork, vfork)",
      "an endless ERESTARTNOINTR loop: a frequent timer signal (e.g. SIGPROF from a profiler) interrupts the fork of a large process every time",
    ],
    fixes: [
      "usually nothing: the next line shows the restarted call",
      "if it loops, lower the signal rate, block the signal around fork(), or spawn with posix_spawn() / vfork-style cloning",
    ],
    calls: ["clone", "clone3", "fork", "vfork"],
    expected: true,
    man: ["signal(7)", "fork(2)", "clone(2)"],
    sources: [
      linux("include/linux/errno.h", "ERESTARTNOINTR"),
      linux("kernel/fork.c", "copy_process"),
      linux("arch/x86/kernel/signal.c", "handle_signal", "arch_do_signal_or_restart"),
      man("signal(7)"),
    ],
    os: {
      windows: "No equivalent: there are no signals, and processes are created with CreateProcess.",
      macos: "No visible equivalent: any restart happens inside the kernel (ERESTART).",
      freebsd: "No visible equivalent: any restart happens inside the kernel (ERESTART).",
      lwip: "Not applicable.",
      plan9: "No equivalent.",
    },
  },
  {
    kind: "errno",
    name: "ERESTARTNOHAND",
    number: 514,
    text: "To be restarted if no handler",
    meaning:
      "Kernel-internal (514): the call is restarted only if no handler runs (the signal stopped and continued the process, or was ignored and only the tracer saw it); if a handler runs, the program gets EINTR regardless of SA_RESTART. select(), pselect6() and ppoll() use it (fs/select.c), as do pause() and sigsuspend(). strace prints `= ? ERESTARTNOHAND (To be restarted if no handler)`.",
    causes: ["a signal arrived while the program waited in select(), pselect6() or ppoll()"],
    fixes: [
      "nothing to fix: either the wait is restarted, or the program gets EINTR and should loop, recomputing its timeout",
    ],
    calls: ["pselect6", "select", "ppoll"],
    expected: true,
    man: ["signal(7)", "select(2)", "poll(2)"],
    sources: [
      linux("include/linux/errno.h", "ERESTARTNOHAND"),
      linux("fs/select.c", "core_sys_select", "do_sys_poll"),
      linux("arch/x86/kernel/signal.c", "handle_signal", "arch_do_signal_or_restart"),
      man("signal(7)"),
    ],
    os: {
      windows: "No equivalent: select() is not interrupted by signals.",
      macos: "No visible equivalent; select() fails with EINTR (4) when a handler runs.",
      freebsd: "No visible equivalent; select() fails with EINTR (4) when a handler runs.",
      lwip: "Not applicable: lwip_select() is not interrupted by signals.",
      plan9: "No select(); a note interrupts a blocked read with 'interrupted'.",
    },
  },
  {
    kind: "errno",
    name: "ERESTART_RESTARTBLOCK",
    number: 516,
    text: "Interrupted by signal",
    meaning:
      "Kernel-internal (516), for calls that must continue with adjusted arguments (typically the time left) rather than start over: poll() (set_restart_fn in fs/select.c keeps the time left), nanosleep() and clock_nanosleep(). strace prints `= ? ERESTART_RESTARTBLOCK (Interrupted by signal)`. If a handler runs, the program gets EINTR, SA_RESTART or not; if none runs (stop and continue, or a signal only the tracer needed to see), the kernel resumes the wait through restart_syscall(), which strace shows as `restart_syscall(<... resuming interrupted poll ...>)`.",
    causes: ["a signal arrived while the program waited in poll() or nanosleep()"],
    fixes: [
      "nothing to fix: a restart_syscall line means the wait continued; otherwise the program gets EINTR and should retry with the time left",
    ],
    calls: ["poll", "nanosleep", "clock_nanosleep"],
    expected: true,
    man: ["restart_syscall(2)", "signal(7)", "poll(2)"],
    sources: [
      linux("include/linux/errno.h", "ERESTART_RESTARTBLOCK"),
      linux("include/linux/thread_info.h", "set_restart_fn"),
      linux("fs/select.c", "do_sys_poll"),
      linux("arch/x86/kernel/signal.c", "handle_signal", "arch_do_signal_or_restart"),
      man("restart_syscall(2)"),
    ],
    os: {
      windows: "No equivalent: no signals interrupt waits.",
      macos: "No visible equivalent; poll() fails with EINTR (4) when a handler runs.",
      freebsd: "No visible equivalent; poll() fails with EINTR (4) when a handler runs.",
      lwip: "Not applicable: lwip_poll() is not interrupted by signals.",
      plan9: "No poll(); a note interrupts a blocked call with 'interrupted'.",
    },
  },
];
