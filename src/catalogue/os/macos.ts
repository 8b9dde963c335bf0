import type { OsNotes } from "./notes.js";

export const MACOS: OsNotes = {
  label: "macOS (XNU, BSD sockets)",
  general:
    "macOS uses the BSD socket layer of XNU: the calls, errnos and options mostly match FreeBSD, without Linux extensions such as accept4(), the SOCK_NONBLOCK/SOCK_CLOEXEC type flags or epoll (kqueue instead).",
  fallback: "freebsd",
  topics: {
    socket:
      "socket() as on BSD, returning an fd; SOCK_NONBLOCK and SOCK_CLOEXEC are not accepted in the type: use fcntl() afterwards.",
    socketpair:
      "socketpair(AF_UNIX, …) works as on Linux; SOCK_NONBLOCK and SOCK_CLOEXEC are not accepted in the type, so set them afterwards with fcntl().",
    bind: "bind() as on BSD: the sockaddr starts with a length byte (sin_len); ephemeral ports come from net.inet.ip.portrange.first/last. SO_REUSEPORT allows duplicate bindings.",
    listen: "listen() as on BSD; the backlog is capped by the kern.ipc.somaxconn sysctl.",
    accept:
      "accept() gives the new socket the listener's properties, O_NONBLOCK included (the opposite of Linux); there is no accept4().",
    accept4:
      "No accept4(). accept() copies the listener's O_NONBLOCK to the new socket; set FD_CLOEXEC afterwards with fcntl().",
    connect:
      "connect() as on Linux: a non-blocking TCP connect returns EINPROGRESS, completion is seen with kqueue (EVFILT_WRITE) or poll(), and SO_ERROR holds the result. UDP connect sends nothing.",
    getsockname: "Same behaviour as Linux; the returned sockaddr starts with its length byte (sin_len).",
    getpeername: "Same behaviour as Linux: ENOTCONN without a peer; the sockaddr carries sin_len.",
    shutdown: "shutdown(SHUT_RD / SHUT_WR / SHUT_RDWR) as on Linux; SHUT_WR sends a FIN.",
    close:
      "close(fd) as on Linux: only the last reference ends the connection, and SO_LINGER {1, 0} aborts it with RST.",
    sendto:
      "send()/sendto() on an fd, with BSD semantics. A write to a broken stream raises SIGPIPE unless the socket has SO_NOSIGPIPE set, the per-socket switch Apple documents.",
    recvfrom:
      "recv()/recvfrom() on an fd with BSD semantics: 0 is end of stream on TCP, a datagram keeps its boundaries and is cut to the buffer. kqueue's EVFILT_READ tells how many bytes are waiting.",
    sendmsg: "sendmsg() as in BSD; SCM_RIGHTS passes fds over unix sockets.",
    recvmsg: "recvmsg() as in BSD: MSG_TRUNC/MSG_CTRUNC in msg_flags, SCM_RIGHTS fds installed on receipt.",
    sendmmsg:
      "No public sendmmsg(). XNU has a private sendmsg_x() system call for batches of datagrams, outside the supported API.",
    recvmmsg: "No public recvmmsg(). XNU has a private recvmsg_x() system call, outside the supported API.",
    setsockopt:
      "setsockopt() as in BSD: SO_RCVBUF/SO_SNDBUF are kept as given (too large fails with ENOBUFS rather than being capped) and turn off that buffer's automatic sizing; SO_NOSIGPIPE exists; the TCP keepalive idle time is TCP_KEEPALIVE rather than TCP_KEEPIDLE.",
    getsockopt:
      "getsockopt() as in BSD; SO_RCVBUF/SO_SNDBUF read back the value that was set. TCP_CONNECTION_INFO plays the role of TCP_INFO.",
    read: "read() on a socket fd works as on Linux: it is a receive with no flags.",
    write:
      "write() on a socket fd is a send with no flags; a broken stream raises SIGPIPE unless SO_NOSIGPIPE is set on the socket.",
    readv: "readv() on a socket fd works as on Linux.",
    writev: "writev() on a socket fd works as on Linux.",
    sendfile:
      "sendfile(fd, s, offset, &len, hdtr, flags): the file comes first, the socket second, the length is in/out, and header/trailer buffers can be sent in the same call.",
    splice:
      "No splice(2): sendfile(2) covers file to socket; anything else is read() and write() through a user buffer.",
    poll: "poll() exists, and kqueue/kevent is the scalable alternative.",
    pselect6: "select() and pselect() as in BSD; kqueue/kevent is the scalable alternative.",
    epoll_wait:
      "kqueue/kevent: EVFILT_READ and EVFILT_WRITE filters per socket, with the byte count in data and EV_EOF when the peer shut down; EV_CLEAR gives edge-triggered behaviour.",
    epoll_ctl:
      "No epoll: kevent() on a kqueue registers interest with EV_ADD, EV_DELETE, EV_ENABLE/EV_DISABLE, and one kevent() call can both change the list and wait.",
    fcntl:
      "fcntl(F_SETFL, O_NONBLOCK) and F_SETFD FD_CLOEXEC as on Linux. There are no SOCK_NONBLOCK/SOCK_CLOEXEC type flags, so fcntl is the only way, and accept() copies O_NONBLOCK from the listener.",
    ioctl:
      "ioctl(FIONBIO) and FIONREAD as in BSD; FIONREAD counts the bytes in the receive buffer. For datagrams getsockopt(SO_NREAD) gives the first one's size, and SO_NWRITE the bytes held in the send buffer; there is no SIOCOUTQ.",
    ECONNREFUSED: "ECONNREFUSED, number 61 (Linux: 111), with the same TCP and connected-UDP meanings.",
    ECONNRESET: "ECONNRESET, number 54 (Linux: 104).",
    ECONNABORTED: "ECONNABORTED, number 53 (Linux: 103).",
    EPIPE:
      "EPIPE, number 32 (same as Linux), with SIGPIPE; the per-socket way to suppress the signal is setsockopt(SO_NOSIGPIPE).",
    ETIMEDOUT: "ETIMEDOUT, number 60 (Linux: 110); strerror text 'Operation timed out'.",
    EHOSTUNREACH: "EHOSTUNREACH, number 65 (Linux: 113).",
    ENETUNREACH: "ENETUNREACH, number 51 (Linux: 101).",
    ENETDOWN: "ENETDOWN, number 50 (Linux: 100).",
    EADDRINUSE:
      "EADDRINUSE, number 48 (Linux: 98). BSD SO_REUSEADDR mainly relaxes TIME_WAIT and wildcard-versus-specific conflicts; SO_REUSEPORT allows full duplicates.",
    EADDRNOTAVAIL: "EADDRNOTAVAIL, number 49 (Linux: 99).",
    EACCES:
      "EACCES, number 13 (same as Linux), for broadcast without SO_BROADCAST and unix-socket file permissions. Whether ports below 1024 need root has changed across macOS releases; check on the target version.",
    EPERM:
      "EPERM, number 1 (same as Linux). Raw sockets need root; unprivileged ping uses a SOCK_DGRAM ICMP socket.",
    EAGAIN: "EAGAIN, number 35 (Linux: 11); EWOULDBLOCK is the same value.",
    EWOULDBLOCK: "EWOULDBLOCK is EAGAIN, number 35 (Linux: 11).",
    EINPROGRESS: "EINPROGRESS, number 36 (Linux: 115); same pattern (wait until writable, then SO_ERROR).",
    EALREADY: "EALREADY, number 37 (Linux: 114).",
    EISCONN: "EISCONN, number 56 (Linux: 106).",
    ENOTCONN: "ENOTCONN, number 57 (Linux: 107).",
    EDESTADDRREQ: "EDESTADDRREQ, number 39 (Linux: 89).",
    EMSGSIZE:
      "EMSGSIZE, number 40 (Linux: 90). The UDP send limit is the socket's send buffer, net.inet.udp.maxdgram (9216 bytes) by default, far below Linux's; raise SO_SNDBUF to send more.",
    ENOBUFS:
      "ENOBUFS, number 55 (Linux: 105). BSD stacks hand it to UDP senders when an interface queue is full, where Linux stays silent.",
    ENOMEM: "ENOMEM, number 12 (same as Linux).",
    EMFILE: "EMFILE, number 24 (same as Linux); shell defaults are low (`ulimit -n` is often 256).",
    ENFILE: "ENFILE, number 23 (same as Linux); the limit is kern.maxfiles.",
    EAFNOSUPPORT: "EAFNOSUPPORT, number 47 (Linux: 97).",
    EPROTONOSUPPORT: "EPROTONOSUPPORT, number 43 (Linux: 93).",
    ESOCKTNOSUPPORT: "ESOCKTNOSUPPORT, number 44 (Linux: 94).",
    EPROTOTYPE: "EPROTOTYPE, number 41 (Linux: 91).",
    ENOPROTOOPT: "ENOPROTOOPT, number 42 (Linux: 92).",
    EOPNOTSUPP:
      "EOPNOTSUPP is 102 for programs built for UNIX03 (the default), and ENOTSUP is a different code, 45; on Linux both are 95. Don't assume EOPNOTSUPP == ENOTSUP when porting.",
    ENOENT:
      "ENOENT, number 2 (same as Linux), for a missing unix socket path; macOS has no abstract namespace.",
    ENOTSOCK: "ENOTSOCK, number 38 (Linux: 88).",
    EBADF: "EBADF, number 9 (same as Linux).",
    EINVAL: "EINVAL, number 22 (same as Linux).",
    EFAULT: "EFAULT, number 14 (same as Linux).",
    EINTR: "EINTR, number 4 (same as Linux), with the same SA_RESTART choice.",
    ERESTARTSYS:
      "XNU has a kernel-internal ERESTART (-1) with the same role (bsd/sys/errno.h, under KERNEL); programs never see it.",
    ERESTARTNOINTR: "No visible equivalent: any restart happens inside the kernel (ERESTART).",
    ERESTARTNOHAND: "No visible equivalent; select() fails with EINTR (4) when a handler runs.",
    ERESTART_RESTARTBLOCK: "No visible equivalent; poll() fails with EINTR (4) when a handler runs.",
    SO_REUSEADDR:
      "BSD meaning: it relaxes the TIME_WAIT check and lets a specific address be bound beside a wildcard bind of the same port; exact duplicates need SO_REUSEPORT.",
    SO_REUSEPORT:
      "The BSD SO_REUSEPORT: duplicate binds succeed when every socket sets it. It is not documented to spread connections across listeners the way Linux does.",
    SO_KEEPALIVE:
      "SO_KEEPALIVE as on BSD; the idle time is set with TCP_KEEPALIVE (macOS's name for TCP_KEEPIDLE), plus TCP_KEEPINTVL and TCP_KEEPCNT.",
    SO_RCVBUF:
      "Stored as given (no doubling), limited by kern.ipc.maxsockbuf; TCP normally sizes receive buffers automatically.",
    SO_SNDBUF: "Stored as given, limited by kern.ipc.maxsockbuf.",
    SO_LINGER: "SO_LINGER exists as on BSD; {1,0} aborts the connection with a RST.",
    SO_ERROR: "Same idea: SO_ERROR returns the pending error and clears it.",
    SO_BROADCAST: "SO_BROADCAST as on BSD: required to send to a broadcast address.",
    SO_RCVTIMEO: "struct timeval as on Linux; a timed-out receive fails with EAGAIN (EWOULDBLOCK).",
    SO_SNDTIMEO: "struct timeval as on Linux.",
    SO_TYPE: "Read-only, as on Linux.",
    SO_PEERCRED:
      "No SO_PEERCRED: use getpeereid(), or getsockopt(fd, SOL_LOCAL, LOCAL_PEERCRED) for a struct xucred.",
    TCP_NODELAY: "TCP_NODELAY as on Linux.",
    TCP_CORK: "The BSD counterpart is TCP_NOPUSH.",
    TCP_KEEPIDLE: "Named TCP_KEEPALIVE on macOS (seconds of idle before probing).",
    TCP_KEEPINTVL: "TCP_KEEPINTVL exists.",
    TCP_KEEPCNT: "TCP_KEEPCNT exists.",
    TCP_FASTOPEN: "macOS defines a TCP_FASTOPEN option; clients put data in the SYN through connectx().",
    TCP_QUICKACK: "No TCP_QUICKACK.",
    TCP_USER_TIMEOUT:
      "No TCP_USER_TIMEOUT; TCP_RXT_CONNDROPTIME sets after how long retransmissions stop and the connection is dropped.",
    TCP_DEFER_ACCEPT: "No TCP_DEFER_ACCEPT.",
    IPV6_V6ONLY: "IPV6_V6ONLY exists; the default comes from the net.inet6.ip6.v6only sysctl.",
    IP_TTL: "IP_TTL; default from net.inet.ip.ttl.",
    IP_RECVERR: "No IP_RECVERR; UDP ICMP errors are reported only on connected sockets.",
    SOCK_NONBLOCK: "Not accepted in the type; use fcntl(fd, F_SETFL, O_NONBLOCK) after socket().",
    SOCK_CLOEXEC: "Not accepted in the type; set FD_CLOEXEC with fcntl() after socket().",
    MSG_NOSIGNAL: "Use the per-socket option SO_NOSIGPIPE (or ignore SIGPIPE).",
    MSG_DONTWAIT: "MSG_DONTWAIT exists.",
    MSG_PEEK: "MSG_PEEK exists.",
    MSG_WAITALL: "MSG_WAITALL exists.",
    MSG_TRUNC: "Sets MSG_TRUNC in msg_flags for a cut datagram; the caller-passed meaning is Linux-specific.",
    O_NONBLOCK: "fcntl(F_SETFL, O_NONBLOCK) as on Linux.",
    TCP_MAXSEG:
      "TCP_MAXSEG exists, from BSD: set before connect() it lowers the MSS; getsockopt reports the one in use.",
    IP_MTU_DISCOVER:
      "No IP_MTU_DISCOVER. IP_DONTFRAG sets DF on a UDP or raw socket's packets; TCP does path MTU discovery on its own.",
    IP_BIND_ADDRESS_NO_PORT: "No such option: bind() with port 0 reserves a port at once.",
    IP_LOCAL_PORT_RANGE:
      "No per-socket range. IP_PORTRANGE chooses between the default, high and low ranges set by the net.inet.ip.portrange.* sysctls.",
    SO_PASSCRED:
      "No SO_PASSCRED or SCM_CREDENTIALS. getsockopt(LOCAL_PEERCRED) or getpeereid() give the peer's uid and groups once, for a connected unix socket; LOCAL_PEERPID gives its pid.",
    SO_TIMESTAMP:
      "SO_TIMESTAMP exists (it comes from BSD) and delivers an SCM_TIMESTAMP struct timeval; SO_TIMESTAMP_MONOTONIC gives a monotonic clock instead. There is no SO_TIMESTAMP_OLD spelling.",
    NETLINK_ADD_MEMBERSHIP:
      "No netlink. A PF_ROUTE (routing) socket receives every routing, interface and address change; the System Configuration framework offers higher-level notifications.",
    NETLINK_PKTINFO: "No netlink, so no such option.",
    NETLINK_EXT_ACK: "No netlink. Routing-socket replies carry an errno in rtm_errno, with no text.",
    NETLINK_CAP_ACK: "No netlink, so no acknowledgement to cap.",
    NETLINK_GET_STRICT_CHK: "No netlink, so no such option.",
    NETLINK_NO_ENOBUFS:
      "No netlink. A routing socket that falls behind also loses messages; recv() then fails with ENOBUFS.",
    FIONBIO: "ioctl(fd, FIONBIO, &on) works on sockets, as fcntl(F_SETFL, O_NONBLOCK) does.",
    FIONREAD:
      "ioctl(FIONREAD) reports the bytes in the receive buffer; on a datagram socket that can span several datagrams. getsockopt(SO_NREAD) gives the size of the first datagram, as Linux's FIONREAD does for UDP.",
    SIOCOUTQ: "No SIOCOUTQ; getsockopt(SO_NWRITE) reports the bytes still in the send buffer.",
    FIOCLEX:
      "ioctl(FIOCLEX)/ioctl(FIONCLEX) exist, as do fcntl(F_SETFD, FD_CLOEXEC); there is no SOCK_CLOEXEC, so the flag is always set after creation.",
    "ping sockets":
      "macOS has unprivileged ICMP datagram sockets too, socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), open to every user, with no group range to configure; programs that fail to open a raw ICMP socket commonly fall back to them there.",
    "IPv4-mapped addresses":
      "Supported: an AF_INET6 socket with IPV6_V6ONLY 0 reaches IPv4 peers as ::ffff:a.b.c.d. The default comes from net.inet6.ip6.v6only; set IPV6_V6ONLY explicitly.",
    "netlink requests and dumps":
      "No netlink. Requests and notifications use a PF_ROUTE socket (RTM_* messages with rtm_seq and rtm_errno); tables are read whole with sysctl(NET_RT_DUMP / NET_RT_IFLIST2) rather than dumped through a socket.",
  },
};
