import type { OsNotes } from "./notes.js";

export const PLAN9: OsNotes = {
  label: "Plan 9",
  general:
    "Plan 9 has no socket calls: connections are directories under /net (ctl, data, local, remote, status files), made with dial(), announce(), listen() and accept() from the C library, read and written like files.",
  topics: {
    socket:
      "No socket(): open /net/tcp/clone (or /net/udp/clone) to get the ctl file of a new connection directory /net/tcp/N; dial() and announce() wrap this.",
    socketpair:
      "No socketpair(): pipe() already returns two fds that each read what the other writes, and it keeps write boundaries.",
    bind: 'There is no separate bind step: the local port is part of announce("tcp!*!port") for servers, or of dial()\'s local argument for clients. The ctl message "bind" exists for the BSD-emulation library (APE).',
    listen:
      'announce("tcp!*!port", dir) writes an announce message to a new connection\'s ctl file; there is no backlog argument.',
    accept:
      "listen(dir, newdir) opens the announced directory's listen file and blocks until a call arrives, returning the new line's ctl fd; accept(ctl, newdir) then opens its data file, or reject() refuses the call.",
    accept4:
      "No flags: listen() and accept() on the /net files; a process that must not block uses a separate proc for it.",
    connect:
      'dial("tcp!host!port", …) writes a connect message to a new connection\'s ctl file and opens its data file; it blocks until connected. There is no non-blocking mode: use a separate proc.',
    getsockname: "Read the local file of the connection directory (getnetconninfo() parses it for you).",
    getpeername: "Read the remote file of the connection directory (getnetconninfo() parses it for you).",
    shutdown:
      "No half-close calls in dial(2): hangup() writes a hangup message to the ctl file, which drops the connection in both directions while the fds stay open.",
    close: "Closing the last open fd of a connection's data and ctl files closes the connection.",
    sendto:
      "No send(): a program write()s to the connection's data file (/net/tcp/N/data). On UDP each write is one datagram. Failures are error strings (errstr), and the connection's err file holds the reason. APE's BSD library provides send()/sendto() on top of write.",
    recvfrom:
      "read() on the connection's data file: TCP returns what has arrived (0 at end of stream); a UDP read returns one datagram and drops what does not fit. The peer's address is in the remote file, or in a Udphdr before each datagram after the ctl message 'headers'.",
    sendmsg:
      "No sendmsg(): one write() of one buffer to the data file, with no ancillary data. On UDP with 'headers' set, the destination travels in the Udphdr at the front of the buffer.",
    recvmsg:
      "No recvmsg(): read() the data file. With UDP 'headers' set, each datagram arrives behind a Udphdr holding the remote and local addresses and ports.",
    sendmmsg: "No batch call: one write() per datagram on the data file.",
    recvmmsg: "No batch call: one read() of the data file per datagram.",
    setsockopt:
      "No setsockopt(): options are text messages written to the connection's ctl file, such as 'ttl n', 'tos n', 'keepalive n' (TCP) or 'ignoreadvice' and 'headers' (UDP).",
    getsockopt:
      "No getsockopt(): read the connection's status, local and remote files (and err after a failure).",
    read: "read() on the connection's data file is the only way to receive; there is no separate recv() system call.",
    write:
      "write() on the data file is how all data is sent; each write on UDP is one datagram. No signals: a failed write returns -1 with an error string.",
    readv:
      "No readv() system call: read() into one buffer and split it. APE's BSD library provides a readv() emulation.",
    writev:
      "No writev() system call: build one buffer and write() it (on UDP that is one datagram). APE's BSD library provides a writev() emulation.",
    sendfile:
      "No sendfile(): read() the file and write() the data file of the connection (or let a program such as cat copy between them).",
    splice:
      "No splice(): a program copies with read() and write() (or leaves it to a process such as cat between the two files).",
    poll: "No poll(): a program waits with one process (or thread) per connection doing blocking reads. APE's select() emulates readiness by forking a reader process per fd.",
    pselect6:
      "No select system call. APE's select() emulation forks a process per fd that reads ahead into a shared buffer, and reports every fd in the write set as ready.",
    epoll_wait:
      "No readiness interface at all: one blocking reader per connection, in its own process or thread.",
    epoll_ctl:
      "No epoll or interest list: a program blocks in read() on each connection's data file, from its own process or thread.",
    fcntl:
      "No fcntl on connections: there is no non-blocking I/O, and close-on-exec is the OCEXEC bit given to open(). APE emulates part of fcntl for POSIX programs.",
    ioctl:
      "No ioctl: a connection is controlled by writing text commands to its ctl file, and its state is read from its status file.",
    ECONNREFUSED:
      "dial() fails with the error string 'connection refused' (tcp.c closes the conversation with it when a RST answers the SYN); an ICMP 'port unreachable' during the handshake ends it with that text instead. APE maps 'connection refused' to ECONNREFUSED.",
    ECONNRESET:
      "No separate string: tcp.c closes a conversation hit by a RST with 'connection refused', the same text as a refused dial, and later reads and writes on its data file fail with that text.",
    ECONNABORTED:
      "No 'aborted' string: a conversation the local TCP gives up on is closed with 'connection timed out', and I/O on a closed conversation fails with 'i/o on hungup channel' (APE: ESHUTDOWN).",
    EPIPE:
      "A write on a hung-up conversation fails with its close reason or 'i/o on hungup channel' (APE maps the latter to ESHUTDOWN); only pipes post the note 'sys: write on closed pipe'.",
    ETIMEDOUT:
      "'connection timed out': tcp.c closes the conversation with it when retransmissions or keepalives go unanswered. APE maps it to ETIMEDOUT.",
    EHOSTUNREACH:
      "Output that cannot be routed closes a TCP conversation with 'no route'; an ICMP 'host unreachable' during dial ends it with that text. APE has no mapping for these strings and falls back to EINVAL.",
    ENETUNREACH:
      "No separate code: output that cannot be routed closes a TCP conversation with 'no route', and an ICMP 'net unreachable' during dial ends it with that text.",
    ENETDOWN:
      "No dedicated string for it: the error text comes from whichever interface or medium code failed, read with errstr().",
    EADDRINUSE:
      "announce fails with 'address in use' (devip.c) when the port is taken; APE maps it, and 'network port not available', to EADDRINUSE.",
    EADDRNOTAVAIL:
      "The kernel picks local ports itself (setlport in devip.c) and treats running out as a kernel bug (it panics) rather than returning an error string.",
    EACCES:
      "'permission denied' when the user may not open or write the /net files; APE maps that string to EPERM, not EACCES.",
    EPERM: "'permission denied', e.g. opening a /net file the user may not use; APE maps it to EPERM.",
    EAGAIN:
      "No non-blocking mode: reads and writes on /net files block, and programs use one process or thread per connection instead.",
    EWOULDBLOCK: "No equivalent: Plan 9 I/O has no non-blocking mode.",
    EINPROGRESS:
      "No non-blocking dial: dial() (the 'connect' ctl write) blocks until the connection is up or fails; run it in another process to overlap.",
    EALREADY: "No equivalent: dial blocks until it finishes, so there is no pending connect to run into.",
    EISCONN:
      "Writing 'connect' to a conversation that is already in use fails with 'connection in use' (which APE maps to ECONNREFUSED); dial always takes a fresh conversation.",
    ENOTCONN:
      "No direct equivalent: I/O on a conversation that is not connected fails with the conversation's error text, such as 'i/o on hungup channel' once it has been closed.",
    EDESTADDRREQ:
      "No equivalent: the destination belongs to the conversation (set by dial / 'connect'), or, in 'headers' mode, to each message.",
    EMSGSIZE:
      "No equivalent found: ip.c fragments a large datagram itself unless don't-fragment is set, and a conversation's 'maxfragsize' ctl message bounds the fragment size.",
    ENOBUFS: "'no free Blocks' (kernel buffer exhaustion) is the string APE maps to ENOBUFS.",
    ENOMEM: "'kernel allocate failed' or 'no free memory'; APE maps both to ENOMEM.",
    EMFILE: "'no free file descriptors'; APE maps it to EMFILE.",
    ENFILE:
      "APE maps 'no free file descriptors' to EMFILE before ENFILE, so ENFILE is effectively never produced.",
    EAFNOSUPPORT:
      "No address families: the protocol is the /net directory (tcp, udp…). APE's socket emulation maps 'address family not supported' to EAFNOSUPPORT.",
    EPROTONOSUPPORT:
      "Dialing a protocol the kernel lacks fails because /net/<proto>/clone does not exist ('file does not exist', APE: ENOENT); APE's socket emulation maps 'protocol not supported' to EPROTONOSUPPORT.",
    ESOCKTNOSUPPORT: "No socket types: each protocol directory under /net is its own kind of conversation.",
    EPROTOTYPE: "No equivalent.",
    ENOPROTOOPT:
      "No socket options: settings are ctl messages, and an unknown one fails with 'unknown control request'.",
    EOPNOTSUPP:
      "APE's socket emulation maps 'operation not supported' to EOPNOTSUPP; the kernel answers unsupported ctl requests with strings such as 'connect not supported' or 'announce not supported'.",
    ENOENT:
      "'file does not exist' when a named path (a /srv entry, a /net file) is missing; APE maps it to ENOENT.",
    ENOTSOCK: "No sockets, only files. APE's socket emulation maps 'not a socket' to ENOTSOCK.",
    EBADF: "'fd out of range or not open'; APE maps it to EBADF.",
    EINVAL:
      "'bad arg in system call', and ctl messages it cannot parse ('bad specification', 'unknown control request'); APE maps the first to EINVAL and uses EINVAL for any string it doesn't know.",
    EFAULT:
      "An out-of-range address argument to a system call posts the note 'sys: bad address' (notify(2)), so by default the process is suspended rather than given an error.",
    EINTR:
      "'interrupted': a note arrived while the process was in a system call, and the call fails instead of being restarted (notify(2)). APE maps it to EINTR.",
    ERESTARTSYS:
      "No restart mechanism: a note interrupts the call, which fails with 'interrupted'; the program must retry.",
    ERESTARTNOINTR: "No equivalent.",
    ERESTARTNOHAND: "No select(); a note interrupts a blocked read with 'interrupted'.",
    ERESTART_RESTARTBLOCK: "No poll(); a note interrupts a blocked call with 'interrupted'.",
    SO_REUSEADDR:
      "No socket options: a port is taken with an `announce` message on the ctl file, and there is no reuse flag.",
    SO_REUSEPORT:
      "No equivalent. The nearest idea is `announce *`, which takes calls for every port that nobody else announced.",
    SO_KEEPALIVE:
      "Write `keepalive` (optionally `keepalive n`, n = milliseconds between probes, 30000 by default) to the connection's ctl file.",
    SO_RCVBUF: "No equivalent; buffering of a /net connection is the kernel's business.",
    SO_SNDBUF: "No equivalent.",
    SO_LINGER: "No linger option; writing `hangup` to the ctl file closes the TCP connection at once.",
    SO_ERROR:
      "No socket error slot: after a failed read or write the connection's err file holds the reason as text.",
    SO_BROADCAST: "No option: write to a broadcast address through a UDP connection directory.",
    SO_RCVTIMEO: "No receive timeout on /net files; programs interrupt a blocked read with alarm(2).",
    SO_SNDTIMEO: "No send timeout; use alarm(2) around a blocking write.",
    SO_TYPE: "No option: the protocol is the directory the connection lives in (/net/tcp, /net/udp).",
    SO_PEERCRED:
      "No unix-domain sockets; local services are posted in /srv and the peer is not identified this way.",
    TCP_NODELAY: "No Nagle switch exposed through the TCP ctl file.",
    TCP_CORK: "No equivalent.",
    TCP_KEEPIDLE: "No idle threshold; `keepalive n` on the ctl file sets the interval in milliseconds.",
    TCP_KEEPINTVL: "`keepalive n` on the TCP ctl file: n milliseconds between keepalives (30000 by default).",
    TCP_KEEPCNT: "No probe count setting.",
    TCP_FASTOPEN: "No equivalent.",
    TCP_QUICKACK: "No equivalent.",
    TCP_USER_TIMEOUT: "No equivalent.",
    TCP_DEFER_ACCEPT: "No equivalent.",
    IPV6_V6ONLY: "No such option.",
    IP_TTL: "Write `ttl n` to the connection's ctl file.",
    IP_RECVERR:
      "No error queue; the UDP ctl message `ignoreadvice` goes the other way and stops ICMP errors from breaking a connection.",
    SOCK_NONBLOCK: "No non-blocking mode; use a separate process for each blocking read.",
    SOCK_CLOEXEC: "No socket call; files opened with the OCEXEC mode bit are closed on exec.",
    MSG_NOSIGNAL:
      "No SIGPIPE for network connections; a write to a hung-up connection fails with an error string.",
    MSG_DONTWAIT: "No per-call non-blocking reads or writes.",
    MSG_PEEK: "No peek on /net data files.",
    MSG_WAITALL: "No flag; the C library's readn() loops until n bytes are read.",
    MSG_TRUNC: "A UDP read returns one datagram and silently drops what does not fit the buffer.",
    O_NONBLOCK: "No non-blocking mode; blocking reads are done in separate processes.",
    TCP_MAXSEG:
      "No socket options. The TCP MSS follows the interface's MTU; there is no per-connection control to lower it.",
    IP_MTU_DISCOVER:
      "No such control; the MTU is a property of the interface, set by writing 'mtu N' to its /net/ipifc/N/ctl file.",
    IP_BIND_ADDRESS_NO_PORT:
      "No such option: dial() chooses the local port itself, and a local address can be named in the dial string.",
    IP_LOCAL_PORT_RANGE: "No per-connection range; the stack picks local ports itself.",
    SO_PASSCRED:
      "No unix sockets. Who is on the other end of a local service is established by authentication (factotum, auth_proxy), not by the kernel passing credentials.",
    SO_TIMESTAMP: "No receive timestamps for connections.",
    NETLINK_ADD_MEMBERSHIP:
      "No netlink. Interface and route state are text files under /net (ipifc/*/status, iproute); there is no change notification to subscribe to.",
    NETLINK_PKTINFO: "No netlink, so no such option.",
    NETLINK_EXT_ACK:
      "No netlink; a failed write to a /net ctl file returns an error string, which is already text.",
    NETLINK_CAP_ACK: "No netlink, so no acknowledgement messages.",
    NETLINK_GET_STRICT_CHK: "No netlink: ctl files parse their text commands and reject unknown ones.",
    NETLINK_NO_ENOBUFS: "No netlink, so no such option.",
    FIONBIO:
      "No ioctl and no non-blocking mode: reads that may wait are done in a separate process or thread.",
    FIONREAD: "No ioctl; there is no way to ask how much a connection's data file holds before reading it.",
    SIOCOUTQ: "No ioctl; the connection's status file shows its state, not a byte count to compare.",
    FIOCLEX: "No ioctl; close-on-exec is chosen at open time with the OCEXEC mode bit.",
    "ping sockets":
      "ping dials the icmp protocol (icmp!host) through /net like any other connection; access is governed by the permissions of the /net files, not by a group range or capability.",
    "IPv4-mapped addresses":
      "Plan 9's IP stack stores every address in 16 bytes, IPv4 ones in the IPv4-mapped form, so there is no separate dual-stack mode to turn on.",
    "netlink requests and dumps":
      "The equivalent of a dump is reading a file: cat /net/iproute lists the routes and /net/ipifc/N/status an interface; changes are text commands written to ctl files.",
  },
};
