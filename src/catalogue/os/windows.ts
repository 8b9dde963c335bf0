import type { OsNotes } from "./notes.js";

export const WINDOWS: OsNotes = {
  label: "Windows (Winsock)",
  general:
    "Winsock follows the BSD calls by name, but a socket is a SOCKET handle, not a C runtime fd: errors come from WSAGetLastError() (WSAE\u2026 codes), close is closesocket(), non-blocking mode is ioctlsocket(FIONBIO), and readiness is select(), WSAPoll() or I/O completion ports.",
  topics: {
    socket:
      "socket()/WSASocket() after WSAStartup(); returns a SOCKET handle (not a C runtime fd), INVALID_SOCKET on failure with the reason from WSAGetLastError(). No SOCK_NONBLOCK/SOCK_CLOEXEC: use ioctlsocket(FIONBIO) and handle inheritance flags.",
    socketpair:
      "Winsock has no socketpair(), and Windows' AF_UNIX support (stream sockets only) does not add one. The usual substitute is a loopback TCP listener that the program connects to and accepts from; CreatePipe gives an anonymous pipe, which is not a SOCKET.",
    bind: "bind() on a SOCKET; port 0 takes a port from the dynamic range (49152–65535 by default). SO_REUSEADDR is much looser than on Linux: it lets a socket bind a port another socket is using, and SO_EXCLUSIVEADDRUSE exists to forbid that. Errors come from WSAGetLastError(): WSAEADDRINUSE, WSAEACCES, WSAEADDRNOTAVAIL.",
    listen:
      "listen() on a socket that was never bound fails with WSAEINVAL. SOMAXCONN asks for a provider-chosen maximum; SOMAXCONN_HINT(N) asks for N, kept between 200 and 65535.",
    accept:
      "accept() returns a new SOCKET that takes on the listening socket's properties, non-blocking mode included (and any WSAAsyncSelect/WSAEventSelect registration): accept() on a non-blocking listener gives a non-blocking socket. Linux does the opposite: accept() always returns a blocking socket, and only accept4(…, SOCK_NONBLOCK) makes it non-blocking, so code written for one system misbehaves on the other (a first recv() failing with WSAEWOULDBLOCK on Windows, or blocking on Linux). A non-blocking listener with nothing queued fails with WSAEWOULDBLOCK. AcceptEx() accepts with overlapped I/O (and can receive the first data in the same call).",
    accept4:
      "No accept4(). accept() already gives the new SOCKET the listener's blocking mode, so a non-blocking listener yields non-blocking sockets; call ioctlsocket(FIONBIO) on the new SOCKET to change it either way.",
    connect:
      "connect() on a non-blocking socket fails with WSAEWOULDBLOCK (not EINPROGRESS); completion shows as writable in select(), failure in its exceptfds set, or as FD_CONNECT with WSAEventSelect/WSAAsyncSelect. ConnectEx() connects with overlapped I/O. On a UDP socket connect() only sets the default destination.",
    getsockname:
      "getsockname() on a socket that has not been bound fails with WSAEINVAL (Linux returns 0.0.0.0:0); for a socket bound to INADDR_ANY the host address is only meaningful once it is connected.",
    getpeername:
      "getpeername() on a socket that is not connected fails with WSAENOTCONN; the error comes from WSAGetLastError().",
    shutdown:
      "shutdown(s, SD_RECEIVE | SD_SEND | SD_BOTH). SD_SEND sends a FIN after the queued data. SD_RECEIVE differs from Linux: on TCP, data already queued or arriving later makes Windows reset the connection. closesocket() is still needed.",
    close:
      "closesocket(), not close(): a SOCKET is not a C runtime fd. By default the close is graceful and finishes in the background; SO_LINGER {1, 0} aborts with RST; a non-blocking socket with a non-zero linger time gets WSAEWOULDBLOCK.",
    sendto:
      "send()/sendto() on a SOCKET, or WSASend()/WSASendTo() with an array of WSABUF buffers and optional overlapped I/O. Failure is SOCKET_ERROR with the reason from WSAGetLastError() (WSAEWOULDBLOCK when non-blocking). There are no signals: a broken connection comes back as WSAECONNRESET or WSAESHUTDOWN, never SIGPIPE.",
    recvfrom:
      "recv()/recvfrom() on a SOCKET, or WSARecv()/WSARecvFrom() with WSABUF arrays and overlapped I/O. 0 means the peer closed gracefully; errors come from WSAGetLastError() (WSAEWOULDBLOCK, WSAECONNRESET…). A UDP datagram longer than the buffer fails with WSAEMSGSIZE after filling it. An ICMP port unreachable can make a later recvfrom() fail with WSAECONNRESET even on an unconnected UDP socket (SIO_UDP_CONNRESET turns that off).",
    sendmsg:
      "WSASendMsg() takes a WSAMSG (Winsock's msghdr) with WSABUF buffers and control data such as IP_PKTINFO. There is no SCM_RIGHTS; a socket is handed to another process with WSADuplicateSocket().",
    recvmsg:
      "WSARecvMsg() is an extension function: a program first fetches its pointer with WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, WSAID_WSARECVMSG). It returns control data such as IP_PKTINFO; there is no fd passing.",
    sendmmsg:
      "No batch send call. Registered I/O (RIOSend and friends, Windows 8 and later) and overlapped WSASendTo() are the ways to cut the cost per datagram.",
    recvmmsg:
      "No batch receive call; Registered I/O (RIOReceive…) or many overlapped WSARecvFrom() calls serve the same purpose.",
    setsockopt:
      "setsockopt() takes the value as a const char* with an int length. SO_RCVTIMEO/SO_SNDTIMEO are a DWORD of milliseconds, not a struct timeval. Linux's doubling of SO_RCVBUF does not happen. SO_REUSEADDR lets another socket take over a port in use; SO_EXCLUSIVEADDRUSE prevents that.",
    getsockopt:
      "getsockopt() with a char* buffer; errors through WSAGetLastError(). SO_ERROR works for a failed non-blocking connect; buffer sizes read back as set, not doubled.",
    read: "A SOCKET is not a C runtime fd, so _read() does not work on it; use recv()/WSARecv(). ReadFile() does accept socket handles from the standard providers.",
    write:
      "A SOCKET is not a C runtime fd, so _write() does not work on it; use send()/WSASend(). WriteFile() does accept socket handles from the standard providers. No SIGPIPE on Windows.",
    readv:
      "No readv() on a SOCKET; WSARecv() takes an array of WSABUF buffers and scatters into them the same way.",
    writev:
      "No writev() on a SOCKET; WSASend() takes an array of WSABUF buffers and gathers them the same way.",
    sendfile:
      "TransmitFile() (mswsock) sends a file handle's contents on a connected socket from the system cache, optionally with head and tail buffers; client editions of Windows limit how many run at once.",
    splice:
      "No splice(): TransmitFile() covers file to socket; moving data between two sockets goes through a user buffer (recv then send).",
    poll: "WSAPoll() (Vista and later) takes a WSAPOLLFD array of SOCKETs with the same POLLRDNORM/POLLWRNORM style flags; it works only on sockets.",
    pselect6:
      "select() takes fd_sets that are arrays of SOCKET handles with a count (FD_SETSIZE 64 unless redefined); the first argument is ignored. A failed non-blocking connect shows up in the exceptfds set.",
    epoll_wait:
      "No epoll. I/O completion ports (IOCP) report finished operations rather than readiness; WSAEventSelect() and WSAPoll() cover readiness, and libraries such as wepoll emulate epoll on top.",
    epoll_ctl:
      "No epoll_ctl. WSAEventSelect() ties a SOCKET to an event object with a mask of FD_READ, FD_WRITE, FD_ACCEPT, FD_CLOSE; with I/O completion ports the SOCKET is attached once with CreateIoCompletionPort(). wepoll emulates epoll_ctl on top.",
    fcntl:
      "No fcntl on a SOCKET: ioctlsocket(s, FIONBIO, &mode) switches non-blocking mode, and inheritance by child processes is controlled with SetHandleInformation(HANDLE_FLAG_INHERIT) or WSA_FLAG_NO_HANDLE_INHERIT at WSASocket().",
    ioctl:
      "ioctlsocket() takes FIONBIO, FIONREAD and SIOCATMARK; WSAIoctl() carries the Winsock-specific requests (SIO_KEEPALIVE_VALS, SIO_UDP_CONNRESET…). Errors come from WSAGetLastError().",
    ECONNREFUSED:
      "WSAECONNREFUSED (10061) from connect(), or through the exceptfds set of select() / FD_CONNECT for a non-blocking connect. A UDP port unreachable is reported differently: as WSAECONNRESET (10054) on a later recvfrom(), even on an unconnected socket, unless turned off with the SIO_UDP_CONNRESET ioctl.",
    ECONNRESET:
      "WSAECONNRESET (10054): the peer reset the connection (an abortive close, or its host restarted). Windows also uses it on UDP sockets for an ICMP port unreachable caused by an earlier send (see SIO_UDP_CONNRESET).",
    ECONNABORTED:
      "WSAECONNABORTED (10053), common on Windows: the local stack aborted an established connection, typically because data retransmissions timed out, or on a protocol error.",
    EPIPE:
      "No EPIPE and no SIGPIPE in Winsock: send() on a broken connection fails with WSAECONNRESET (10054) or WSAECONNABORTED (10053), and after shutdown(SD_SEND) with WSAESHUTDOWN (10058).",
    ETIMEDOUT:
      "WSAETIMEDOUT (10060): connect() got no answer within the retry budget, or an established connection timed out.",
    EHOSTUNREACH: "WSAEHOSTUNREACH (10065).",
    ENETUNREACH: "WSAENETUNREACH (10051).",
    ENETDOWN:
      "WSAENETDOWN (10050): the network subsystem or the interface failed; Winsock can report it from almost any call.",
    EADDRINUSE:
      "WSAEADDRINUSE (10048). The rules differ: Windows SO_REUSEADDR lets a socket bind a port another socket is actively using; SO_EXCLUSIVEADDRUSE prevents that, and a bind blocked by such a socket fails with WSAEACCES (10013).",
    EADDRNOTAVAIL:
      "WSAEADDRNOTAVAIL (10049): bind to an address that is not local, or connect to an address that cannot be a destination such as 0.0.0.0 (Linux instead connects 0.0.0.0 to the local host). Running out of ephemeral ports usually shows up as WSAENOBUFS (10055) on Windows.",
    EACCES:
      "WSAEACCES (10013): broadcast without SO_BROADCAST, bind() to a port held by a socket with SO_EXCLUSIVEADDRUSE, or a port inside a range the system has reserved (`netsh interface ipv4 show excludedportrange protocol=tcp`). Windows has no privileged ports below 1024.",
    EPERM:
      "No WSAEPERM. Raw sockets need administrator rights and fail with WSAEACCES (10013); a firewall block usually shows up as a timeout rather than an error.",
    EAGAIN:
      "WSAEWOULDBLOCK (10035): the same 'try again later' condition, and also what a non-blocking connect() returns (Winsock has no EINPROGRESS for it). There is no separate WSAEAGAIN.",
    EWOULDBLOCK: "WSAEWOULDBLOCK (10035), Winsock's only code for this condition.",
    EINPROGRESS:
      "Not used for connect: a non-blocking connect() fails with WSAEWOULDBLOCK (10035), and completion shows as writable in select() (failure in exceptfds) or as FD_CONNECT. WSAEINPROGRESS (10036) means something else: a Winsock 1.1 blocking call is already running.",
    EALREADY:
      "WSAEALREADY (10037) while a non-blocking connect is pending; once it completes further calls get WSAEISCONN (10056). Microsoft warns that repeated connect() calls may also see WSAEINVAL or WSAEWOULDBLOCK and advises against polling this way.",
    EISCONN:
      "WSAEISCONN (10056): connect() on a connected socket (when polling a non-blocking connect, it means the connection is up); sendto() with an address on a connected socket also fails with it.",
    ENOTCONN: "WSAENOTCONN (10057).",
    EDESTADDRREQ: "WSAEDESTADDRREQ (10039).",
    EMSGSIZE:
      "WSAEMSGSIZE (10040). Unlike Linux, Windows also returns it from recv()/recvfrom() when a datagram was larger than the buffer (the data is truncated).",
    ENOBUFS:
      "WSAENOBUFS (10055): Winsock ran out of buffer space or a queue was full; the classic cause is exhausted ephemeral ports or kernel memory when a program opens many connections.",
    ENOMEM:
      "WSA_NOT_ENOUGH_MEMORY (8) from WSA* functions that map onto Windows memory calls; Winsock more often reports a shortage as WSAENOBUFS (10055).",
    EMFILE:
      "WSAEMFILE (10024) exists, but a SOCKET is a kernel handle without a 1024-style per-process limit; running out of resources more often shows as WSAENOBUFS (10055).",
    ENFILE: "No WSAENFILE; system-wide resource exhaustion shows up as WSAENOBUFS (10055).",
    EAFNOSUPPORT: "WSAEAFNOSUPPORT (10047).",
    EPROTONOSUPPORT: "WSAEPROTONOSUPPORT (10043).",
    ESOCKTNOSUPPORT: "WSAESOCKTNOSUPPORT (10044).",
    EPROTOTYPE: "WSAEPROTOTYPE (10041).",
    ENOPROTOOPT: "WSAENOPROTOOPT (10042): unknown or unsupported option for that level.",
    EOPNOTSUPP: "WSAEOPNOTSUPP (10045), e.g. listen() or accept() on a datagram socket.",
    ENOENT:
      "Windows 10 (1803 and later) has AF_UNIX stream sockets with filesystem paths; no specific WSAE code for a missing path is documented, so read WSAGetLastError().",
    ENOTSOCK:
      "WSAENOTSOCK (10038): the handle is not a socket; also what an invalid or already-closed SOCKET value gives.",
    EBADF:
      "WSAEBADF (10009) exists, but Winsock usually reports an invalid SOCKET as WSAENOTSOCK (10038); close a SOCKET with closesocket(), not close().",
    EINVAL:
      "WSAEINVAL (10022): e.g. accept() without listen(), listen() on an unbound socket (where Linux TCP would bind automatically), or bind() on a socket that is already bound.",
    EFAULT:
      "WSAEFAULT (10014): a bad pointer, or a length too small for the structure (e.g. an addrlen shorter than sizeof(sockaddr)).",
    EINTR:
      "WSAEINTR (10004): a blocking call cancelled with WSACancelBlockingCall, a Winsock 1.1 mechanism; with no signals, Winsock 2 programs rarely see it.",
    ERESTARTSYS: "No equivalent: Winsock calls are not interrupted by signals.",
    ERESTARTNOINTR: "No equivalent: there are no signals, and processes are created with CreateProcess.",
    ERESTARTNOHAND: "No equivalent: select() is not interrupted by signals.",
    ERESTART_RESTARTBLOCK: "No equivalent: no signals interrupt waits.",
    SO_REUSEADDR:
      "setsockopt(s, SOL_SOCKET, SO_REUSEADDR) on a SOCKET is far stronger: it lets a socket bind an address:port that another socket is actively using, so one program can take over another's port. SO_EXCLUSIVEADDRUSE, set before bind(), forbids that and is what servers should use.",
    SO_REUSEPORT:
      "Winsock has no SO_REUSEPORT. The option that lets a second socket bind a port in use is SO_REUSEADDR there, and SO_EXCLUSIVEADDRUSE forbids it.",
    SO_KEEPALIVE:
      "setsockopt(s, SOL_SOCKET, SO_KEEPALIVE) on a SOCKET. Defaults: 2 h idle, probes 1 s apart, a probe count that depends on the Windows version. Tune per socket with TCP_KEEPIDLE/TCP_KEEPINTVL (Windows 10 1709+) and TCP_KEEPCNT (1703+), or WSAIoctl(SIO_KEEPALIVE_VALS) on older systems.",
    SO_RCVBUF:
      "SO_RCVBUF takes a DWORD on a SOCKET; Microsoft describes it as the buffer space reserved for receives and says it need not match the TCP receive window. No doubling is documented.",
    SO_SNDBUF:
      "SO_SNDBUF takes a DWORD on a SOCKET: the buffer space reserved for sends, not necessarily the TCP send window. No doubling is documented.",
    SO_LINGER:
      "struct linger on a SOCKET (SO_DONTLINGER is the shortcut for l_onoff=0). l_onoff=1, l_linger=0 makes closesocket() abortive (RST, unsent data dropped); a non-blocking socket with a non-zero linger gets WSAEWOULDBLOCK from closesocket().",
    SO_ERROR:
      "getsockopt(s, SOL_SOCKET, SO_ERROR) exists, and Microsoft warns the per-socket code is not always set right away. A failed non-blocking connect shows up in select()'s exceptfds; then read SO_ERROR for the WSAE* code.",
    SO_BROADCAST:
      "SO_BROADCAST (DWORD boolean) on a UDP SOCKET, needed to send broadcasts; not used for IPv6.",
    SO_RCVTIMEO:
      "The value is a DWORD in milliseconds, not a struct timeval. After a receive timeout Microsoft calls the connection indeterminate and says to close it; with WSASocket() the socket needs WSA_FLAG_OVERLAPPED for the timeout to work.",
    SO_SNDTIMEO:
      "A DWORD in milliseconds. After a send timeout Microsoft calls the connection indeterminate; with WSASocket() it needs WSA_FLAG_OVERLAPPED to take effect.",
    SO_TYPE: "getsockopt(s, SOL_SOCKET, SO_TYPE) returns SOCK_STREAM, SOCK_DGRAM…; read-only.",
    SO_PEERCRED: "Winsock has no SO_PEERCRED, including on its AF_UNIX sockets.",
    TCP_NODELAY: "setsockopt(s, IPPROTO_TCP, TCP_NODELAY) with a DWORD boolean; off by default.",
    TCP_CORK: "No TCP_CORK; build the whole message in one buffer, or use WSASend with several buffers.",
    TCP_KEEPIDLE:
      "TCP_KEEPIDLE (DWORD seconds) from Windows 10 version 1709; before that, WSAIoctl(SIO_KEEPALIVE_VALS) in milliseconds.",
    TCP_KEEPINTVL:
      "TCP_KEEPINTVL (DWORD seconds) from Windows 10 version 1709; the default interval is 1 second.",
    TCP_KEEPCNT: "TCP_KEEPCNT (DWORD, at most 255) from Windows 10 version 1703.",
    TCP_FASTOPEN:
      "TCP_FASTOPEN (DWORD boolean) from Windows 10 version 1607; the client connects with ConnectEx() and passes the first data in its send buffer.",
    TCP_QUICKACK: "No TCP_QUICKACK option in Winsock's IPPROTO_TCP table.",
    TCP_USER_TIMEOUT:
      "No TCP_USER_TIMEOUT; the nearest is TCP_MAXRT, a connection timeout in seconds (-1 = retransmit forever).",
    TCP_DEFER_ACCEPT:
      "No TCP_DEFER_ACCEPT. AcceptEx() with a receive buffer completes only when the first data arrives, which serves the same purpose.",
    IPV6_V6ONLY:
      "On by default (IPv6 only). Set IPV6_V6ONLY to 0 before bind() to get a dual-stack socket; IPv4 peers then appear as IPv4-mapped IPv6 addresses.",
    IP_TTL: "IP_TTL at IPPROTO_IP on a SOCKET.",
    IP_RECVERR:
      "Winsock reports ICMP errors its own way: an unconnected UDP socket gets WSAECONNRESET from a later recvfrom() after a port unreachable, unless WSAIoctl(SIO_UDP_CONNRESET, FALSE). Recent headers also define an IP_RECVERR constant with Windows' own semantics.",
    SOCK_NONBLOCK: "No type flag: switch the SOCKET to non-blocking with ioctlsocket(s, FIONBIO, &one).",
    SOCK_CLOEXEC:
      "No type flag; WSASocket() takes WSA_FLAG_NO_HANDLE_INHERIT so child processes do not inherit the handle.",
    MSG_NOSIGNAL:
      "Not needed and not defined: Windows has no SIGPIPE; a send on a broken connection returns an error (WSAECONNRESET, WSAESHUTDOWN…).",
    MSG_DONTWAIT:
      "Winsock has no per-call non-blocking flag; make the SOCKET non-blocking with ioctlsocket(FIONBIO) or use overlapped I/O.",
    MSG_PEEK: "MSG_PEEK is supported by recv()/recvfrom().",
    MSG_WAITALL: "recv() accepts MSG_WAITALL on stream sockets.",
    MSG_TRUNC:
      "recv()/recvfrom() on a datagram larger than the buffer fill the buffer and fail with WSAEMSGSIZE; the rest is lost.",
    O_NONBLOCK:
      "No fcntl on a SOCKET: ioctlsocket(s, FIONBIO, &one). WSAAsyncSelect/WSAEventSelect also switch the socket to non-blocking.",
    TCP_MAXSEG:
      "Winsock defines TCP_MAXSEG (Windows 10 and later), documented for reading the connection's MSS with getsockopt; lowering the MSS with it, as on Linux, is not something to rely on there.",
    IP_MTU_DISCOVER:
      "Windows 10 and later have IP_MTU_DISCOVER with the PMTUD_STATE values IP_PMTUDISC_NOT_SET, DO, DONT and PROBE (no INTERFACE or OMIT); older code uses IP_DONTFRAGMENT to set DF.",
    IP_BIND_ADDRESS_NO_PORT:
      "No such option. The nearest is SO_REUSE_UNICASTPORT (Windows 10 and later), which lets sockets that must bind before connecting (as for ConnectEx) share ephemeral ports.",
    IP_LOCAL_PORT_RANGE:
      "No per-socket range. The dynamic port range is system-wide (`netsh int ipv4 set dynamicport tcp start=… num=…`), 49152–65535 by default.",
    SO_PASSCRED:
      "No SO_PASSCRED or SCM_CREDENTIALS, and Windows' AF_UNIX sockets carry no credentials; named pipes (ImpersonateNamedPipeClient, GetNamedPipeClientProcessId) are the usual way to learn who is on the other end.",
    SO_TIMESTAMP:
      "No SO_TIMESTAMP. Recent Windows versions offer receive and transmit timestamps through the SIO_TIMESTAMPING ioctl and a control message read with WSARecvMsg.",
    NETLINK_ADD_MEMBERSHIP:
      "No netlink. Change notifications come from IP Helper callbacks: NotifyIpInterfaceChange, NotifyUnicastIpAddressChange, NotifyRouteChange2.",
    NETLINK_PKTINFO:
      "No netlink, so no such option; IP Helper callbacks say what changed in their arguments.",
    NETLINK_EXT_ACK: "No netlink; IP Helper functions return a Win32 error code, without a text message.",
    NETLINK_CAP_ACK: "No netlink, so no acknowledgement messages to cap.",
    NETLINK_GET_STRICT_CHK:
      "No netlink; the IP Helper table functions (GetIfTable2, GetIpForwardTable2) take their filters as arguments.",
    NETLINK_NO_ENOBUFS:
      "No netlink. IP Helper notifications are callbacks, with no socket buffer to overflow.",
    FIONBIO:
      "The native way: ioctlsocket(s, FIONBIO, &mode) with a u_long, non-zero for non-blocking. WSAAsyncSelect and WSAEventSelect also switch a socket to non-blocking, and it cannot be switched back while they are in effect.",
    FIONREAD:
      "ioctlsocket(s, FIONREAD, &n) exists; on a datagram socket it reports all data waiting in the receive buffer, which may be more than the next recv() returns (Linux UDP reports the first datagram only).",
    SIOCOUTQ:
      "No SIOCOUTQ. For TCP, WSAIoctl(SIO_TCP_INFO) (Windows 10 and later) returns a TCP_INFO structure with the bytes in flight and other counters.",
    FIOCLEX:
      "No exec and no FIOCLEX. Whether a child process inherits a SOCKET is a handle attribute: create it with WSA_FLAG_NO_HANDLE_INHERIT or clear HANDLE_FLAG_INHERIT with SetHandleInformation.",
    "ping sockets":
      "No ICMP datagram sockets. Unprivileged programs ping through IcmpSendEcho/Icmp6SendEcho2 (iphlpapi); a raw ICMP socket needs administrator rights and fails with WSAEACCES otherwise.",
    "IPv4-mapped addresses":
      "Dual-stack works the same way once IPV6_V6ONLY is set to 0 before bind(), but the default is the opposite of Linux: IPv6 sockets are IPv6-only unless told otherwise.",
    "netlink requests and dumps":
      "No netlink. The IP Helper API gives the same information: table functions (GetAdaptersAddresses, GetIpForwardTable2) return the whole table in one call instead of a dump to drain, and Notify* functions register change callbacks.",
  },
};
