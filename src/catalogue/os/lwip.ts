import type { OsNotes } from "./notes.js";

export const LWIP: OsNotes = {
  label: "lwIP (embedded TCP/IP)",
  general:
    "lwIP offers a BSD-like socket layer (lwip_socket(), lwip_send()\u2026) over its own stack: sockets are indexes into lwIP's table, the work happens in the tcpip thread, and many options and errnos are simplified or absent.",
  topics: {
    socket:
      "lwip_socket() (socket() with LWIP_COMPAT_SOCKETS) returns an index into lwIP's own socket table, not an OS fd; the work is done by the tcpip thread, with no syscall.",
    socketpair:
      "lwIP's socket API has no socketpair(); a pair of sockets connected over lwIP's loopback, or the RTOS's own message queues, can stand in.",
    bind: "lwip_bind() passes the address to netconn_bind, which the tcpip thread carries out on the TCP or UDP PCB; port 0 takes a port from 0xC000–0xFFFF by default. SO_REUSEADDR exists only when lwIP is built with SO_REUSE=1.",
    listen:
      "lwip_listen() clamps the backlog to 0–255 and the tcpip thread turns the PCB into a listening PCB; the backlog is enforced only when lwIP is built with TCP_LISTEN_BACKLOG=1. A second listen() only updates the backlog.",
    accept:
      "lwip_accept() waits on the listening netconn's accept mailbox; the tcpip thread completed the handshake beforehand, as on Linux. There is no syscall for strace to see.",
    accept4:
      "No accept4(): use lwip_accept() and then lwip_fcntl(F_SETFL, O_NONBLOCK) or lwip_ioctl(FIONBIO); there is no exec, so no close-on-exec.",
    connect:
      "lwip_connect() → netconn_connect, executed by the tcpip thread; a non-blocking connect returns EINPROGRESS. lwIP has no ECONNREFUSED mapping: a refused TCP connect surfaces as ECONNRESET.",
    getsockname:
      "lwip_getsockname() asks the tcpip thread for the PCB's local address and port (netconn_getaddr); no syscall.",
    getpeername:
      "lwip_getpeername() asks the tcpip thread for the PCB's remote address and port (netconn_getaddr); no syscall.",
    shutdown:
      "lwip_shutdown() works only on TCP sockets (EOPNOTSUPP otherwise) and maps to netconn_shutdown, closing the receive side, the send side or both in the tcpip thread.",
    close:
      "lwip_close() (closesocket() with LWIP_COMPAT_SOCKETS) frees the socket slot and has the tcpip thread close the PCB; like Linux, lwIP answers with RST instead of FIN when received data was never read by the application.",
    sendto:
      "lwip_send()/lwip_sendto(): for TCP the bytes are copied and handed to the tcpip thread (netconn_write_partly, then tcp_write and tcp_output) while the caller waits on a semaphore (MSG_DONTWAIT and MSG_MORE are honoured there); for UDP one netbuf is sent as one datagram. No signals, so no SIGPIPE.",
    recvfrom:
      "lwip_recv()/lwip_recvfrom(): TCP data is taken from the connection's receive mailbox as pbufs and copied out; 0 means the connection was closed. MSG_PEEK and MSG_DONTWAIT work, MSG_WAITALL is not implemented, and SO_RCVTIMEO exists only when built with LWIP_SO_RCVTIMEO.",
    sendmsg:
      "lwip_sendmsg(): gathers the iovec (for TCP through netconn_write_vectors_partly) but ignores control data; only MSG_DONTWAIT and MSG_MORE are accepted, other flags give EOPNOTSUPP.",
    recvmsg:
      "lwip_recvmsg(): scatters into the iovec; for UDP it can return IP_PKTINFO as control data when built with LWIP_NETBUF_RECVINFO.",
    sendmmsg: "No sendmmsg(): call lwip_sendto() for each datagram.",
    recvmmsg: "No recvmmsg(): call lwip_recvfrom() per datagram.",
    setsockopt:
      "lwip_setsockopt(): only the options compiled in exist. SO_RCVBUF needs LWIP_SO_RCVBUF and SO_RCVTIMEO/SO_SNDTIMEO need LWIP_SO_RCVTIMEO/LWIP_SO_SNDTIMEO; there is no SO_SNDBUF. The change is made by the tcpip thread.",
    getsockopt:
      "lwip_getsockopt(): answered by the tcpip thread, for the options compiled in; SO_ERROR returns and clears the socket's last error.",
    read: "lwip_read() is lwip_recvfrom() with no flags and no address (read() with LWIP_POSIX_SOCKETS_IO_NAMES).",
    write:
      "lwip_write() is lwip_send() with flags 0 (write() with LWIP_POSIX_SOCKETS_IO_NAMES); no signals exist.",
    readv: "lwip_readv() builds a msghdr and calls lwip_recvmsg().",
    writev:
      "lwip_writev() builds a msghdr and calls lwip_sendmsg(); for TCP the pieces go to netconn_write_vectors_partly.",
    sendfile:
      "No sendfile(): read the file into a buffer and lwip_send() it (or use the netconn/raw API to reference static data).",
    splice:
      "No splice(): data moves between lwIP sockets and anything else through the application's buffers (or the netconn/raw API's own pbufs).",
    poll: "lwip_poll() (with LWIP_SOCKET_POLL) works on lwIP sockets only; the waiting task is woken by a callback from the tcpip thread.",
    pselect6:
      "lwip_select() (LWIP_SOCKET_SELECT) works on lwIP sockets only, with lwIP's own fd_set over its socket indexes.",
    epoll_wait: "No epoll: lwip_select() or lwip_poll(), or the netconn callback API for event-driven code.",
    epoll_ctl:
      "No epoll: lwip_select() or lwip_poll() take the sockets on every call, or the netconn callback reports events as they happen.",
    fcntl:
      "lwip_fcntl() supports F_GETFL and F_SETFL, with O_NONBLOCK the only flag implemented; there is no exec, so no FD_CLOEXEC.",
    ioctl:
      "lwip_ioctl() implements FIONBIO, and FIONREAD when LWIP_SO_RCVBUF or LWIP_FIONREAD_LINUXMODE is compiled in; there is no SIOCOUTQ.",
    ECONNREFUSED:
      "No mapping: err_to_errno() has no ECONNREFUSED. A RST answering the SYN arrives as ERR_RST, so the connect fails with ECONNRESET; incoming ICMP destination-unreachable messages are only counted, never turned into socket errors.",
    ECONNRESET:
      "ERR_RST (-14) maps to ECONNRESET: a RST was received. lwIP also reports a refused connect (RST answering the SYN) this way, where Linux says ECONNREFUSED.",
    ECONNABORTED:
      "ERR_ABRT (-13) maps to ECONNABORTED: lwIP aborted the pcb itself, e.g. when SYN or data retransmissions ran out (TCP_SYNMAXRTX / TCP_MAXRTX in tcp_slowtmr) or when it killed the pcb to make room for a new one. A connect that times out on lwIP therefore reports ECONNABORTED, not ETIMEDOUT.",
    EPIPE:
      "No signals, and lwIP's socket layer never sets EPIPE: a send on a closed or reset connection fails with an err_to_errno() code such as ECONNRESET, ECONNABORTED or ENOTCONN.",
    ETIMEDOUT:
      "Not produced by lwIP's TCP: running out of SYN or data retransmissions aborts the pcb with ERR_ABRT, reported as ECONNABORTED. ERR_TIMEOUT (-3) maps to EWOULDBLOCK, which is what an expired SO_RCVTIMEO returns.",
    EHOSTUNREACH:
      "ERR_RTE (-4) maps to EHOSTUNREACH: no netif or route for the destination (tcp_connect, udp_sendto). lwIP has no ENETUNREACH: every missing route is reported this way, and ICMP errors from the network never become socket errors.",
    ENETUNREACH: "Not produced: a missing route is ERR_RTE, which err_to_errno() turns into EHOSTUNREACH.",
    ENETDOWN:
      "No direct mapping: ip_route() skips netifs that are down, so sends fail with ERR_RTE (EHOSTUNREACH). ERR_IF (-12, low-level netif error) has no errno: err_to_errno() returns -1 for it.",
    EADDRINUSE:
      "ERR_USE (-8) maps to EADDRINUSE: the local port is taken (tcp_bind, udp_bind); sharing needs SO_REUSE=1 at build time plus SO_REUSEADDR on the socket.",
    EADDRNOTAVAIL:
      "Only from the multicast membership options, when the IGMP/MLD join or leave fails. A connect with no free local port fails with ERR_BUF, i.e. ENOBUFS.",
    EACCES:
      "Not used: lwIP has no privileged ports or permission checks, and its socket layer never sets EACCES.",
    EPERM: "Not used: lwIP has no privileges or packet filters at the socket layer.",
    EAGAIN:
      "ERR_WOULDBLOCK (-7) and ERR_TIMEOUT (-3) both map to EWOULDBLOCK, so an expired SO_RCVTIMEO gives it too. lwIP's own errno.h (LWIP_PROVIDE_ERRNO) uses the Linux values: EAGAIN 11, EWOULDBLOCK defined as EAGAIN.",
    EWOULDBLOCK:
      "ERR_WOULDBLOCK (-7) and ERR_TIMEOUT (-3) map to EWOULDBLOCK, which lwIP's own errno.h defines as EAGAIN (11).",
    EINPROGRESS:
      "ERR_INPROGRESS (-5) maps to EINPROGRESS for lwip_connect() on a non-blocking socket; completion shows as writable in lwip_select()/lwip_poll(), and SO_ERROR reports the netconn's error.",
    EALREADY:
      "ERR_ALREADY (-9) maps to EALREADY: lwip_connect() while a connect is already pending on the netconn.",
    EISCONN: "ERR_ISCONN (-10) maps to EISCONN: connect on a netconn that is already connected.",
    ENOTCONN:
      "ERR_CONN (-11, not connected) and ERR_CLSD (-15, connection closed) both map to ENOTCONN; lwip_shutdown() on a socket without a connection sets it too.",
    EDESTADDRREQ:
      "Not used: lwIP's socket layer never sets EDESTADDRREQ, so a send without a destination gets some other code.",
    EMSGSIZE:
      "lwip_sendto() rejects more than 0xFFFF bytes, and lwip_sendmsg() more than IOV_MAX iovecs, with EMSGSIZE.",
    ENOBUFS:
      "ERR_BUF (-2) maps to ENOBUFS, e.g. tcp_connect() found no free local port; lwip_socket() sets it directly when no netconn can be allocated.",
    ENOMEM:
      "ERR_MEM (-1) maps to ENOMEM: an lwIP memory pool or its heap is empty (pbufs, TCP segments, netconns); the sizes are compile-time options (MEMP_NUM_*, PBUF_POOL_SIZE, MEM_SIZE).",
    EMFILE: "Not used: running out of lwIP sockets (NUM_SOCKETS, MEMP_NUM_NETCONN) gives ENFILE instead.",
    ENFILE:
      "ENFILE means lwIP's socket table is full: all NUM_SOCKETS entries are in use (lwip_socket, lwip_accept).",
    EAFNOSUPPORT:
      "lwip_socket() uses the domain only to choose IPv4 or IPv6; an address of the wrong family in bind() or connect() fails with EINVAL (ERR_VAL), not EAFNOSUPPORT.",
    EPROTONOSUPPORT:
      "Not reported: lwip_socket() ignores the protocol for stream sockets and uses it for datagram sockets only to choose UDP-Lite, so a mismatch goes unnoticed.",
    ESOCKTNOSUPPORT: "Not used: lwip_socket() rejects an unknown type with EINVAL.",
    EPROTOTYPE: "Not used: lwIP has no unix-domain sockets.",
    ENOPROTOOPT:
      "lwip_setsockopt()/lwip_getsockopt() return ENOPROTOOPT for options they don't implement or that don't fit the netconn type.",
    EOPNOTSUPP:
      "lwIP sets EOPNOTSUPP for listen()/accept() and shutdown() on non-TCP sockets and for unsupported send/recv flags.",
    ENOENT: "Not applicable: lwIP has no unix-domain sockets.",
    ENOTSOCK: "Not used: lwIP only has socket descriptors, and an index outside its table gives EBADF.",
    EBADF:
      "EBADF: the descriptor is not a valid entry of lwIP's socket table (get_socket), e.g. it was already closed.",
    EINVAL:
      "ERR_VAL (-6) maps to EINVAL, e.g. an address of the wrong family in bind() or connect(); accept() on a closed listener also sets EINVAL. (ERR_ARG, -16, maps to EIO.)",
    EFAULT:
      "Set in a few places, e.g. a NULL option value or length in lwip_getsockopt()/lwip_setsockopt(); lwIP shares the application's address space and cannot detect wild pointers.",
    EINTR: "Not produced: there are no signals; lwIP's own errno.h defines EINTR (4) only for compatibility.",
    ERESTARTSYS: "Not applicable: no signals.",
    ERESTARTNOINTR: "Not applicable.",
    ERESTARTNOHAND: "Not applicable: lwip_select() is not interrupted by signals.",
    ERESTART_RESTARTBLOCK: "Not applicable: lwip_poll() is not interrupted by signals.",
    SO_REUSEADDR:
      "Compiled in only with SO_REUSE=1 (off by default); it then sets SOF_REUSEADDR on the PCB. Without it lwip_setsockopt answers ENOPROTOOPT.",
    SO_REUSEPORT:
      "Not implemented: sockets.h defines the constant and marks it unimplemented, and lwip_setsockopt answers ENOPROTOOPT.",
    SO_KEEPALIVE:
      "Always available: it sets SOF_KEEPALIVE and tcp_slowtmr probes ESTABLISHED/CLOSE_WAIT connections (defaults 7200000 ms idle, 75000 ms apart, 9 probes). Per-socket tuning (TCP_KEEPIDLE…) needs LWIP_TCP_KEEPALIVE=1.",
    SO_RCVBUF:
      "Only with LWIP_SO_RCVBUF=1: it limits the bytes queued on the netconn (recv_bufsize), no doubling. SO_SNDBUF is not implemented.",
    SO_SNDBUF:
      "Not implemented (sockets.h marks SO_SNDBUF unimplemented); lwIP's TCP send space is the compile-time TCP_SND_BUF.",
    SO_LINGER:
      "Only with LWIP_SO_LINGER=1. With linger 0 and unsent or unacknowledged data the close aborts (tcp_abort, RST); with N>0 a blocking close waits and aborts when N seconds pass; a non-blocking close cannot wait.",
    SO_ERROR: "Read-only; returns err_to_errno of netconn_err(), which also resets the pending error.",
    SO_BROADCAST:
      "Accepted on UDP sockets only (ENOPROTOOPT otherwise). lwIP enforces it only when built with IP_SOF_BROADCAST=1; by default broadcasts go out without it.",
    SO_RCVTIMEO:
      "Only with LWIP_SO_RCVTIMEO=1; takes a struct timeval, or an int in milliseconds when LWIP_SO_SNDRCVTIMEO_NONSTANDARD=1.",
    SO_SNDTIMEO:
      "Only with LWIP_SO_SNDTIMEO=1; a struct timeval, or int milliseconds with LWIP_SO_SNDRCVTIMEO_NONSTANDARD=1.",
    SO_TYPE:
      "Read-only; derived from the netconn type (TCP → SOCK_STREAM, UDP → SOCK_DGRAM, raw → SOCK_RAW).",
    SO_PEERCRED: "No AF_UNIX sockets, so no peer credentials.",
    TCP_NODELAY:
      "Supported: calls tcp_nagle_disable/tcp_nagle_enable on the PCB. Like every IPPROTO_TCP option in lwIP it fails with EINVAL on a listening socket.",
    TCP_CORK: "No TCP_CORK; MSG_MORE on lwip_send() delays the push for that call.",
    TCP_KEEPIDLE:
      "With LWIP_TCP_KEEPALIVE=1: TCP_KEEPIDLE in seconds; lwIP's own TCP_KEEPALIVE sets the same field in milliseconds.",
    TCP_KEEPINTVL:
      "With LWIP_TCP_KEEPALIVE=1, in seconds (stored as milliseconds in keep_intvl); default 75000 ms.",
    TCP_KEEPCNT: "With LWIP_TCP_KEEPALIVE=1 (keep_cnt); default 9.",
    TCP_FASTOPEN: "No TCP Fast Open.",
    TCP_QUICKACK: "No TCP_QUICKACK.",
    TCP_USER_TIMEOUT: "No equivalent option; retry limits are compile-time (TCP_MAXRTX, TCP_SYNMAXRTX).",
    TCP_DEFER_ACCEPT: "No equivalent.",
    IPV6_V6ONLY: "Supported at IPPROTO_IPV6 when lwIP is built with IPv6.",
    IP_TTL: "IP_TTL is supported (the PCB's ttl).",
    IP_RECVERR: "No IP_RECVERR or error queue.",
    SOCK_NONBLOCK: "No SOCK_NONBLOCK; use lwip_fcntl(s, F_SETFL, O_NONBLOCK) or lwip_ioctl(s, FIONBIO, …).",
    SOCK_CLOEXEC: "Not applicable: lwIP sockets are not OS fds and there is no exec.",
    MSG_NOSIGNAL:
      "No signals exist; lwip_send() ignores the flag, but lwip_sendmsg() rejects any flag other than MSG_DONTWAIT/MSG_MORE with EOPNOTSUPP.",
    MSG_DONTWAIT: "Supported by lwip_send/lwip_recv and their variants (NETCONN_DONTBLOCK).",
    MSG_PEEK: "Supported by lwip_recv/lwip_recvfrom/lwip_recvmsg.",
    MSG_WAITALL: "Not implemented: lwip_recv ignores it and lwip_recvmsg rejects it with EOPNOTSUPP.",
    MSG_TRUNC:
      "lwip_recvmsg sets MSG_TRUNC in msg_flags for a cut datagram; as an input flag it is not supported.",
    O_NONBLOCK:
      "lwip_fcntl(s, F_SETFL, O_NONBLOCK), where O_NONBLOCK is the only flag implemented, or lwip_ioctl(s, FIONBIO, …).",
    TCP_MAXSEG:
      "Not a socket option in lwIP: lwip_setsockopt does not know TCP_MAXSEG (ENOPROTOOPT). The MSS is the build-time TCP_MSS, lowered to the interface MTU when TCP_CALCULATE_EFF_SEND_MSS is on.",
    IP_MTU_DISCOVER:
      "No such option and no path MTU discovery; whether outgoing packets may be fragmented is the build-time IP_FRAG setting.",
    IP_BIND_ADDRESS_NO_PORT: "No such option: binding port 0 picks a local port at once.",
    IP_LOCAL_PORT_RANGE:
      "No per-socket range: ephemeral ports come from the build-time range 0xc000–0xffff (TCP_LOCAL_PORT_RANGE_START/END, and UDP's likewise).",
    SO_PASSCRED: "No AF_UNIX sockets and no users, so no credentials to pass.",
    SO_TIMESTAMP: "Not supported by lwip_setsockopt; there are no receive timestamps in the socket API.",
    NETLINK_ADD_MEMBERSHIP:
      "No netlink: the application and the stack share one address space, and netif status and link callbacks (netif_set_status_callback, netif_set_link_callback) report changes.",
    NETLINK_PKTINFO: "No netlink, so no such option.",
    NETLINK_EXT_ACK: "No netlink; stack functions return an err_t code.",
    NETLINK_CAP_ACK: "No netlink, so no acknowledgements.",
    NETLINK_GET_STRICT_CHK: "No netlink, so no such option.",
    NETLINK_NO_ENOBUFS: "No netlink; callbacks are called directly, with nothing to overflow.",
    FIONBIO: "lwip_ioctl(s, FIONBIO, &on) is supported and is the same as lwip_fcntl(F_SETFL, O_NONBLOCK).",
    FIONREAD:
      "lwip_ioctl(FIONREAD) is available when lwIP is built with LWIP_SO_RCVBUF or LWIP_FIONREAD_LINUXMODE; in the Linux mode a datagram socket reports the size of the next datagram, as Linux does.",
    SIOCOUTQ: "No such request in lwip_ioctl.",
    FIOCLEX: "No exec and no processes, so no close-on-exec.",
    "ping sockets":
      "No ICMP datagram sockets and no permissions: ping is done with a SOCK_RAW IPPROTO_ICMP socket (LWIP_RAW) or the raw API, as lwIP's contrib ping application does.",
    "IPv4-mapped addresses":
      "With both IPv4 and IPv6 built in, lwIP 2.1 and later let an AF_INET6 socket reach IPv4 peers through ::ffff:a.b.c.d addresses unless IPV6_V6ONLY is set.",
    "netlink requests and dumps":
      "No netlink: the application reads the netif list and the stack's tables directly, in the same address space.",
  },
};
