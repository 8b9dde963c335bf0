import type { OsNotes } from "./notes.js";

export const FREEBSD: OsNotes = {
  label: "FreeBSD",
  general:
    "FreeBSD has the BSD socket API these calls come from: the same calls and most of the same errnos and options, with kqueue instead of epoll and its own sysctls (kern.ipc.*, net.inet.*).",
  topics: {
    socket: "socket() returns an fd; FreeBSD accepts SOCK_NONBLOCK and SOCK_CLOEXEC in the type, like Linux.",
    socketpair:
      "socketpair(AF_UNIX, …) works as on Linux and accepts SOCK_NONBLOCK and SOCK_CLOEXEC in the type.",
    bind: "bind() as on BSD (sockaddr with sin_len); ephemeral ports from net.inet.ip.portrange.first/last. SO_REUSEPORT allows duplicate bindings and SO_REUSEPORT_LB spreads connections across several listeners.",
    listen:
      "listen() also auto-binds an unbound TCP socket. The queue may grow to 1.5 times the backlog (listen(2)); kern.ipc.somaxconn is the cap and a negative backlog asks for it. Half-open connections live in the syncache, which the backlog does not size.",
    accept:
      "accept() copies O_NONBLOCK (and O_ASYNC) from the listener to the new socket; accept4() exists and takes O_NONBLOCK from SOCK_NONBLOCK instead.",
    accept4:
      "accept4() exists with SOCK_NONBLOCK and SOCK_CLOEXEC; unlike plain accept() it does not inherit O_NONBLOCK from the listener.",
    connect:
      "connect() as on Linux: non-blocking TCP gives EINPROGRESS, completion via kqueue or poll(), result in SO_ERROR; UDP connect sends nothing.",
    getsockname:
      "Same behaviour as Linux; an unbound socket reads as 0.0.0.0:0, and the sockaddr carries sin_len.",
    getpeername: "Same behaviour as Linux: ENOTCONN without a peer; the sockaddr carries sin_len.",
    shutdown: "shutdown(SHUT_RD / SHUT_WR / SHUT_RDWR) as on Linux; SHUT_WR sends a FIN.",
    close:
      "close(fd) as on Linux: only the last reference ends the connection, and SO_LINGER {1, 0} aborts it with RST.",
    sendto:
      "send()/sendto() on an fd, as on Linux. SIGPIPE can be suppressed per call with MSG_NOSIGNAL or per socket with SO_NOSIGPIPE.",
    recvfrom:
      "recv()/recvfrom() as on Linux: 0 is end of stream, one datagram per call, EAGAIN (EWOULDBLOCK) when non-blocking or when SO_RCVTIMEO runs out.",
    sendmsg:
      "sendmsg() as on Linux. Unix sockets pass fds with SCM_RIGHTS; credentials use FreeBSD's own SCM_CREDS format rather than Linux's SCM_CREDENTIALS.",
    recvmsg:
      "recvmsg() as on Linux, with SCM_RIGHTS over unix sockets and MSG_TRUNC/MSG_CTRUNC in msg_flags.",
    sendmmsg:
      "libc provides sendmmsg(), but it is a loop calling sendmsg() once per message in user space, so it saves no system calls.",
    recvmmsg: "libc provides recvmmsg() as a loop over recvmsg() in user space, so it saves no system calls.",
    setsockopt:
      "setsockopt() as in BSD: SO_RCVBUF/SO_SNDBUF are kept as given, and a size over kern.ipc.maxsockbuf fails with ENOBUFS instead of being capped; setting one turns off that buffer's automatic sizing.",
    getsockopt:
      "getsockopt() as in BSD; buffer sizes read back as set. TCP_INFO exists, with FreeBSD's own struct tcp_info layout.",
    read: "read() on a socket fd is a receive with no flags, as on Linux.",
    write:
      "write() on a socket fd is a send with no flags; SO_NOSIGPIPE on the socket suppresses SIGPIPE, since write() cannot pass MSG_NOSIGNAL.",
    readv: "readv() on a socket fd works as on Linux.",
    writev: "writev() on a socket fd works as on Linux.",
    sendfile:
      "sendfile(fd, s, offset, nbytes, hdtr, &sbytes, flags): file first, socket second, bytes sent returned through sbytes, optional headers/trailers, and flags such as SF_NODISKIO.",
    splice:
      "No splice(2) and no pipe-based zero copy: sendfile(2) covers file to socket. Recent FreeBSD adds an SO_SPLICE socket option (after OpenBSD's) that relays one TCP socket into another inside the kernel.",
    poll: "poll() exists, and kqueue/kevent is the scalable alternative.",
    pselect6: "select() and pselect() are system calls; kqueue/kevent is the scalable alternative.",
    epoll_wait:
      "kqueue/kevent, as on macOS: EVFILT_READ reports the bytes waiting and EV_EOF at end of stream; EV_CLEAR makes an event edge-triggered.",
    epoll_ctl:
      "No epoll: kevent() with EV_ADD/EV_DELETE on a kqueue changes the interest list; EV_ONESHOT and EV_DISPATCH play the role of EPOLLONESHOT, EV_CLEAR that of EPOLLET.",
    fcntl:
      "fcntl() as on Linux: F_SETFL O_NONBLOCK, F_SETFD FD_CLOEXEC, F_DUPFD_CLOEXEC. Unlike Linux, accept() hands the listener's O_NONBLOCK on to the new socket.",
    ioctl:
      "FIONBIO and FIONREAD as in BSD (FIONREAD: all bytes in the receive buffer); FIONWRITE and FIONSPACE report the send buffer's used and free bytes.",
    ECONNREFUSED: "ECONNREFUSED, number 61 (Linux: 111), with the same TCP and connected-UDP meanings.",
    ECONNRESET: "ECONNRESET, number 54 (Linux: 104).",
    ECONNABORTED:
      "ECONNABORTED, number 53 (Linux: 103); accept(2) documents it for a connection that arrived but was closed while waiting in the listen queue.",
    EPIPE:
      "EPIPE, number 32 (same as Linux), with SIGPIPE; suppress it per call with MSG_NOSIGNAL or per socket with SO_NOSIGPIPE.",
    ETIMEDOUT: "ETIMEDOUT, number 60 (Linux: 110); strerror text 'Operation timed out'.",
    EHOSTUNREACH:
      "EHOSTUNREACH, number 65 (Linux: 113). When ARP fails for an on-link destination, FreeBSD's arpresolve returns EHOSTDOWN (64) instead; EHOSTUNREACH is kept for an unresolvable gateway.",
    ENETUNREACH: "ENETUNREACH, number 51 (Linux: 101).",
    ENETDOWN: "ENETDOWN, number 50 (Linux: 100).",
    EADDRINUSE:
      "EADDRINUSE, number 48 (Linux: 98). SO_REUSEPORT allows duplicate binds; SO_REUSEPORT_LB spreads incoming connections over the group like Linux SO_REUSEPORT.",
    EADDRNOTAVAIL: "EADDRNOTAVAIL, number 49 (Linux: 99).",
    EACCES:
      "EACCES, number 13 (same as Linux). Ports up to net.inet.ip.portrange.reservedhigh (1023) need privilege; broadcast needs SO_BROADCAST.",
    EPERM:
      "EPERM, number 1 (same as Linux): raw sockets need the PRIV_NETINET_RAW privilege, and privilege checks fail with EPERM.",
    EAGAIN:
      "EAGAIN, number 35 (Linux: 11); EWOULDBLOCK is an alias. Sockets returned by accept() inherit O_NONBLOCK from the listener there (on Linux they do not).",
    EWOULDBLOCK: "EWOULDBLOCK is EAGAIN, number 35 (Linux: 11).",
    EINPROGRESS: "EINPROGRESS, number 36 (Linux: 115); same pattern (wait until writable, then SO_ERROR).",
    EALREADY: "EALREADY, number 37 (Linux: 114).",
    EISCONN: "EISCONN, number 56 (Linux: 106).",
    ENOTCONN: "ENOTCONN, number 57 (Linux: 107).",
    EDESTADDRREQ: "EDESTADDRREQ, number 39 (Linux: 89).",
    EMSGSIZE:
      "EMSGSIZE, number 40 (Linux: 90). The UDP send limit is the socket's send buffer, net.inet.udp.maxdgram (9216 bytes) by default; raise SO_SNDBUF to send more.",
    ENOBUFS:
      "ENOBUFS, number 55 (Linux: 105). BSD stacks hand it to UDP senders when an interface queue is full, where Linux stays silent.",
    ENOMEM: "ENOMEM, number 12 (same as Linux).",
    EMFILE: "EMFILE, number 24 (same as Linux); limited by RLIMIT_NOFILE and kern.maxfilesperproc.",
    ENFILE: "ENFILE, number 23 (same as Linux); the limit is kern.maxfiles.",
    EAFNOSUPPORT: "EAFNOSUPPORT, number 47 (Linux: 97).",
    EPROTONOSUPPORT: "EPROTONOSUPPORT, number 43 (Linux: 93).",
    ESOCKTNOSUPPORT: "ESOCKTNOSUPPORT, number 44 (Linux: 94).",
    EPROTOTYPE: "EPROTOTYPE, number 41 (Linux: 91).",
    ENOPROTOOPT: "ENOPROTOOPT, number 42 (Linux: 92).",
    EOPNOTSUPP: "EOPNOTSUPP, number 45 (Linux: 95); ENOTSUP is an alias of it, as on Linux.",
    ENOENT: "ENOENT, number 2 (same as Linux); FreeBSD has no abstract unix names either.",
    ENOTSOCK: "ENOTSOCK, number 38 (Linux: 88).",
    EBADF: "EBADF, number 9 (same as Linux).",
    EINVAL: "EINVAL, number 22 (same as Linux).",
    EFAULT: "EFAULT, number 14 (same as Linux).",
    EINTR:
      "EINTR, number 4 (same as Linux). The kernel uses an internal ERESTART (-1) to restart calls when the handler has SA_RESTART.",
    ERESTARTSYS:
      "FreeBSD's kernel-internal ERESTART (-1, sys/errno.h under _KERNEL) plays this role: the call is restarted when the handler has SA_RESTART, otherwise it fails with EINTR; programs never see ERESTART.",
    ERESTARTNOINTR: "No visible equivalent: any restart happens inside the kernel (ERESTART).",
    ERESTARTNOHAND: "No visible equivalent; select() fails with EINTR (4) when a handler runs.",
    ERESTART_RESTARTBLOCK: "No visible equivalent; poll() fails with EINTR (4) when a handler runs.",
    SO_REUSEADDR:
      "BSD meaning: it relaxes the TIME_WAIT check and lets a specific address be bound beside a wildcard bind of the same port; exact duplicates need SO_REUSEPORT (or SO_REUSEPORT_LB for a balanced group).",
    SO_REUSEPORT:
      "SO_REUSEPORT allows duplicate binds; the Linux behaviour, a group of listeners or UDP sockets that share the load, is SO_REUSEPORT_LB (FreeBSD 12 and later).",
    SO_KEEPALIVE:
      "SO_KEEPALIVE with per-socket TCP_KEEPIDLE/TCP_KEEPINTVL/TCP_KEEPCNT; the system defaults come from the net.inet.tcp.keepidle/keepintvl/keepcnt sysctls.",
    SO_RCVBUF:
      "Stored as given (no doubling), limited by kern.ipc.maxsockbuf; setting it turns off the socket's automatic buffer sizing, much as on Linux.",
    SO_SNDBUF:
      "Stored as given, limited by kern.ipc.maxsockbuf; setting it turns off the socket's automatic send-buffer sizing.",
    SO_LINGER: "SO_LINGER as on BSD; {1,0} aborts the connection with a RST, {1,N} makes close() wait.",
    SO_ERROR: "Same idea: SO_ERROR returns the pending error and clears it.",
    SO_BROADCAST: "SO_BROADCAST as on BSD: required to send to a broadcast address.",
    SO_RCVTIMEO: "struct timeval as on Linux; a timed-out receive fails with EAGAIN (EWOULDBLOCK).",
    SO_SNDTIMEO: "struct timeval as on Linux.",
    SO_TYPE: "Read-only, as on Linux.",
    SO_PEERCRED:
      "No SO_PEERCRED: use getpeereid(), or getsockopt(fd, SOL_LOCAL, LOCAL_PEERCRED) for a struct xucred.",
    TCP_NODELAY: "TCP_NODELAY as on Linux.",
    TCP_CORK: "The counterpart is TCP_NOPUSH.",
    TCP_KEEPIDLE: "TCP_KEEPIDLE (seconds); system default from the net.inet.tcp.keepidle sysctl.",
    TCP_KEEPINTVL: "TCP_KEEPINTVL; system default from net.inet.tcp.keepintvl.",
    TCP_KEEPCNT: "TCP_KEEPCNT; system default from net.inet.tcp.keepcnt.",
    TCP_FASTOPEN: "TCP_FASTOPEN exists, governed by the net.inet.tcp.fastopen sysctls.",
    TCP_QUICKACK: "No TCP_QUICKACK; recent headers have TCP_DELACK for delayed-ACK control.",
    TCP_USER_TIMEOUT: "No TCP_USER_TIMEOUT; TCP_KEEPINIT bounds only connection setup.",
    TCP_DEFER_ACCEPT:
      "No TCP_DEFER_ACCEPT; accept filters do this: SO_ACCEPTFILTER with accf_data (or accf_http).",
    IPV6_V6ONLY: "IPV6_V6ONLY exists; the default, net.inet6.ip6.v6only, is 1 (IPv6 only).",
    IP_TTL: "IP_TTL; default from net.inet.ip.ttl.",
    IP_RECVERR: "No IP_RECVERR; UDP ICMP errors are reported only on connected sockets.",
    SOCK_NONBLOCK: "Accepted in socket() and accept4(), as on Linux.",
    SOCK_CLOEXEC: "Accepted in socket() and accept4(), as on Linux.",
    MSG_NOSIGNAL: "MSG_NOSIGNAL per call, or SO_NOSIGPIPE per socket.",
    MSG_DONTWAIT: "MSG_DONTWAIT exists.",
    MSG_PEEK: "MSG_PEEK exists.",
    MSG_WAITALL: "MSG_WAITALL exists.",
    MSG_TRUNC: "Sets MSG_TRUNC in msg_flags for a cut datagram; the caller-passed meaning is Linux-specific.",
    O_NONBLOCK:
      "fcntl(F_SETFL, O_NONBLOCK) as on Linux; unlike Linux, a socket returned by accept() inherits O_NONBLOCK from the listener.",
    TCP_MAXSEG:
      "TCP_MAXSEG exists: set before connect() it lowers the MSS (not below net.inet.tcp.minmss); getsockopt reports the one in use.",
    IP_MTU_DISCOVER:
      "No IP_MTU_DISCOVER. IP_DONTFRAG sets DF on UDP and raw packets; TCP uses path MTU discovery unless net.inet.tcp.path_mtu_discovery is 0.",
    IP_BIND_ADDRESS_NO_PORT:
      "No equivalent: bind() with port 0 reserves a port at once. (IP_BINDANY is something else: binding a non-local address.)",
    IP_LOCAL_PORT_RANGE:
      "No per-socket range. IP_PORTRANGE picks the default, high or low range, each set by net.inet.ip.portrange.* sysctls.",
    SO_PASSCRED:
      "No SO_PASSCRED. LOCAL_CREDS (level SOL_LOCAL; LOCAL_CREDS_PERSISTENT for every message, FreeBSD 13 and later) makes the kernel attach an SCM_CREDS struct sockcred; a sender may also pass SCM_CREDS, filled in by the kernel.",
    SO_TIMESTAMP:
      "SO_TIMESTAMP exists (it began in BSD), giving an SCM_TIMESTAMP struct timeval; SO_TS_CLOCK chooses other formats and clocks, SO_BINTIME a struct bintime.",
    NETLINK_ADD_MEMBERSHIP:
      "FreeBSD 14 has netlink(4), Linux-compatible for NETLINK_ROUTE and generic netlink, and documents NETLINK_ADD_MEMBERSHIP/NETLINK_DROP_MEMBERSHIP with a group number. Older releases use routing sockets.",
    NETLINK_PKTINFO:
      "Not among the options FreeBSD's netlink(4) documents (it lists ADD/DROP/LIST_MEMBERSHIPS, CAP_ACK and EXT_ACK).",
    NETLINK_EXT_ACK:
      "Documented in FreeBSD's netlink(4) (FreeBSD 14): errors may then carry a message TLV and the offending offset, as on Linux.",
    NETLINK_CAP_ACK:
      "Documented in FreeBSD's netlink(4) (FreeBSD 14) with the Linux meaning: the error reply echoes only the request's header.",
    NETLINK_GET_STRICT_CHK:
      "Not among the options FreeBSD's netlink(4) documents; its handlers parse requests with their own rules.",
    NETLINK_NO_ENOBUFS:
      "Not among the options FreeBSD's netlink(4) documents; a listener that overflows sees ENOBUFS as on Linux.",
    FIONBIO: "ioctl(fd, FIONBIO, &on) works on sockets, equivalent to O_NONBLOCK.",
    FIONREAD:
      "ioctl(FIONREAD) reports all bytes in the receive buffer, which on a datagram socket can span several datagrams; FIONWRITE and FIONSPACE report the send buffer's use and free space.",
    SIOCOUTQ:
      "No SIOCOUTQ; ioctl(FIONWRITE) gives the bytes in the send buffer (for TCP, not yet acknowledged) and FIONSPACE the room left.",
    FIOCLEX: "ioctl(FIOCLEX)/ioctl(FIONCLEX) exist; socket() and accept4() also take SOCK_CLOEXEC.",
    "ping sockets":
      "No unprivileged ICMP datagram sockets: ping(8) is setuid root and uses a raw socket (which otherwise needs privilege, failing with EPERM).",
    "IPv4-mapped addresses":
      "Supported, but off by default: net.inet6.ip6.v6only is 1, so an AF_INET6 socket is IPv6-only unless IPV6_V6ONLY is set to 0 before bind().",
    "netlink requests and dumps":
      "FreeBSD 14 has netlink(4) with the same NLM_F_REQUEST/NLM_F_DUMP/NLMSG_DONE/NLMSG_ERROR protocol for NETLINK_ROUTE and generic netlink; before that, routing sockets (PF_ROUTE) and sysctl(NET_RT_DUMP) did the job.",
  },
};
