// Socket options and per-call flags. Checked against the Linux 6.1.192 source (Debian
// linux-source-6.1): net/core/sock.c (sk_setsockopt, sk_getsockopt), net/ipv4/tcp.c
// (do_tcp_setsockopt), net/ipv4/tcp_timer.c, net/ipv4/ip_sockglue.c (do_ip_setsockopt),
// net/ipv6/ipv6_sockglue.c (do_ipv6_setsockopt), net/ipv4/inet_connection_sock.c, net/unix/af_unix.c,
// net/socket.c, fs/file.c, fs/fcntl.c; and by small C programs run under strace 6.1 on the 6.18 kernel
// of this machine (buffer doubling, SO_ERROR clearing, the SO_REUSEADDR TIME_WAIT rule, SO_PEERCRED
// on TCP, TCP_DEFER_ACCEPT rounding, the ~200 ms TCP_CORK ceiling, option inheritance on accept).
// Other systems: Microsoft's Winsock option tables, lwIP's src/api/sockets.c, FreeBSD and Darwin
// headers, and Plan 9's ip(3). Where a fact could not be checked, the text says less.
import type { EntryInput } from "../schema.js";

const LINUX = "torvalds/linux";

export const OPTION_ENTRIES: EntryInput[] = [
  {
    kind: "option",
    name: "SO_REUSEADDR",
    level: "SOL_SOCKET",
    summary:
      "Lets bind() take an address:port that other sockets still hold (typically old connections in TIME_WAIT), provided they set it too and none of them is listening.",
    kernel:
      "sk_setsockopt (net/core/sock.c) only records the wish: sk->sk_reuse = SK_CAN_REUSE. It is read at bind() time by the conflict check, inet_csk_get_port → inet_csk_bind_conflict → inet_bind_conflict (net/ipv4/inet_connection_sock.c) for TCP and udp_lib_lport_inuse (net/ipv4/udp.c) for UDP: two sockets on the same address:port do not conflict when both have sk_reuse set and the one already there is not in LISTEN. A TIME_WAIT entry keeps the flag of the socket it replaced, and an accepted socket copies it from its listener.",
    default: "Off (0) on every new socket; no sysctl changes that.",
    pitfalls: [
      "It never allows two listeners on one port: a second listen(), or a bind() while another socket listens there, fails with EADDRINUSE. Sharing a listening port is SO_REUSEPORT.",
      "Both ends of the conflict need it. A restarted server gets EADDRINUSE over its old connections in TIME_WAIT unless the previous listener had set it as well (checked on this machine: the new bind failed when only the new socket had it).",
      "It must be set before bind(); setting it afterwards changes nothing for that bind.",
      "UDP: sockets that all set it can bind the same address:port; multicast and broadcast datagrams reach each of them, a unicast datagram only one.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "SO_REUSEADDR={value} on fd {fd}: nothing happens now; the flag is consulted by the next bind().",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"] },
        note: "AF_UNIX ignores it: binding a path that exists still fails with EADDRINUSE, so unlink the old socket file first.",
      },
    ],
    man: ["socket(7)", "ip(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt"] },
      {
        repo: LINUX,
        path: "net/ipv4/inet_connection_sock.c",
        symbols: ["inet_csk_get_port", "inet_csk_bind_conflict", "inet_bind_conflict"],
      },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_lib_lport_inuse"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_REUSEPORT",
    level: "SOL_SOCKET",
    summary:
      "Lets several sockets of the same user bind exactly the same address:port, listeners included, and has the kernel spread incoming connections or datagrams across them.",
    kernel:
      "sk_setsockopt (net/core/sock.c) sets sk->sk_reuseport; on current kernels only IPv4/IPv6 sockets accept it (others: EOPNOTSUPP). At bind(), inet_bind_conflict (TCP) and udp_lib_lport_inuse (UDP) let a duplicate through only when both sockets have it and were created by the same user (sock_i_uid, the owner recorded on the socket inode at socket() time), or the older one is in TIME_WAIT. Sockets sharing the port form a struct sock_reuseport group (net/core/sock_reuseport.c); for each incoming SYN or datagram reuseport_select_sock picks one member from a hash of the addresses and ports, unless a BPF program attached with SO_ATTACH_REUSEPORT_CBPF/EBPF decides.",
    default: "Off (0); no sysctl.",
    pitfalls: [
      "Every socket of the group must set it before bind(), the first one included: one socket bound without it makes the others fail with EADDRINUSE.",
      "Different users cannot share a port this way; the check uses the user who created each socket, not the caller of bind().",
      "The choice is a hash of the 4-tuple, not load: a busy member still gets its share.",
      "When one listener of the group closes, connections still in its accept queue are reset rather than handed to the others, unless net.ipv4.tcp_migrate_req=1 (0 by default, and here).",
    ],
    cases: [
      {
        when: { result: ["EOPNOTSUPP"] },
        note: "Only IPv4/IPv6 sockets take SO_REUSEPORT on this kernel; other families (AF_UNIX…) get EOPNOTSUPP.",
      },
      {
        when: { result: ["ok"] },
        note: "SO_REUSEPORT={value} on fd {fd}: takes effect at bind(); all sockets sharing the port must have it.",
      },
    ],
    man: ["socket(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt", "sock_i_uid"] },
      { repo: LINUX, path: "net/ipv4/inet_connection_sock.c", symbols: ["inet_bind_conflict"] },
      {
        repo: LINUX,
        path: "net/core/sock_reuseport.c",
        symbols: ["reuseport_alloc", "reuseport_add_sock", "reuseport_select_sock"],
      },
      { repo: LINUX, path: "Documentation/networking/ip-sysctl.rst", symbols: ["tcp_migrate_req"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_KEEPALIVE",
    level: "SOL_SOCKET",
    summary:
      "Makes TCP probe an idle connection and drop it with ETIMEDOUT when the peer stops answering, instead of keeping a dead connection forever.",
    kernel:
      "sk_setsockopt (net/core/sock.c) sets the SOCK_KEEPOPEN flag and calls sk->sk_prot->keepalive, which for TCP is tcp_set_keepalive (net/ipv4/tcp_timer.c): it arms icsk_keepalive_timer, unless the socket is still in CLOSE or LISTEN (then the timer starts at connect completion, or in each accepted child). tcp_keepalive_timer sends a probe once the connection has been idle for keepalive_time_when(), repeats every keepalive_intvl_when(), and after keepalive_probes() unanswered probes sends a RST and fails the socket with ETIMEDOUT (tcp_write_err; a soft ICMP error seen meanwhile, such as EHOSTUNREACH, is reported instead). Probes are only sent while nothing is in flight and the write queue is empty.",
    default:
      "Off. Timings when on: net.ipv4.tcp_keepalive_time (7200 s), tcp_keepalive_intvl (75 s), tcp_keepalive_probes (9), the same here; TCP_KEEPIDLE/TCP_KEEPINTVL/TCP_KEEPCNT override them per socket.",
    pitfalls: [
      "With the defaults a dead peer is noticed only after 2 h + 9 × 75 s, about 2 h 11 min; lower TCP_KEEPIDLE/TCP_KEEPINTVL/TCP_KEEPCNT for anything quicker.",
      "It does not help while unacknowledged data is outstanding: then the retransmission timer decides (net.ipv4.tcp_retries2, or TCP_USER_TIMEOUT).",
      "A failure surfaces only on the next call: recv()/send() return ETIMEDOUT, or poll() reports POLLERR.",
      "On UDP and AF_UNIX it is accepted and does nothing.",
      "Set on a listener, it is inherited by every accepted socket (checked here).",
    ],
    cases: [
      {
        when: { transport: ["udp", "unix-stream", "unix-dgram", "unix-seqpacket"] },
        note: "Only TCP sends keepalive probes; on this socket the flag is stored and has no effect.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "SO_KEEPALIVE={value} on fd {fd}: after the idle time the kernel will send empty probe segments and give up after the probe count.",
      },
    ],
    man: ["socket(7)", "tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt"] },
      { repo: LINUX, path: "net/ipv4/tcp_timer.c", symbols: ["tcp_set_keepalive", "tcp_keepalive_timer"] },
      {
        repo: LINUX,
        path: "include/net/tcp.h",
        symbols: ["keepalive_time_when", "keepalive_intvl_when", "keepalive_probes", "TCP_KEEPALIVE_TIME"],
      },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_RCVBUF",
    level: "SOL_SOCKET",
    summary:
      "Sets the socket's receive buffer limit; the kernel stores twice the value asked (capped by net.core.rmem_max) and, for TCP, stops auto-tuning it.",
    kernel:
      "sk_setsockopt (net/core/sock.c) caps the value at net.core.rmem_max, then __sock_set_rcvbuf stores max(2 × value, SOCK_MIN_RCVBUF) in sk->sk_rcvbuf and sets SOCK_RCVBUF_LOCK in sk->sk_userlocks. The doubling leaves room for sk_buff overhead, which is charged against the same limit. The lock makes TCP receive auto-tuning (tcp_rcv_space_adjust, tcp_clamp_window in net/ipv4/tcp_input.c) leave the buffer alone. SO_RCVBUFFORCE does the same without the rmem_max cap and needs CAP_NET_ADMIN (EPERM otherwise). getsockopt returns the stored, doubled number.",
    default:
      "TCP: net.ipv4.tcp_rmem[1] (131072 here), grown by auto-tuning up to tcp_rmem[2] (33554432 here). Other sockets: net.core.rmem_default (212992 here). Cap for this option: net.core.rmem_max (4194304 here; upstream default 212992).",
    pitfalls: [
      "getsockopt reads back double what was set (10000 → 20000 here); a tiny value reads back as the floor (2304 here).",
      "Setting it on TCP turns off receive auto-tuning for that socket, which often makes throughput worse than the default.",
      "Values above net.core.rmem_max are cut silently, with no error.",
      "The TCP window scale is chosen from the buffer at SYN time: set it before connect() or listen() (accepted sockets inherit it).",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "Receive auto-tuning is now off for fd {fd}: the buffer stays at this size.",
      },
    ],
    man: ["socket(7)", "tcp(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/core/sock.c",
        symbols: ["sk_setsockopt", "__sock_set_rcvbuf", "sk_getsockopt"],
      },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["SOCK_MIN_RCVBUF", "TCP_SKB_MIN_TRUESIZE"] },
      { repo: LINUX, path: "net/ipv4/tcp_input.c", symbols: ["tcp_rcv_space_adjust", "tcp_clamp_window"] },
      {
        repo: LINUX,
        path: "net/ipv4/tcp_output.c",
        symbols: ["tcp_connect_init", "tcp_select_initial_window"],
      },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_SNDBUF",
    level: "SOL_SOCKET",
    summary:
      "Sets the socket's send buffer limit; the kernel stores twice the value (capped by net.core.wmem_max) and, for TCP, stops growing it automatically.",
    kernel:
      "sk_setsockopt (net/core/sock.c) caps the value at net.core.wmem_max, stores max(2 × value, SOCK_MIN_SNDBUF) in sk->sk_sndbuf, sets SOCK_SNDBUF_LOCK in sk->sk_userlocks and calls sk->sk_write_space to wake writers if there is now room. TCP's send-buffer growth (tcp_sndbuf_expand in net/ipv4/tcp_input.c) skips locked sockets. SO_SNDBUFFORCE bypasses the cap with CAP_NET_ADMIN. send() blocks, or returns EAGAIN, when queued data reaches sk_sndbuf.",
    default:
      "TCP: net.ipv4.tcp_wmem[1] (16384 here), grown automatically up to tcp_wmem[2] (4194304 here). Other sockets: net.core.wmem_default (212992 here). Cap: net.core.wmem_max (4194304 here).",
    pitfalls: [
      "getsockopt reads back the doubled value; a tiny value reads back as the floor (4608 here).",
      "On TCP it stops the automatic growth (a connected socket here grew to about 3.9 MB on its own), which can cap throughput on long, fast paths.",
      "A larger send buffer does not make data arrive sooner: send() returning means the bytes were queued, not delivered.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "The send buffer of fd {fd} is now fixed; TCP will not grow it.",
      },
    ],
    man: ["socket(7)", "tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt", "sk_getsockopt"] },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["SOCK_MIN_SNDBUF"] },
      { repo: LINUX, path: "net/ipv4/tcp_input.c", symbols: ["tcp_sndbuf_expand"] },
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_init_sock"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_LINGER",
    level: "SOL_SOCKET",
    summary:
      "Changes what close() does with a TCP connection: {1,0} aborts it with a RST, {1,N} makes close() wait up to N seconds for the close handshake.",
    kernel:
      "sk_setsockopt (net/core/sock.c) sets or clears the SOCK_LINGER flag and stores l_linger × HZ in sk->sk_lingertime. At close, inet_release (net/ipv4/af_inet.c) passes sk_lingertime as the timeout to tcp_close. In __tcp_close (net/ipv4/tcp.c): unread received data → RST anyway; SOCK_LINGER with time 0 → tcp_disconnect, which drops the unsent queue and, on an established connection, sends a RST (no FIN, no TIME_WAIT); otherwise a FIN is queued and sk_stream_wait_close (net/core/stream.c) sleeps until the FIN is acknowledged, the time runs out or a signal arrives.",
    default:
      "{l_onoff=0, l_linger=0}: close() returns at once and the kernel finishes the close in the background.",
    pitfalls: [
      "{1,0} throws away only what is still queued: bytes already transmitted still reach the peer, whose next recv() then fails with ECONNRESET (seen here: the peer read 3 bytes, then got ECONNRESET).",
      "With {1,N}, close() returns 0 whether or not the peer acknowledged in time; when the time runs out the connection simply goes on closing in the background.",
      "The wait is skipped when the process is exiting; and on Linux shutdown() never lingers, only close() does.",
      "A linger of 0 on a busy server avoids TIME_WAIT but turns every close into an abort the peer sees as an error.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "SO_LINGER {value} on fd {fd}: l_onoff=1 with l_linger=0 means close() will reset the connection; l_linger>0 means close() may block that many seconds.",
      },
      {
        when: { transport: ["udp", "unix-stream", "unix-dgram", "unix-seqpacket"] },
        note: "Only TCP uses the linger setting; here it is stored and ignored.",
      },
    ],
    man: ["socket(7)", "close(2)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt", "sk_getsockopt"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_release"] },
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["__tcp_close", "tcp_disconnect", "tcp_shutdown"] },
      { repo: LINUX, path: "net/core/stream.c", symbols: ["sk_stream_wait_close"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_ERROR",
    level: "SOL_SOCKET",
    summary:
      "Reads, and clears, the error pending on the socket: the usual way to learn how a non-blocking connect() ended.",
    kernel:
      "getsockopt only (setsockopt gives ENOPROTOOPT). sk_getsockopt (net/core/sock.c) calls sock_error() (include/net/sock.h), which swaps sk->sk_err with 0 atomically and returns the old value; if it was 0 it takes sk->sk_err_soft the same way (soft errors such as an ICMP unreachable seen during a retrying connect).",
    default: "0 (no error pending).",
    pitfalls: [
      "Reading it consumes it: a second read returns 0 (checked here), and so does a later recv()/send() that already reported the error.",
      "Read it after poll()/select()/epoll reports the connecting socket writable; read earlier, it can show a soft error (EHOSTUNREACH…) while the kernel is still retrying.",
      "0 after a non-blocking connect() and a writable poll() means connected; otherwise the value is the errno connect() would have returned (ECONNREFUSED, ETIMEDOUT…).",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "SO_ERROR on fd {fd} read {value}; the kernel cleared it as it was read.",
      },
      {
        when: { result: ["ENOPROTOOPT"] },
        note: "SO_ERROR can only be read; setsockopt refuses it with ENOPROTOOPT.",
      },
    ],
    man: ["socket(7)", "connect(2)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_getsockopt", "sk_setsockopt"] },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["sock_error"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_BROADCAST",
    level: "SOL_SOCKET",
    summary:
      "Allows a datagram socket to send to a broadcast address; without it the kernel refuses with EACCES.",
    kernel:
      "sk_setsockopt (net/core/sock.c) sets the SOCK_BROADCAST flag. It is checked on the send side only: udp_sendmsg (net/ipv4/udp.c) and __ip4_datagram_connect (net/ipv4/datagram.c) fail with EACCES when the route to the destination is a broadcast route (RTCF_BROADCAST) and the flag is off.",
    default: "Off (0); no sysctl.",
    pitfalls: [
      "Receiving broadcasts does not need it; only sending (and connect() to a broadcast address) does.",
      "Without it sendto(255.255.255.255…) fails with EACCES (checked here), which looks like a permission problem but is not.",
      "IPv6 has no broadcast; use multicast there.",
      "On a TCP socket it is accepted and means nothing.",
    ],
    cases: [
      {
        when: { transport: ["udp"], result: ["ok"] },
        note: "fd {fd} may now send to broadcast addresses.",
      },
    ],
    man: ["socket(7)", "udp(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt"] },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_sendmsg"] },
      { repo: LINUX, path: "net/ipv4/datagram.c", symbols: ["__ip4_datagram_connect"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_RCVTIMEO",
    level: "SOL_SOCKET",
    summary:
      "Bounds how long a blocking receive (recv, read, accept) waits; when the time passes the call fails with EAGAIN.",
    kernel:
      "sk_setsockopt (net/core/sock.c) → sock_set_timeout converts the struct timeval into jiffies in sk->sk_rcvtimeo ({0,0} means wait forever, MAX_SCHEDULE_TIMEOUT). Blocking waits take their limit from sock_rcvtimeo() (include/net/sock.h): sk_wait_data for TCP reads, inet_csk_accept for accept, the AF_UNIX and datagram receive paths. On x86_64 the constant is SO_RCVTIMEO_OLD (20, struct timeval with 64-bit fields); SO_RCVTIMEO_NEW (66) is the y2038 variant for 32-bit time_t.",
    default: "0 = no timeout (sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT, set in sock_init_data); no sysctl.",
    pitfalls: [
      "The timeout returns EAGAIN/EWOULDBLOCK, the same errno as a non-blocking socket with no data; if some bytes had arrived, the call returns them instead.",
      'strace 6.1 prints the option as SO_RCVTIMEO_OLD and the timeval as raw bytes, e.g. "\\0\\0\\0\\0\\0\\0\\0\\0@\\r\\3\\0…" for 200 ms.',
      "A tv_usec outside 0…999999 fails with EDOM; a negative tv_sec is accepted and makes every wait time out at once.",
      "With a timeout set, a call interrupted by a signal returns EINTR even under SA_RESTART.",
      "It does nothing for O_NONBLOCK sockets, which never wait.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "Blocking receives and accepts on fd {fd} now give up with EAGAIN after this time.",
      },
      {
        when: { result: ["EDOM"] },
        note: "tv_usec must be between 0 and 999999.",
      },
    ],
    man: ["socket(7)", "recv(2)", "signal(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/core/sock.c",
        symbols: ["sk_setsockopt", "sock_set_timeout", "sock_get_timeout", "sock_init_data"],
      },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["sock_rcvtimeo", "sock_intr_errno"] },
      {
        repo: LINUX,
        path: "include/uapi/asm-generic/socket.h",
        symbols: ["SO_RCVTIMEO_OLD", "SO_RCVTIMEO_NEW"],
      },
      { repo: LINUX, path: "net/ipv4/inet_connection_sock.c", symbols: ["inet_csk_accept"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_SNDTIMEO",
    level: "SOL_SOCKET",
    summary:
      "Bounds how long a blocking send (and a blocking TCP connect) waits; on expiry send fails with EAGAIN or returns what it queued, and connect fails with EINPROGRESS.",
    kernel:
      "sk_setsockopt (net/core/sock.c) → sock_set_timeout stores jiffies in sk->sk_sndtimeo ({0,0} = forever). sock_sndtimeo() (include/net/sock.h) supplies the limit to sk_stream_wait_memory (TCP send waiting for buffer space), sock_alloc_send_pskb (UDP and AF_UNIX), and __inet_stream_connect (net/ipv4/af_inet.c), which returns EINPROGRESS when the handshake has not finished in time. On x86_64 the constant is SO_SNDTIMEO_OLD (21).",
    default: "0 = no timeout (sk_sndtimeo = MAX_SCHEDULE_TIMEOUT); no sysctl.",
    pitfalls: [
      "A send that had queued some bytes before the time ran out returns that count, not an error.",
      "connect() that times out returns EINPROGRESS and the handshake continues in the background; poll for writability and read SO_ERROR as for a non-blocking connect.",
      "strace 6.1 shows it as SO_SNDTIMEO_OLD with the timeval as raw bytes.",
      "With a timeout set, a signal interrupts the call with EINTR even under SA_RESTART.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "Blocking sends on fd {fd} (and a blocking TCP connect) now give up after this time.",
      },
    ],
    man: ["socket(7)", "send(2)", "connect(2)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt", "sock_set_timeout"] },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["sock_sndtimeo"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["__inet_stream_connect"] },
      { repo: LINUX, path: "net/core/stream.c", symbols: ["sk_stream_wait_memory"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_TYPE",
    level: "SOL_SOCKET",
    summary: "Reads the socket's type: 1 SOCK_STREAM, 2 SOCK_DGRAM, 3 SOCK_RAW, 5 SOCK_SEQPACKET.",
    kernel:
      "getsockopt only: sk_getsockopt (net/core/sock.c) returns sk->sk_type. setsockopt gives ENOPROTOOPT, like the other read-only options SO_PROTOCOL, SO_DOMAIN and SO_ERROR.",
    default: "Fixed by socket()/socketpair()/accept(); it never changes.",
    pitfalls: [
      "The SOCK_NONBLOCK and SOCK_CLOEXEC bits passed to socket() are not part of the type and are not returned.",
      "To learn the protocol or family too, read SO_PROTOCOL (6 for TCP) and SO_DOMAIN (2 for AF_INET).",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "fd {fd} is of type {value}.",
      },
    ],
    man: ["socket(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_getsockopt", "sk_setsockopt"] },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_PEERCRED",
    level: "SOL_SOCKET",
    summary:
      "On a connected AF_UNIX socket, reads the pid, uid and gid of the process at the other end, as the kernel recorded them.",
    kernel:
      "getsockopt only. sk_getsockopt (net/core/sock.c) copies sk->sk_peer_pid and sk->sk_peer_cred through cred_to_ucred into a struct ucred, translating them into the reader's pid and user namespaces. net/unix/af_unix.c fills those fields: init_peercred stores the current process on the listener at listen() and on the server-side socket at connect() time; copy_peercred gives the connecting socket the listener's; unix_socketpair records the creator on both ends.",
    default: "Not settable. Sockets that never got peer credentials read pid 0, uid -1, gid -1.",
    pitfalls: [
      "The credentials are a snapshot from connect()/listen()/socketpair(); they do not follow later setuid() or exec, and the pid may since have exited.",
      "On TCP or UDP sockets it does not fail: it returns {pid=0, uid=-1, gid=-1} (checked here).",
      "uid and gid are the effective ids.",
    ],
    cases: [
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        note: "The peer of fd {fd}, as recorded when the connection was made: {value}.",
      },
      {
        when: { transport: ["tcp", "udp"], result: ["ok"] },
        note: "Network sockets carry no peer credentials: the answer {value} (pid 0, uid/gid -1) means unknown.",
      },
    ],
    man: ["unix(7)", "socket(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_getsockopt", "cred_to_ucred"] },
      {
        repo: LINUX,
        path: "net/unix/af_unix.c",
        symbols: ["init_peercred", "copy_peercred", "unix_listen", "unix_stream_connect", "unix_socketpair"],
      },
      { man: "unix(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_NODELAY",
    level: "IPPROTO_TCP",
    summary:
      "Turns off Nagle's algorithm, so small writes go out at once instead of waiting for earlier data to be acknowledged.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) → __tcp_sock_set_nodelay sets TCP_NAGLE_OFF|TCP_NAGLE_PUSH in tp->nonagle and calls tcp_push_pending_frames, so anything already queued leaves now. tcp_write_xmit (net/ipv4/tcp_output.c) then skips the tcp_nagle_test/tcp_nagle_check hold-back for partial segments. Clearing it removes TCP_NAGLE_OFF.",
    default: "Off (Nagle on); no sysctl.",
    pitfalls: [
      "It does not change delayed ACKs on the receiving side (that is TCP_QUICKACK), and it does not disable autocorking (net.ipv4.tcp_autocorking, 1 here), which briefly holds small writes while an earlier packet is still queued in the host.",
      "With it on, many tiny write() calls become many tiny packets; gather the data (writev, one buffer) rather than rely on Nagle or its absence.",
      "TCP_CORK overrides it while the cork is in place.",
      "Set on a listener, it is inherited by accepted sockets (checked here).",
      "strace shows the level as SOL_TCP.",
    ],
    cases: [
      {
        when: { result: ["ENOPROTOOPT"] },
        note: "TCP options only exist on TCP sockets; on this socket the kernel answers ENOPROTOOPT.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "TCP_NODELAY={value} on fd {fd}: small writes are sent as soon as the window allows.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt", "__tcp_sock_set_nodelay"] },
      {
        repo: LINUX,
        path: "net/ipv4/tcp_output.c",
        symbols: ["tcp_write_xmit", "tcp_nagle_test", "tcp_nagle_check"],
      },
      { repo: LINUX, path: "include/net/tcp.h", symbols: ["TCP_NAGLE_OFF", "TCP_NAGLE_PUSH"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_CORK",
    level: "IPPROTO_TCP",
    summary:
      "Holds back partial segments while set, so a header and a body written separately leave as full packets; clearing it sends what is left.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) → __tcp_sock_set_cork sets TCP_NAGLE_CORK in tp->nonagle; tcp_write_xmit then sends only full-sized segments. Clearing it removes the bit (restoring the push if TCP_NODELAY is on) and calls tcp_push_pending_frames.",
    default: "Off; no sysctl.",
    pitfalls: [
      "Corked data does not wait forever: on this machine a corked 5-byte write left after about 200 ms.",
      "Forgetting to uncork adds that delay to the last piece of every response.",
      "It overrides TCP_NODELAY while set; setting TCP_NODELAY still pushes what is queued right now.",
      "Linux-only; MSG_MORE on each send() gives the same effect per call.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "TCP_CORK={value} on fd {fd}: with 1, partial segments wait; with 0, pending data is sent now.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt", "__tcp_sock_set_cork"] },
      { repo: LINUX, path: "net/ipv4/tcp_output.c", symbols: ["tcp_write_xmit"] },
      { repo: LINUX, path: "include/net/tcp.h", symbols: ["TCP_NAGLE_CORK"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_KEEPIDLE",
    level: "IPPROTO_TCP",
    summary:
      "Seconds a TCP connection must be idle before the first keepalive probe, for this socket only; it matters only with SO_KEEPALIVE on.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) → tcp_sock_set_keepidle_locked checks 1…32767 (MAX_TCP_KEEPIDLE) and stores val × HZ in tp->keepalive_time; if keepalive is already running on a connected socket it re-arms the timer with the new value. keepalive_time_when() (include/net/tcp.h) uses this field, or net.ipv4.tcp_keepalive_time when it is 0.",
    default: "net.ipv4.tcp_keepalive_time: 7200 s (here too); getsockopt reads back the value in effect.",
    pitfalls: [
      "Without SO_KEEPALIVE it changes nothing.",
      "0 or more than 32767 fails with EINVAL (checked here).",
      "Idle means nothing received; while data waits for acknowledgement keepalive is not what ends the connection (see TCP_USER_TIMEOUT).",
      "Accepted sockets inherit it from the listener (checked here).",
    ],
    cases: [
      {
        when: { result: ["EINVAL"] },
        note: "TCP_KEEPIDLE must be between 1 and 32767 seconds.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "fd {fd}: first keepalive probe after {value} s of silence, if SO_KEEPALIVE is on.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt", "tcp_sock_set_keepidle_locked"] },
      { repo: LINUX, path: "include/net/tcp.h", symbols: ["keepalive_time_when", "MAX_TCP_KEEPIDLE"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_KEEPINTVL",
    level: "IPPROTO_TCP",
    summary: "Seconds between keepalive probes once probing has started, for this socket.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) checks 1…32767 (MAX_TCP_KEEPINTVL) and stores val × HZ in tp->keepalive_intvl; keepalive_intvl_when() (include/net/tcp.h) falls back to net.ipv4.tcp_keepalive_intvl when it is 0. tcp_keepalive_timer (net/ipv4/tcp_timer.c) uses it to schedule the next probe.",
    default: "net.ipv4.tcp_keepalive_intvl: 75 s (here too).",
    pitfalls: [
      "Only used with SO_KEEPALIVE on.",
      "Detection time is roughly TCP_KEEPIDLE + TCP_KEEPCNT × TCP_KEEPINTVL.",
      "Out of range (0, >32767) fails with EINVAL.",
    ],
    cases: [
      {
        when: { result: ["EINVAL"] },
        note: "TCP_KEEPINTVL must be between 1 and 32767 seconds.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt"] },
      { repo: LINUX, path: "include/net/tcp.h", symbols: ["keepalive_intvl_when", "MAX_TCP_KEEPINTVL"] },
      { repo: LINUX, path: "net/ipv4/tcp_timer.c", symbols: ["tcp_keepalive_timer"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_KEEPCNT",
    level: "IPPROTO_TCP",
    summary: "How many unanswered keepalive probes TCP sends before it declares the connection dead.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) checks 1…127 (MAX_TCP_KEEPCNT) and stores it in tp->keepalive_probes; keepalive_probes() (include/net/tcp.h) falls back to net.ipv4.tcp_keepalive_probes. When tcp_keepalive_timer (net/ipv4/tcp_timer.c) has sent that many probes without reply, it sends a RST and the socket fails with ETIMEDOUT. If TCP_USER_TIMEOUT is set, that time limit replaces the count.",
    default: "net.ipv4.tcp_keepalive_probes: 9 (here too).",
    pitfalls: [
      "Only used with SO_KEEPALIVE on.",
      "With TCP_USER_TIMEOUT set, the count is ignored in favour of the time limit.",
      "Out of range (0, >127) fails with EINVAL.",
    ],
    cases: [
      {
        when: { result: ["EINVAL"] },
        note: "TCP_KEEPCNT must be between 1 and 127.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt"] },
      { repo: LINUX, path: "include/net/tcp.h", symbols: ["keepalive_probes", "MAX_TCP_KEEPCNT"] },
      { repo: LINUX, path: "net/ipv4/tcp_timer.c", symbols: ["tcp_keepalive_timer", "tcp_write_err"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_FASTOPEN",
    level: "IPPROTO_TCP",
    summary:
      "On a listening socket, enables TCP Fast Open and sets how many not-yet-completed Fast Open connections it may hold, so a client's data can arrive in its SYN.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) accepts it only in CLOSE or LISTEN state (EINVAL otherwise): it creates the cookie key (tcp_fastopen_init_key_once) and fastopen_queue_tune (include/linux/tcp.h) stores min(value, net.core.somaxconn) in icsk_accept_queue.fastopenq.max_qlen. tcp_try_fastopen (net/ipv4/tcp_fastopen.c) accepts data in a SYN only if net.ipv4.tcp_fastopen has the server bit (2). The client side is sendto(…, MSG_FASTOPEN, addr) or the TCP_FASTOPEN_CONNECT option, which need the client bit (1).",
    default:
      "Off on the socket. net.ipv4.tcp_fastopen = 1 (client only) by default and here, so a listener needs the sysctl at 3 (or 2) too.",
    pitfalls: [
      "Setting it on a connected socket fails with EINVAL (checked here); set it before or after listen().",
      "With the default sysctl (1) the server never accepts data in SYNs, even with this option set.",
      "The first connection from a client only obtains a cookie; data rides in the SYN from the second one on.",
      "SYN data can be replayed by the network: only use it for requests that are safe to repeat.",
      "A client using MSG_FASTOPEN shows no connect() call in strace: sendto() does the connect.",
    ],
    cases: [
      {
        when: { result: ["EINVAL"] },
        note: "TCP_FASTOPEN is only accepted on a socket that is still closed or listening, with a value ≥ 0.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "fd {fd} will accept up to {value} pending Fast Open connections (capped by somaxconn), if net.ipv4.tcp_fastopen allows the server side.",
      },
    ],
    man: ["tcp(7)", "send(2)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt"] },
      { repo: LINUX, path: "include/linux/tcp.h", symbols: ["fastopen_queue_tune"] },
      {
        repo: LINUX,
        path: "net/ipv4/tcp_fastopen.c",
        symbols: ["tcp_try_fastopen", "tcp_fastopen_init_key_once"],
      },
      { repo: LINUX, path: "include/net/tcp.h", symbols: ["TFO_CLIENT_ENABLE", "TFO_SERVER_ENABLE"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_QUICKACK",
    level: "IPPROTO_TCP",
    summary:
      "Asks TCP to acknowledge received data right away instead of delaying ACKs; it is a nudge, not a setting: the kernel may return to delayed ACKs on its own.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) → __tcp_sock_set_quickack: 1 clears icsk->icsk_ack.pingpong (leaves the delayed-ACK 'interactive' mode) and, if an ACK is pending on an established connection, sends it now via tcp_cleanup_rbuf; 0 enters pingpong mode. The kernel changes pingpong by itself afterwards: tcp_event_data_sent (net/ipv4/tcp_output.c) re-enters it when the application replies soon after receiving. getsockopt returns 1 whenever the socket is not in pingpong mode.",
    default:
      "Not in pingpong mode at first, so getsockopt reads 1 on a fresh socket (checked here) even though nobody set it.",
    pitfalls: [
      "It is not sticky: to keep ACKs immediate, programs set it again after each recv().",
      "Reading 1 back does not prove it was set.",
      "It affects the ACKs this side sends, not Nagle on this side's own writes (that is TCP_NODELAY).",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "TCP_QUICKACK={value} on fd {fd}: affects the ACKs sent now; TCP may go back to delaying them later.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt", "do_tcp_getsockopt"] },
      { repo: LINUX, path: "net/ipv4/tcp_output.c", symbols: ["tcp_event_data_sent"] },
      {
        repo: LINUX,
        path: "include/net/inet_connection_sock.h",
        symbols: ["inet_csk_enter_pingpong_mode", "inet_csk_exit_pingpong_mode"],
      },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_USER_TIMEOUT",
    level: "IPPROTO_TCP",
    summary:
      "Milliseconds that sent data may stay unacknowledged (or keepalive probes unanswered) before TCP gives up with ETIMEDOUT; 0 means the system default.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) stores the value (ms, must be ≥ 0) in icsk->icsk_user_timeout. net/ipv4/tcp_timer.c uses it in tcp_write_timeout (retransmissions, also of the SYN), in the zero-window probe timer, and in tcp_keepalive_timer, where it replaces the probe count; tcp_clamp_rto_to_user_timeout shortens the last retransmission timer so the deadline is kept. On expiry tcp_write_err fails the socket with ETIMEDOUT (or with a soft ICMP error recorded meanwhile).",
    default:
      "0: the retransmission budget net.ipv4.tcp_retries2 applies (15 here, roughly 15 minutes of retries).",
    pitfalls: [
      "The unit is milliseconds, unlike the keepalive options (seconds).",
      "It is the only per-socket way to bound how long a write to a vanished peer keeps retrying; SO_KEEPALIVE does not cover that case.",
      "Combined with keepalive, it replaces TCP_KEEPCNT: the connection dies once probes have gone unanswered this long.",
      "A negative value fails with EINVAL.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "fd {fd}: unacknowledged data older than {value} ms will abort the connection with ETIMEDOUT (0 = system default).",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt"] },
      {
        repo: LINUX,
        path: "net/ipv4/tcp_timer.c",
        symbols: [
          "tcp_write_timeout",
          "tcp_keepalive_timer",
          "tcp_clamp_rto_to_user_timeout",
          "tcp_write_err",
        ],
      },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_DEFER_ACCEPT",
    level: "IPPROTO_TCP",
    summary:
      "On a listener, keeps a new connection out of the accept queue until the client sends data (or the given seconds pass), so accept() returns sockets that have something to read.",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) converts the seconds into a number of SYN-ACK retransmissions (secs_to_retrans) stored in icsk_accept_queue.rskq_defer_accept. While that many retransmissions have not happened, tcp_check_req (net/ipv4/tcp_minisocks.c) drops the client's bare ACK (counted as TCPDeferAcceptDrop) and the connection stays a request in SYN_RECV; data creates the child socket at once. syn_ack_recalc (net/ipv4/inet_connection_sock.c) resends the SYN-ACK at the end of the period, and a plain ACK is then accepted.",
    default: "0 (off); no sysctl.",
    pitfalls: [
      "The value reads back rounded up to the retransmission schedule: 5 s read back as 7 here.",
      "A client that never sends still reaches accept() after the period (or is dropped if the SYN-ACK retries run out); it is a delay, not a filter.",
      "The client considers itself connected at once; only the server side waits.",
      "Protocols where the server speaks first (SMTP, SSH banners) must not use it.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "Listener fd {fd}: connections are handed to accept() only when data arrives or about {value} s (rounded up) have passed.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt", "do_tcp_getsockopt"] },
      { repo: LINUX, path: "net/ipv4/tcp_minisocks.c", symbols: ["tcp_check_req"] },
      { repo: LINUX, path: "net/ipv4/inet_connection_sock.c", symbols: ["syn_ack_recalc"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "IPV6_V6ONLY",
    level: "IPPROTO_IPV6",
    summary:
      "Restricts an AF_INET6 socket to IPv6; when off, a socket bound to [::] also takes IPv4 traffic, seen as ::ffff:a.b.c.d addresses.",
    kernel:
      "do_ipv6_setsockopt (net/ipv6/ipv6_sockglue.c) sets sk->sk_ipv6only (a bit in struct sock_common); it refuses with EINVAL once the socket has a local port (inet_num set by bind, listen or connect). inet6_create (net/ipv6/af_inet6.c) initialises it from net.ipv6.bindv6only, and the bind conflict check uses it to decide whether [::]:P also occupies 0.0.0.0:P.",
    default: "net.ipv6.bindv6only = 0 (here too): AF_INET6 sockets are dual-stack unless this is set.",
    pitfalls: [
      "It must be set before bind(); afterwards it fails with EINVAL (checked here).",
      "A dual-stack [::]:P listener conflicts with a separate 0.0.0.0:P bind (EADDRINUSE); set it to 1 when running separate IPv4 and IPv6 sockets on one port.",
      "IPv4 peers of a dual-stack socket appear as ::ffff:127.0.0.1 and the like in accept(), getpeername() and strace.",
      "Other systems default differently (Windows and FreeBSD default to IPv6 only); portable code sets it explicitly.",
    ],
    cases: [
      {
        when: { result: ["EINVAL"] },
        note: "IPV6_V6ONLY can only change before the socket is bound.",
      },
      {
        when: { result: ["ok"] },
        note: "IPV6_V6ONLY={value} on fd {fd}: with 0 the socket also serves IPv4 through mapped addresses; with 1 only IPv6.",
      },
    ],
    man: ["ipv6(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv6/ipv6_sockglue.c", symbols: ["do_ipv6_setsockopt"] },
      { repo: LINUX, path: "net/ipv6/af_inet6.c", symbols: ["inet6_create"] },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["skc_ipv6only"] },
      { man: "ipv6(7)" },
    ],
  },
  {
    kind: "option",
    name: "IP_TTL",
    level: "IPPROTO_IP",
    summary:
      "Sets the Time To Live of the unicast IPv4 packets this socket sends (1…255; -1 restores the default).",
    kernel:
      "do_ip_setsockopt (net/ipv4/ip_sockglue.c) checks the range and stores the value in inet->uc_ttl of struct inet_sock; -1 means use net.ipv4.ip_default_ttl, which is also how inet_create (net/ipv4/af_inet.c) starts every socket. getsockopt (do_ip_getsockopt) reports the effective value. A single datagram can override it with an IP_TTL control message.",
    default: "net.ipv4.ip_default_ttl: 64 (here too).",
    pitfalls: [
      "Multicast packets use IP_MULTICAST_TTL instead (default 1).",
      "On an AF_INET6 socket it only affects IPv4-mapped traffic; IPv6 hop limit is IPV6_UNICAST_HOPS.",
      "0 and values above 255 fail with EINVAL.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "IPv4 packets from fd {fd} will carry TTL {value}.",
      },
    ],
    man: ["ip(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/ip_sockglue.c", symbols: ["do_ip_setsockopt", "do_ip_getsockopt"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_create"] },
      { man: "ip(7)" },
    ],
  },
  {
    kind: "option",
    name: "IP_RECVERR",
    level: "IPPROTO_IP",
    summary:
      "Makes the kernel report ICMP and local errors in detail: each one is queued on the socket's error queue, read with recvmsg(MSG_ERRQUEUE), and unconnected UDP sockets get them too.",
    kernel:
      "do_ip_setsockopt (net/ipv4/ip_sockglue.c) sets the recverr flag of struct inet_sock (inet->recverr in 6.1; a RECVERR bit in inet->inet_flags on later 6.x); clearing it purges sk_error_queue. With it, __udp4_lib_err (net/ipv4/udp.c) queues a sock_extended_err via ip_icmp_error and sets sk->sk_err even on unconnected sockets; tcp_v4_err (net/ipv4/tcp_ipv4.c) reports soft errors at once instead of keeping them in sk_err_soft. ip_recv_error returns the queued entries to recvmsg(MSG_ERRQUEUE) as IP_RECVERR control messages.",
    default: "Off (0); no sysctl.",
    pitfalls: [
      "Errors also set the pending error, so the next send()/recv() fails with it; drain the queue with recvmsg(…, MSG_ERRQUEUE) to see which destination it was about.",
      "poll() reports POLLERR while the error queue is not empty.",
      "IPv6 sockets use IPV6_RECVERR for their own errors.",
    ],
    cases: [
      {
        when: { transport: ["udp"], result: ["ok"] },
        note: "fd {fd} will now get ICMP errors (port unreachable…) even when unconnected; read details with recvmsg(MSG_ERRQUEUE).",
      },
    ],
    man: ["ip(7)", "recv(2)"],
    sources: [
      {
        repo: LINUX,
        path: "net/ipv4/ip_sockglue.c",
        symbols: ["do_ip_setsockopt", "ip_icmp_error", "ip_recv_error"],
      },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["__udp4_lib_err"] },
      { repo: LINUX, path: "net/ipv4/tcp_ipv4.c", symbols: ["tcp_v4_err"] },
      { man: "ip(7)" },
    ],
  },
  {
    kind: "option",
    name: "SOCK_NONBLOCK",
    level: "socket() type flag",
    summary:
      "ORed into the type of socket(), socketpair() or the flags of accept4(): the new fd is non-blocking from the start, with no separate fcntl() call.",
    kernel:
      "__sys_socket_create, __sys_socketpair and __sys_accept4_file (net/socket.c) reject any other high type bits with EINVAL; sock_alloc_file then opens the new struct file with O_RDWR | O_NONBLOCK (SOCK_NONBLOCK has the value of O_NONBLOCK). Every later call checks file->f_flags & O_NONBLOCK and returns EAGAIN or EINPROGRESS instead of sleeping.",
    default: "Absent: sockets are blocking.",
    pitfalls: [
      "Plain accept() does not copy O_NONBLOCK from the listener on Linux: pass SOCK_NONBLOCK to accept4() or call fcntl() on the new fd.",
      "It is a file flag, not a socket option: getsockopt cannot see it, fcntl(F_GETFL) can.",
      "strace shows it inside the type: SOCK_STREAM|SOCK_NONBLOCK.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "fd {fd} is non-blocking: reads, writes, accept and connect return EAGAIN/EINPROGRESS rather than wait.",
      },
      {
        when: { result: ["EINVAL"] },
        note: "Only SOCK_NONBLOCK and SOCK_CLOEXEC may be ORed into the type.",
      },
    ],
    man: ["socket(2)", "accept(2)"],
    sources: [
      {
        repo: LINUX,
        path: "net/socket.c",
        symbols: [
          "__sys_socket_create",
          "__sys_socketpair",
          "sock_map_fd",
          "sock_alloc_file",
          "__sys_accept4_file",
        ],
      },
      { repo: LINUX, path: "include/linux/net.h", symbols: ["SOCK_NONBLOCK"] },
      { man: "socket(2)" },
    ],
  },
  {
    kind: "option",
    name: "SOCK_CLOEXEC",
    level: "socket() type flag",
    summary:
      "ORed into the type of socket(), socketpair() or the flags of accept4(): the fd is close-on-exec from the moment it exists, so programs started with execve() never inherit it.",
    kernel:
      "SOCK_CLOEXEC has the value of O_CLOEXEC. sock_map_fd (net/socket.c) passes it to get_unused_fd_flags → alloc_fd (fs/file.c), which sets the fd's bit in the close_on_exec bitmap of the process's fdtable (__set_close_on_exec) as the number is reserved, before the fd is visible. fcntl(F_GETFD) reports it as FD_CLOEXEC.",
    default: "Absent: the fd survives execve().",
    pitfalls: [
      "Adding FD_CLOEXEC later with fcntl(F_SETFD) leaves a window in which another thread's fork()+exec() inherits the socket; only the flag at creation closes that window.",
      "It belongs to the fd, not the socket: a dup() of it is not close-on-exec.",
      "A leaked listening socket in a child keeps the port busy after the parent exits.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "fd {fd} will be closed automatically if this process calls execve().",
      },
    ],
    man: ["socket(2)", "accept(2)", "fcntl(2)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_socket", "sock_map_fd"] },
      { repo: LINUX, path: "fs/file.c", symbols: ["get_unused_fd_flags", "alloc_fd"] },
      { repo: LINUX, path: "include/linux/net.h", symbols: ["SOCK_CLOEXEC"] },
      { man: "socket(2)" },
    ],
  },
  {
    kind: "option",
    name: "MSG_NOSIGNAL",
    level: "send/recv flag",
    summary:
      "On send(), sendto(), sendmsg(): if the connection is broken, return EPIPE without raising SIGPIPE, which would otherwise kill the process.",
    kernel:
      "The stream send paths raise the signal only when the flag is absent: sk_stream_error (net/core/stream.c) for TCP, unix_stream_sendmsg (net/unix/af_unix.c) for AF_UNIX streams. EPIPE is returned either way.",
    default: "Absent: a send on a broken stream raises SIGPIPE, whose default action ends the process.",
    pitfalls: [
      "It only prevents the signal: the call still fails with EPIPE (checked here), and the program must handle that.",
      "write() has no flags, so it cannot use it; ignore SIGPIPE (signal(SIGPIPE, SIG_IGN)) in programs that write() to sockets.",
      "The first send after the peer closed often succeeds (it draws a RST); the EPIPE comes on a later one.",
    ],
    cases: [
      {
        when: { result: ["EPIPE"] },
        note: "EPIPE without SIGPIPE: MSG_NOSIGNAL kept the signal away; the connection is still unusable.",
      },
    ],
    man: ["send(2)", "signal(7)"],
    sources: [
      { repo: LINUX, path: "net/core/stream.c", symbols: ["sk_stream_error"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_stream_sendmsg"] },
      { repo: LINUX, path: "include/linux/socket.h", symbols: ["MSG_NOSIGNAL"] },
      { man: "send(2)" },
    ],
  },
  {
    kind: "option",
    name: "MSG_DONTWAIT",
    level: "send/recv flag",
    summary:
      "Makes this one send or receive non-blocking: if it would wait, it fails with EAGAIN, and the fd stays as it was.",
    kernel:
      "The protocol paths take their wait time from sock_sndtimeo(sk, flags & MSG_DONTWAIT) or sock_rcvtimeo(…) (include/net/sock.h), which is 0 when the flag is set: e.g. tcp_sendmsg_locked and tcp_recvmsg_locked in net/ipv4/tcp.c. The same flag is what an O_NONBLOCK file adds to every call (__sys_sendto, __sys_recvfrom, ____sys_sendmsg in net/socket.c).",
    default: "Absent: the call follows the fd's blocking mode.",
    pitfalls: [
      "It does not change the fd: the next call without the flag blocks again.",
      "EAGAIN here is normal flow, not an error: wait with poll()/epoll and retry.",
      "It cannot make connect() or accept() non-blocking; those need O_NONBLOCK.",
    ],
    cases: [
      {
        when: { result: ["EAGAIN"] },
        note: "Nothing could be done without waiting, and MSG_DONTWAIT said not to wait.",
      },
    ],
    man: ["send(2)", "recv(2)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_sendmsg_locked", "tcp_recvmsg_locked"] },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["sock_sndtimeo", "sock_rcvtimeo"] },
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_sendto", "__sys_recvfrom"] },
      { man: "recv(2)" },
    ],
  },
  {
    kind: "option",
    name: "MSG_PEEK",
    level: "send/recv flag",
    summary: "Receives data without removing it: the same bytes (or datagram) come back on the next read.",
    kernel:
      "The receive paths copy without consuming. TCP (tcp_recvmsg_locked, net/ipv4/tcp.c) copies from a private sequence counter and leaves the skbs and copied_seq alone; UDP and AF_UNIX datagram receives go through __skb_try_recv_from_queue (net/core/datagram.c), which with MSG_PEEK takes a reference to the skb and leaves it queued. The call blocks like a normal receive when nothing is there.",
    default: "Absent.",
    pitfalls: [
      "For TCP it returns whatever is queued, which may be less than asked; peeking in a loop for a whole message can spin.",
      "A datagram peek returns at most the buffer size; combine with MSG_TRUNC to learn the datagram's full length.",
      "Two threads peeking the same socket can both see the same data; only one will actually read it.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "The data was copied but left queued on fd {fd}; the next read returns it again.",
      },
    ],
    man: ["recv(2)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_recvmsg_locked"] },
      { repo: LINUX, path: "net/core/datagram.c", symbols: ["__skb_try_recv_from_queue"] },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_recvmsg"] },
      { man: "recv(2)" },
    ],
  },
  {
    kind: "option",
    name: "MSG_WAITALL",
    level: "send/recv flag",
    summary:
      "Asks a stream receive to wait until the whole buffer is filled, rather than returning whatever has arrived.",
    kernel:
      "tcp_recvmsg_locked (net/ipv4/tcp.c) sets its target with sock_rcvlowat(sk, flags & MSG_WAITALL, len), i.e. the full length, and keeps waiting until it is reached; AF_UNIX stream receives do the same. Datagram sockets ignore it: one call returns one datagram.",
    default: "Absent: a stream read returns as soon as some data is there.",
    pitfalls: [
      "It can still return less: on EOF, an error, a signal, or an SO_RCVTIMEO timeout, and at once on a non-blocking socket. Check the count.",
      "It does not help datagram sockets (UDP, AF_UNIX SOCK_DGRAM).",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "The call waited for the full length it asked for (or was cut short by EOF, a signal or a timeout).",
      },
    ],
    man: ["recv(2)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_recvmsg_locked"] },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["sock_rcvlowat"] },
      { man: "recv(2)" },
    ],
  },
  {
    kind: "option",
    name: "MSG_TRUNC",
    level: "send/recv flag",
    summary:
      "Two uses: in recvmsg()'s msg_flags the kernel sets it when a datagram did not fit the buffer; passed in by the caller, a datagram receive returns the datagram's real length and a TCP receive discards the bytes instead of copying them.",
    kernel:
      "udp_recvmsg (net/ipv4/udp.c) copies min(buffer, datagram), sets MSG_TRUNC in msg->msg_flags when the datagram was longer and the rest is lost, and returns the full datagram length when the caller passed MSG_TRUNC. tcp_recvmsg_locked (net/ipv4/tcp.c) skips the copy to user space when the flag is passed, so the data is consumed unread. AF_UNIX datagrams behave like UDP.",
    default: "Absent.",
    pitfalls: [
      "recvfrom() cannot tell you the datagram was truncated; recvmsg() shows it in msg_flags (strace prints msg_flags=MSG_TRUNC).",
      "With the flag passed, the return value can exceed the buffer size (10 for a 4-byte buffer here); do not use it as the number of bytes copied.",
      "On TCP, passing it throws data away.",
    ],
    cases: [
      {
        when: { transport: ["udp", "unix-dgram"], result: ["ok"] },
        note: "A datagram longer than the buffer loses its tail; MSG_TRUNC in msg_flags is the only sign.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        note: "On TCP a caller's MSG_TRUNC discards the bytes without copying them.",
      },
    ],
    man: ["recv(2)", "udp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_recvmsg"] },
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_recvmsg_locked"] },
      { man: "recv(2)" },
    ],
  },
  {
    kind: "option",
    name: "O_NONBLOCK",
    level: "fcntl flag",
    summary:
      "Set with fcntl(fd, F_SETFL, flags | O_NONBLOCK): every later call on the socket returns EAGAIN (or EINPROGRESS for connect) instead of waiting.",
    kernel:
      "setfl (fs/fcntl.c) stores the flag in file->f_flags of the open file description. The socket layer reads it on each call: __sys_sendto, __sys_recvfrom and ____sys_sendmsg (net/socket.c) add MSG_DONTWAIT; connect passes f_flags down to __inet_stream_connect, which returns EINPROGRESS; do_accept passes it to inet_csk_accept, which returns EAGAIN on an empty queue. ioctl(FIONBIO) sets the same flag.",
    default: "Off, unless the socket was created with SOCK_NONBLOCK.",
    pitfalls: [
      "F_SETFL replaces all status flags: read them with F_GETFL and OR O_NONBLOCK in, as strace shows (F_SETFL, O_RDWR|O_NONBLOCK).",
      "The flag belongs to the open file description, so dup()ed fds and forked children share it: switching it in one process changes the others.",
      "accept() on a non-blocking listener returns a blocking socket on Linux; use accept4(…, SOCK_NONBLOCK).",
      "A non-blocking TCP connect() returns EINPROGRESS even to localhost.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "fd {fd} is non-blocking from now on (for every fd that shares this open file).",
      },
    ],
    man: ["fcntl(2)", "socket(7)"],
    sources: [
      { repo: LINUX, path: "fs/fcntl.c", symbols: ["setfl", "do_fcntl"] },
      {
        repo: LINUX,
        path: "net/socket.c",
        symbols: ["__sys_sendto", "__sys_recvfrom", "____sys_sendmsg", "do_accept"],
      },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["__inet_stream_connect"] },
      { man: "fcntl(2)" },
    ],
  },
  {
    kind: "option",
    name: "TCP_MAXSEG",
    level: "IPPROTO_TCP",
    summary:
      "Caps the TCP maximum segment size: the largest payload this socket will send in one segment, and the MSS it advertises in its SYN. Meant to be set before connect() or listen().",
    kernel:
      "do_tcp_setsockopt (net/ipv4/tcp.c) accepts 0 (no cap) or a value from TCP_MIN_MSS (88) to MAX_TCP_WINDOW (32767), else EINVAL, and only stores it in tp->rx_opt.user_mss. It takes effect when the handshake is prepared: tcp_connect_init (net/ipv4/tcp_output.c) makes it the ceiling of mss_clamp and of the advertised MSS (advmss); on a listener, tcp_conn_request passes it to tcp_parse_options, which takes the smaller of it and the peer's MSS, and tcp_v4_syn_recv_sock clamps the child's advmss with it. Once the connection is established the segment size follows mss_clamp and the path MTU, so a later call is stored but does not shrink the segments of that connection. do_tcp_getsockopt returns the stored value before connect and on a listener, and the current MSS (mss_cache) afterwards.",
    default: "0: no cap; the MSS comes from the route's MTU (1460 on Ethernet IPv4) and the peer's SYN.",
    pitfalls: [
      "Values below 88 or above 32767 fail with EINVAL; a value larger than the route allows is not an error, it just has no effect.",
      "Set after connect() it changes nothing on that connection: set it before connect() or on the listener (accepted sockets inherit it).",
      "getsockopt reads back the value set only before the connection exists; on a connected socket it reports the MSS in use, which can be smaller than asked (path MTU, peer's MSS, TCP options).",
      "It does not lower the path MTU for other protocols: it is TCP's own ceiling.",
    ],
    cases: [
      {
        when: { result: ["EINVAL"] },
        note: "TCP_MAXSEG takes 0 or 88…32767; {value} is outside that range.",
      },
      {
        when: { result: ["ok"] },
        note: "TCP_MAXSEG={value} on fd {fd}: used when the next handshake is prepared (connect(), or each connection this listener accepts); no effect on a connection already established.",
      },
    ],
    man: ["tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["do_tcp_setsockopt", "do_tcp_getsockopt"] },
      { repo: LINUX, path: "include/net/tcp.h", symbols: ["TCP_MIN_MSS", "MAX_TCP_WINDOW"] },
      { repo: LINUX, path: "net/ipv4/tcp_output.c", symbols: ["tcp_connect_init", "tcp_sync_mss"] },
      { repo: LINUX, path: "net/ipv4/tcp_input.c", symbols: ["tcp_conn_request", "tcp_parse_options"] },
      { repo: LINUX, path: "net/ipv4/tcp_ipv4.c", symbols: ["tcp_v4_syn_recv_sock"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "IP_MTU_DISCOVER",
    level: "IPPROTO_IP",
    summary:
      "Chooses the socket's path MTU discovery mode, and so whether its IPv4 packets carry the Don't Fragment (DF) bit and whether a datagram larger than the path MTU is fragmented or refused with EMSGSIZE.",
    kernel:
      "do_ip_setsockopt (net/ipv4/ip_sockglue.c) calls ip_sock_set_mtu_discover, which takes 0…5 (else EINVAL) and stores it in inet->pmtudisc. The values: IP_PMTUDISC_DONT (0) never sets DF and lets the kernel fragment; IP_PMTUDISC_WANT (1) sets DF unless the route's MTU is locked, and fragments datagrams bigger than the known path MTU; IP_PMTUDISC_DO (2) always sets DF and refuses a datagram over the path MTU with EMSGSIZE (__ip_append_data); IP_PMTUDISC_PROBE (3) sets DF but sizes by the interface MTU, ignoring the learned path MTU (for probing tools), and refuses larger datagrams; IP_PMTUDISC_INTERFACE (4) also sizes by the interface MTU and refuses larger datagrams, but never sets DF and ignores incoming ICMP 'fragmentation needed' (ip_sk_accept_pmtu); IP_PMTUDISC_OMIT (5) is INTERFACE that fragments instead of refusing. ip_dont_fragment and ip_sk_ignore_df (include/net/ip.h) and __ip_make_skb (net/ipv4/ip_output.c) apply the choice on each packet.",
    default:
      "IP_PMTUDISC_WANT (1) on every new socket, set by inet_create; IP_PMTUDISC_DONT when net.ipv4.ip_no_pmtu_disc is non-zero (0 by default).",
    pitfalls: [
      "With IP_PMTUDISC_DO a UDP send larger than the path MTU fails with EMSGSIZE; the MTU learned so far can be read with getsockopt(IP_MTU) on a connected socket.",
      "With the default WANT, a large UDP datagram is still sent, fragmented; a path that drops fragments then loses it silently.",
      "TCP sets DF by default and discovers the path MTU itself; changing this on a TCP socket is rarely what is wanted.",
      "IPv6 has its own option, IPV6_MTU_DISCOVER; IPv6 routers never fragment, only the sender does.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "IP_MTU_DISCOVER={value} on fd {fd}: decides DF on each IPv4 packet from now on.",
      },
    ],
    man: ["ip(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/ipv4/ip_sockglue.c",
        symbols: ["do_ip_setsockopt", "ip_sock_set_mtu_discover", "do_ip_getsockopt"],
      },
      {
        repo: LINUX,
        path: "include/net/ip.h",
        symbols: ["ip_dont_fragment", "ip_sk_ignore_df", "ip_sk_use_pmtu", "ip_sk_accept_pmtu"],
      },
      { repo: LINUX, path: "net/ipv4/ip_output.c", symbols: ["__ip_append_data", "__ip_make_skb"] },
      {
        repo: LINUX,
        path: "include/uapi/linux/in.h",
        symbols: [
          "IP_PMTUDISC_DONT",
          "IP_PMTUDISC_WANT",
          "IP_PMTUDISC_DO",
          "IP_PMTUDISC_PROBE",
          "IP_PMTUDISC_INTERFACE",
          "IP_PMTUDISC_OMIT",
        ],
      },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_create"] },
      { repo: LINUX, path: "Documentation/networking/ip-sysctl.rst", symbols: ["ip_no_pmtu_disc"] },
      { man: "ip(7)" },
    ],
  },
  {
    kind: "option",
    name: "IP_BIND_ADDRESS_NO_PORT",
    level: "IPPROTO_IP",
    summary:
      "Lets bind() fix only the source address, with port 0, and leave the choice of port to connect(), which can then reuse a port for connections to different destinations.",
    kernel:
      "do_ip_setsockopt (net/ipv4/ip_sockglue.c) sets a flag on the inet socket (inet->bind_address_no_port in 6.1, the BIND_ADDRESS_NO_PORT bit in 6.12). __inet_bind (net/ipv4/af_inet.c) and __inet6_bind (net/ipv6/af_inet6.c) then skip the get_port call when the port asked is 0: the address is recorded, no port is reserved. At connect(), TCP's __inet_hash_connect (net/ipv4/inet_hashtables.c) picks the port knowing the full 4-tuple, so one local port can serve many connections as long as the destinations differ. Without the flag, bind(port 0) must pick a port no other socket uses at all.",
    default:
      "Off (0); no sysctl. Works on AF_INET and AF_INET6 sockets (it is an IPPROTO_IP option either way).",
    pitfalls: [
      "It only matters with bind() to port 0 followed by connect(); an explicit port is bound at once as usual.",
      "getsockname() between bind() and connect() shows port 0.",
      "An EADDRINUSE or EADDRNOTAVAIL for lack of ports moves from bind() to connect().",
      "Many outgoing connections from one chosen source address: without it, each bind(0) uses up a port of the whole ephemeral range.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "fd {fd}: a bind() to port 0 will now fix the address only; connect() picks the port.",
      },
    ],
    man: ["ip(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/ip_sockglue.c", symbols: ["do_ip_setsockopt"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["__inet_bind"] },
      { repo: LINUX, path: "net/ipv6/af_inet6.c", symbols: ["__inet6_bind"] },
      { repo: LINUX, path: "net/ipv4/inet_hashtables.c", symbols: ["__inet_hash_connect"] },
      { repo: LINUX, path: "include/uapi/linux/in.h", symbols: ["IP_BIND_ADDRESS_NO_PORT"] },
      { man: "ip(7)" },
    ],
  },
  {
    kind: "option",
    name: "IP_LOCAL_PORT_RANGE",
    level: "IPPROTO_IP",
    summary:
      "Narrows, for this socket only, the range from which the kernel picks an ephemeral port (at bind() to port 0, at connect() of an unbound socket). Added upstream in Linux 6.3.",
    kernel:
      "do_ip_setsockopt (net/ipv4/ip_sockglue.c) takes a 32-bit value: low port in the lower 16 bits, high port in the upper 16 (0 leaves that end at the system's); the length must be exactly 4 and low must not exceed high, else EINVAL. The pair is stored in the inet socket's local_port_range. inet_sk_get_local_port_range (net/ipv4/inet_connection_sock.c) starts from net.ipv4.ip_local_port_range and replaces each end by the socket's only when it lies inside the system range; inet_csk_find_open_port (bind), __inet_hash_connect (TCP connect) and udp_lib_get_port (UDP) use the result.",
    default:
      "0 (unset): the system range, net.ipv4.ip_local_port_range (32768 60999 by default). New in upstream 6.3; the 6.1 stable source checked here (6.1.192) carries it as a backport, so older 6.1.x kernels answer ENOPROTOOPT.",
    pitfalls: [
      "It cannot widen the range: an end outside net.ipv4.ip_local_port_range is ignored, silently.",
      "On kernels before 6.3 (and 6.1 stable releases without the backport) it fails with ENOPROTOOPT.",
      "strace 6.1 does not know its name and prints it as 0x33 /* IP_??? */ (51), with the two ports packed in one number.",
      "A narrow range runs out quickly: bind() or connect() then fails with EADDRINUSE / EADDRNOTAVAIL.",
    ],
    cases: [
      {
        when: { result: ["ENOPROTOOPT"] },
        note: "This kernel has no IP_LOCAL_PORT_RANGE (upstream 6.3 and later, or a stable kernel with the backport).",
      },
      {
        when: { result: ["ok"] },
        note: "fd {fd} will pick ephemeral ports only inside this range (intersected with net.ipv4.ip_local_port_range).",
      },
    ],
    man: ["ip(7)"],
    sources: [
      { repo: LINUX, path: "net/ipv4/ip_sockglue.c", symbols: ["do_ip_setsockopt", "do_ip_getsockopt"] },
      {
        repo: LINUX,
        path: "net/ipv4/inet_connection_sock.c",
        symbols: ["inet_sk_get_local_port_range", "inet_get_local_port_range", "inet_csk_find_open_port"],
      },
      { repo: LINUX, path: "net/ipv4/inet_hashtables.c", symbols: ["__inet_hash_connect"] },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_lib_get_port"] },
      { repo: LINUX, path: "include/uapi/linux/in.h", symbols: ["IP_LOCAL_PORT_RANGE"] },
      { repo: LINUX, path: "Documentation/networking/ip-sysctl.rst", symbols: ["ip_local_port_range"] },
      { man: "ip(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_PASSCRED",
    level: "SOL_SOCKET",
    summary:
      "Asks for the sender's credentials (pid, uid, gid) with every message received, as an SCM_CREDENTIALS control message: on AF_UNIX sockets, and on AF_NETLINK sockets.",
    kernel:
      "sk_setsockopt (net/core/sock.c) sets SOCK_PASSCRED in the socket's flags. AF_UNIX (net/unix/af_unix.c): a sender whose own socket or whose peer has it attaches its credentials to each message (maybe_add_creds; the kernel fills in the real ones when the sender gave none); unix_dgram_connect and unix_stream_connect autobind an unbound socket to an abstract address when it is set; on a stream the reader stops at a boundary where the credentials change (unix_skb_scm_eq), so one recv() never mixes two senders. The receiver gets them from scm_recv (include/net/scm.h) as SCM_CREDENTIALS, translated into its user namespace. AF_NETLINK: netlink_recvmsg hands the sender's recorded credentials to the same scm_recv, so a netlink socket with the flag learns who sent each message (the kernel's own messages carry pid 0). An accepted unix socket inherits it from the listener.",
    default: "Off (0); no sysctl.",
    pitfalls: [
      "Give recvmsg() a control buffer (CMSG_SPACE(sizeof(struct ucred))); without one the credentials are dropped and MSG_CTRUNC is set.",
      "For the peer of a connected stream, SO_PEERCRED is simpler: it gives the credentials of whoever called connect() or listen(), once.",
      "A sender may pass other credentials in SCM_CREDENTIALS only with the privilege to (CAP_SYS_ADMIN for another pid, CAP_SETUID/CAP_SETGID for ids); otherwise sendmsg fails with EPERM.",
      "On 6.12 and earlier it is accepted on any socket and does nothing outside AF_UNIX and AF_NETLINK; newer kernels (6.18 on this machine) refuse it there with EOPNOTSUPP.",
    ],
    cases: [
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        note: "Each message received on fd {fd} will carry the sender's pid/uid/gid as SCM_CREDENTIALS (read with recvmsg and a control buffer).",
      },
      {
        when: { result: ["EOPNOTSUPP"] },
        note: "This kernel takes SO_PASSCRED only on AF_UNIX and AF_NETLINK sockets.",
      },
    ],
    man: ["unix(7)", "socket(7)", "netlink(7)"],
    sources: [
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sk_setsockopt", "sk_getsockopt"] },
      {
        repo: LINUX,
        path: "net/unix/af_unix.c",
        symbols: [
          "maybe_add_creds",
          "unix_passcred_enabled",
          "unix_skb_scm_eq",
          "unix_autobind",
          "unix_dgram_connect",
          "unix_stream_connect",
        ],
      },
      { repo: LINUX, path: "include/net/scm.h", symbols: ["scm_recv"] },
      { repo: LINUX, path: "net/netlink/af_netlink.c", symbols: ["netlink_recvmsg"] },
      { repo: LINUX, path: "include/linux/net.h", symbols: ["SOCK_PASSCRED"] },
      { man: "unix(7)" },
    ],
  },
  {
    kind: "option",
    name: "SO_TIMESTAMP",
    aliases: ["SO_TIMESTAMP_OLD", "SO_TIMESTAMP_NEW"],
    level: "SOL_SOCKET",
    summary:
      "Attaches to each packet received the time the kernel received it, as an SCM_TIMESTAMP control message (a struct timeval) on recvmsg(). strace spells the usual form SO_TIMESTAMP_OLD.",
    kernel:
      "The C name SO_TIMESTAMP is a macro: SO_TIMESTAMP_OLD (29) where time_t is as wide as a long (all 64-bit programs), SO_TIMESTAMP_NEW (63) for 32-bit programs built with a 64-bit time_t, which get a struct __kernel_sock_timeval instead. sk_setsockopt (net/core/sock.c) hands both to sock_set_timestamp, which sets SOCK_RCVTSTAMP (and SOCK_TSTAMP_NEW for the new form) and, through sock_enable_timestamp, turns on software receive timestamps for the whole host (the netstamp static key), so the device layer stamps incoming packets early (net_timestamp_check in net/core/dev.c). __sock_recv_timestamp (net/socket.c) turns the stamp into the control message on recvmsg(); TCP uses tcp_recv_timestamp and stamps with the newest segment read.",
    default: "Off (0).",
    pitfalls: [
      "Only recvmsg() with a control buffer gets the timestamp; recv()/read() drop it.",
      "It is the time the packet reached this host's stack, not when the peer sent it, and in microseconds; SO_TIMESTAMPNS gives nanoseconds, SO_TIMESTAMPING hardware and transmit stamps.",
      "Enabling it on any socket makes the kernel stamp every incoming packet from then on, a small cost for the whole host.",
      "strace shows SO_TIMESTAMP_OLD: it is this option, under the name the kernel headers give the 64-bit form.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        note: "fd {fd}: each packet read with recvmsg() now comes with an SCM_TIMESTAMP control message (its receive time).",
      },
    ],
    man: ["socket(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/core/sock.c",
        symbols: ["sk_setsockopt", "sock_set_timestamp", "__sock_set_timestamps", "sock_enable_timestamp"],
      },
      { repo: LINUX, path: "net/socket.c", symbols: ["__sock_recv_timestamp"] },
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_recv_timestamp"] },
      {
        repo: LINUX,
        path: "include/uapi/asm-generic/socket.h",
        symbols: ["SO_TIMESTAMP_OLD", "SO_TIMESTAMP_NEW", "SO_TIMESTAMP"],
      },
      { man: "socket(7)" },
    ],
  },
  {
    kind: "option",
    name: "NETLINK_ADD_MEMBERSHIP",
    aliases: ["NETLINK_DROP_MEMBERSHIP"],
    level: "SOL_NETLINK",
    summary:
      "Joins (or, as NETLINK_DROP_MEMBERSHIP, leaves) one multicast group of a netlink family, given by number, so the socket receives the notifications the kernel sends to that group (link, address, route changes…).",
    kernel:
      "netlink_setsockopt (net/netlink/af_netlink.c) handles both in one case. It first requires either a family that lets unprivileged sockets listen (NETLINK_ROUTE and generic netlink do) or CAP_NET_ADMIN in the socket's network namespace, else EPERM; makes sure the socket's group bitmap is big enough (netlink_realloc_groups); rejects group 0 or a number above the family's group count with EINVAL; lets the family veto or prepare (its bind hook: generic netlink checks per-group permissions there); then sets or clears the bit with netlink_update_socket_mc. From then on netlink_broadcast delivers each message of that group to the socket (do_one_broadcast).",
    default: "No groups; bind() with a non-zero nl_groups mask is the older way to join groups 1–32.",
    pitfalls: [
      "The value is a group number (RTNLGRP_LINK = 1…), not the RTMGRP_* bit mask used with bind()'s nl_groups; passing a mask joins the wrong group or fails with EINVAL.",
      "Notifications arrive on the same socket as replies to your requests; a busy group can fill the receive buffer, and the next recv() then fails with ENOBUFS (see NETLINK_NO_ENOBUFS).",
      "EPERM means the family needs CAP_NET_ADMIN for listeners (most families other than NETLINK_ROUTE and generic netlink), or generic netlink refused that group.",
    ],
    cases: [
      {
        when: { result: ["EPERM"] },
        note: "Joining this netlink family's groups needs CAP_NET_ADMIN (or the group is restricted).",
      },
      {
        when: { result: ["ok"] },
        note: "fd {fd} now receives the kernel's notifications for multicast group {value} (or stops, for DROP).",
      },
    ],
    man: ["netlink(7)", "rtnetlink(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/netlink/af_netlink.c",
        symbols: [
          "netlink_setsockopt",
          "netlink_allowed",
          "netlink_realloc_groups",
          "netlink_update_socket_mc",
          "do_one_broadcast",
        ],
      },
      {
        repo: LINUX,
        path: "include/uapi/linux/netlink.h",
        symbols: ["NETLINK_ADD_MEMBERSHIP", "NETLINK_DROP_MEMBERSHIP"],
      },
      { man: "netlink(7)" },
    ],
  },
  {
    kind: "option",
    name: "NETLINK_PKTINFO",
    level: "SOL_NETLINK",
    summary:
      "Makes recvmsg() on a netlink socket report, for each message, the multicast group it was sent to, as a NETLINK_PKTINFO control message (struct nl_pktinfo; 0 for a unicast reply).",
    kernel:
      "netlink_setsockopt (net/netlink/af_netlink.c) sets the NETLINK_F_RECV_PKTINFO flag of the netlink socket; netlink_recvmsg then calls netlink_cmsg_recv_pktinfo, which copies the message's destination group into the control message.",
    default: "Off (0).",
    pitfalls: [
      "Only recvmsg() with a control buffer sees it.",
      "It tells which group a notification came from, which matters when one socket joined several; replies to requests carry group 0.",
    ],
    cases: [],
    man: ["netlink(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/netlink/af_netlink.c",
        symbols: ["netlink_setsockopt", "netlink_recvmsg", "netlink_cmsg_recv_pktinfo"],
      },
      { repo: LINUX, path: "include/uapi/linux/netlink.h", symbols: ["NETLINK_PKTINFO"] },
      { man: "netlink(7)" },
    ],
  },
  {
    kind: "option",
    name: "NETLINK_EXT_ACK",
    level: "SOL_NETLINK",
    summary:
      "Asks for extended acknowledgements: an NLMSG_ERROR (and the NLMSG_DONE of a dump) then carries attributes with a readable error message and the offset of the attribute at fault, where the kernel code gave them.",
    kernel:
      "netlink_setsockopt (net/netlink/af_netlink.c) sets NETLINK_F_EXT_ACK. netlink_ack sizes and adds the attributes (netlink_ack_tlv_len, netlink_ack_tlv_fill) and marks the message NLM_F_ACK_TLVS; netlink_dump_done does the same for the end of a dump. The text comes from the handler's struct netlink_ext_ack (NL_SET_ERR_MSG in the kernel).",
    default: "Off (0) on the socket; iproute2 (ip, tc) and most netlink libraries turn it on.",
    pitfalls: [
      "The message is only as good as the handler that set it; many errors still come with the errno alone.",
      "Parse the NLMSG_ERROR's attributes after the echoed request (or after the header only when NLM_F_CAPPED is set).",
    ],
    cases: [],
    man: ["netlink(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/netlink/af_netlink.c",
        symbols: [
          "netlink_setsockopt",
          "netlink_ack",
          "netlink_ack_tlv_len",
          "netlink_ack_tlv_fill",
          "netlink_dump_done",
        ],
      },
      { repo: LINUX, path: "include/uapi/linux/netlink.h", symbols: ["NETLINK_EXT_ACK", "NLM_F_ACK_TLVS"] },
      { man: "netlink(7)" },
    ],
  },
  {
    kind: "option",
    name: "NETLINK_CAP_ACK",
    level: "SOL_NETLINK",
    summary:
      "Keeps error acknowledgements short: the NLMSG_ERROR for a failed request then echoes only the request's header, not its whole payload.",
    kernel:
      "netlink_setsockopt (net/netlink/af_netlink.c) sets NETLINK_F_CAP_ACK. netlink_ack copies the failed request's payload after the error only while the flag is off; with it (and for every successful ack) it copies the header alone and sets NLM_F_CAPPED on the reply.",
    default: "Off (0): a failed request comes back whole inside its NLMSG_ERROR.",
    pitfalls: [
      "Without it, an error for a large request (a big batch of attributes) makes an equally large reply, which a small receive buffer truncates (MSG_TRUNC).",
    ],
    cases: [],
    man: ["netlink(7)"],
    sources: [
      { repo: LINUX, path: "net/netlink/af_netlink.c", symbols: ["netlink_setsockopt", "netlink_ack"] },
      { repo: LINUX, path: "include/uapi/linux/netlink.h", symbols: ["NETLINK_CAP_ACK", "NLM_F_CAPPED"] },
      { man: "netlink(7)" },
    ],
  },
  {
    kind: "option",
    name: "NETLINK_GET_STRICT_CHK",
    level: "SOL_NETLINK",
    summary:
      "Asks the kernel to check dump requests from this socket strictly: header fields that must be zero, and attributes it does not expect, make the request fail with EINVAL; in exchange, address and route dumps apply the filters the request carries (one interface, one table).",
    kernel:
      "netlink_setsockopt (net/netlink/af_netlink.c) sets NETLINK_F_STRICT_CHK; __netlink_dump_start copies it into the dump's callback state (cb->strict_check) and netlink_strict_get_check reports it for single GET requests. rtnetlink's dump handlers read it: rtnl_valid_dump_ifinfo_req (links) rejects non-zero header fields and parses attributes strictly; inet_valid_dump_ifaddr_req (addresses) and ip_valid_fib_dump_req (routes) are only called when it is set, and only then are the request's interface or table filters applied. Without it the handlers keep the old, lenient parsing, where stray fields are ignored.",
    default: "Off (0), for compatibility with old programs; iproute2 turns it on.",
    pitfalls: [
      "Turning it on can make a request that used to work fail with EINVAL (junk in a header field or an unexpected attribute); with NETLINK_EXT_ACK the reason is spelt out.",
      "Without it an address or route dump returns everything even when the request names an interface or a table: filter in the program, or turn it on.",
    ],
    cases: [],
    man: ["netlink(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/netlink/af_netlink.c",
        symbols: ["netlink_setsockopt", "netlink_strict_get_check", "__netlink_dump_start"],
      },
      {
        repo: LINUX,
        path: "net/core/rtnetlink.c",
        symbols: ["rtnl_valid_dump_ifinfo_req", "rtnl_dump_ifinfo"],
      },
      {
        repo: LINUX,
        path: "net/ipv4/devinet.c",
        symbols: ["inet_valid_dump_ifaddr_req", "inet_dump_ifaddr"],
      },
      { repo: LINUX, path: "net/ipv4/fib_frontend.c", symbols: ["ip_valid_fib_dump_req", "inet_dump_fib"] },
      { repo: LINUX, path: "include/uapi/linux/netlink.h", symbols: ["NETLINK_GET_STRICT_CHK"] },
      { man: "netlink(7)" },
    ],
  },
  {
    kind: "option",
    name: "NETLINK_NO_ENOBUFS",
    level: "SOL_NETLINK",
    summary:
      "Stops the kernel from reporting ENOBUFS when it had to drop messages for this socket because its receive buffer was full: the loss becomes silent.",
    kernel:
      "netlink_setsockopt (net/netlink/af_netlink.c) sets NETLINK_F_RECV_NO_ENOBUFS and, when turning it on, clears the socket's congested state and wakes waiters. Normally, when a message cannot be queued (netlink_broadcast to a full socket, or a kernel reply that does not fit), netlink_overrun records ENOBUFS as the socket error once per congestion episode, and the next recvmsg() fails with it; with the flag only the drop counter (sk_drops) grows.",
    default: "Off (0): overflow is reported as ENOBUFS.",
    pitfalls: [
      "ENOBUFS on a netlink recv means notifications were lost: a program that mirrors kernel state must re-dump it; this option hides that.",
      "It is for listeners that can afford to miss events; a larger SO_RCVBUF (or SO_RCVBUFFORCE) is the other remedy.",
    ],
    cases: [],
    man: ["netlink(7)"],
    sources: [
      {
        repo: LINUX,
        path: "net/netlink/af_netlink.c",
        symbols: ["netlink_setsockopt", "netlink_overrun", "do_one_broadcast", "netlink_attachskb"],
      },
      { repo: LINUX, path: "include/uapi/linux/netlink.h", symbols: ["NETLINK_NO_ENOBUFS"] },
      { man: "netlink(7)" },
    ],
  },
  {
    kind: "option",
    name: "FIONBIO",
    level: "ioctl request, not a socket option level",
    summary:
      "ioctl(fd, FIONBIO, &on): turns non-blocking mode on (non-zero) or off (0) for the open file, the same O_NONBLOCK flag fcntl(F_SETFL) sets. An ioctl command, not a setsockopt option.",
    kernel:
      "The ioctl never reaches the socket code: do_vfs_ioctl (fs/ioctl.c) handles it for every kind of file and calls ioctl_fionbio, which reads the int and sets or clears O_NONBLOCK in file->f_flags. Socket calls read that flag on each call (as for O_NONBLOCK set with fcntl).",
    default: "Blocking, unless the socket was created with SOCK_NONBLOCK or accept4(SOCK_NONBLOCK).",
    pitfalls: [
      "Like F_SETFL it acts on the open file description: dup()ed fds and forked children share the change.",
      "Unlike F_SETFL it changes only this flag, so no F_GETFL is needed first.",
      "Windows' ioctlsocket(FIONBIO) is the usual way there; Linux code ported from it works unchanged.",
    ],
    man: ["ioctl(2)", "ioctl_list(2)", "socket(7)"],
    sources: [
      { repo: LINUX, path: "fs/ioctl.c", symbols: ["do_vfs_ioctl", "ioctl_fionbio"] },
      { man: "ioctl(2)" },
    ],
  },
  {
    kind: "option",
    name: "FIONREAD",
    aliases: ["SIOCINQ", "TIOCINQ"],
    level: "ioctl request, not a socket option level",
    summary:
      "ioctl(fd, FIONREAD, &n) (also spelt SIOCINQ, the same number): how many bytes could be read now: all queued bytes on a TCP or unix stream socket, only the first datagram's size on a UDP or unix datagram socket.",
    kernel:
      "do_vfs_ioctl (fs/ioctl.c) answers FIONREAD itself only for regular files and passes a socket's on: sock_ioctl → sock_do_ioctl (net/socket.c) → the family's ioctl. inet_ioctl (net/ipv4/af_inet.c) hands it to the protocol (through sk_ioctl in 6.12): tcp_ioctl (net/ipv4/tcp.c) returns the unread bytes in order (tcp_inq), and EINVAL on a listener; udp_ioctl (net/ipv4/udp.c) returns the payload length of the first queued datagram, 0 when none. unix_ioctl (net/unix/af_unix.c) uses unix_inq_len: the sum of queued bytes for stream and seqpacket sockets, the first datagram's length otherwise, EINVAL on a listener.",
    default: "Not a setting: a query.",
    pitfalls: [
      "On UDP it is the size of the next datagram, not the total queued; 0 can mean an empty queue or an empty datagram.",
      "On a TCP listener it fails with EINVAL; it does not count pending connections.",
      "A non-zero result does not promise that a later read gets that much in one call on every family; read in a loop.",
    ],
    man: ["ioctl(2)", "tcp(7)", "udp(7)", "unix(7)"],
    sources: [
      { repo: LINUX, path: "fs/ioctl.c", symbols: ["do_vfs_ioctl"] },
      { repo: LINUX, path: "net/socket.c", symbols: ["sock_ioctl", "sock_do_ioctl"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_ioctl"] },
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_ioctl"] },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_ioctl", "first_packet_length"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_ioctl", "unix_inq_len"] },
      { repo: LINUX, path: "include/uapi/linux/sockios.h", symbols: ["SIOCINQ"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "SIOCOUTQ",
    aliases: ["TIOCOUTQ"],
    level: "ioctl request, not a socket option level",
    summary:
      "ioctl(fd, SIOCOUTQ, &n): how much sent data is still held by this socket: on TCP the bytes not yet acknowledged by the peer (sent or not), on UDP the memory of datagrams not yet handed off, on AF_UNIX the bytes the peer has not read yet. strace prints it as TIOCOUTQ, the same number.",
    kernel:
      "sock_ioctl → sock_do_ioctl (net/socket.c) → inet_ioctl (net/ipv4/af_inet.c) → tcp_ioctl (net/ipv4/tcp.c): write_seq − snd_una, 0 during the handshake, EINVAL on a listener (SIOCOUTQNSD gives only the part not yet sent). udp_ioctl (net/ipv4/udp.c) returns sk_wmem_alloc, memory including overhead, not payload bytes. unix_ioctl (net/unix/af_unix.c) returns unix_outq_len, the sender's write memory, which on AF_UNIX stays charged until the receiver reads.",
    default: "Not a setting: a query.",
    pitfalls: [
      "It counts bytes the kernel still holds, not bytes the peer application has read (except on AF_UNIX): 0 on TCP means acknowledged by the peer's kernel.",
      "Useful before close() to see whether data is still in flight; SO_LINGER is what makes close() wait for it.",
    ],
    man: ["ioctl(2)", "tcp(7)", "udp(7)", "unix(7)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["sock_ioctl", "sock_do_ioctl"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_ioctl"] },
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_ioctl"] },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_ioctl"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_ioctl", "unix_outq_len"] },
      { repo: LINUX, path: "include/uapi/linux/sockios.h", symbols: ["SIOCOUTQ", "SIOCOUTQNSD"] },
      { man: "tcp(7)" },
    ],
  },
  {
    kind: "option",
    name: "FIOCLEX",
    aliases: ["FIONCLEX"],
    level: "ioctl request, not a socket option level",
    summary:
      "ioctl(fd, FIOCLEX) sets the close-on-exec flag of this fd; FIONCLEX clears it. The same flag as FD_CLOEXEC (fcntl F_SETFD) or SOCK_CLOEXEC at socket(). An ioctl command, not a setsockopt option.",
    kernel:
      "do_vfs_ioctl (fs/ioctl.c) handles both for any file, before the socket's own ioctl, by calling set_close_on_exec (fs/file.c), which sets or clears the fd's bit in the process's close-on-exec bitmap. Nothing in the socket changes.",
    default: "Not set, unless the fd was made with SOCK_CLOEXEC, accept4(SOCK_CLOEXEC) or O_CLOEXEC.",
    pitfalls: [
      "Setting it after socket() leaves a window in which another thread's fork()+exec() inherits the fd; SOCK_CLOEXEC at creation has none.",
      "It belongs to the fd, not the open file: a dup() of the socket starts without it.",
    ],
    man: ["ioctl(2)", "fcntl(2)"],
    sources: [
      { repo: LINUX, path: "fs/ioctl.c", symbols: ["do_vfs_ioctl"] },
      { repo: LINUX, path: "fs/file.c", symbols: ["set_close_on_exec"] },
      { man: "ioctl(2)" },
    ],
  },
];
