// The lessons whose programs run on sockscope's own Node (fixtures/lessons/*.mjs): every machine
// that runs sockscope can run them.
//
// Node's sockets are non-blocking (libuv opens them with SOCK_NONBLOCK and waits in epoll), so
// these lessons tell the non-blocking story honestly: connect returns EINPROGRESS, epoll says
// when to try again. Kernel claims are checked against Linux 6.x (paths in torvalds/linux):
// - handshake before accept: net/ipv4/tcp_minisocks.c (tcp_check_req makes the child on the final
//   ACK), net/ipv4/inet_connection_sock.c (inet_csk_reqsk_queue_add queues it, inet_csk_accept
//   only dequeues);
// - non-blocking connect: net/ipv4/af_inet.c __inet_stream_connect (-EINPROGRESS when the socket
//   may not wait); SO_ERROR: net/core/sock.c sk_getsockopt → sock_error (include/net/sock.h),
//   which returns the pending error and clears it;
// - refused connect: net/ipv4/tcp_ipv4.c tcp_v4_send_reset answers a SYN for no socket, and
//   net/ipv4/tcp_input.c tcp_reset maps a RST in SYN-SENT to ECONNREFUSED;
// - UDP: net/ipv4/udp.c __udp4_lib_err sets sk_err for an ICMP error only on a connected socket
//   (TCP_ESTABLISHED) unless IP_RECVERR; net/core/sock.c sock_alloc_send_pskb returns a pending
//   sk_err on the next send; net/ipv4/datagram.c ip4_datagram_connect sends nothing.
import {
  ACCEPTS,
  type Call,
  calls,
  fact,
  first,
  localPort,
  named,
  READS,
  remoteText,
  WRITES,
} from "./facts.js";
import type { Lesson, LessonFact } from "./lesson.js";

const argsText = (c: Call): string => JSON.stringify(c.args);
const isSoError = (c: Call) => c.name === "getsockopt" && argsText(c).includes("SO_ERROR");
const soErrorSays = (c: Call, errno: string) => isSoError(c) && argsText(c).includes(errno);

/** The calls on the socket with this model id (any fd, any process). */
const onSocket = (id: number | undefined) => (c: Call) => id !== undefined && c.socket?.id === id;

/** The steps of one TCP connection: both ends' calls, from the listener's socket() to the closes. */
function tcpStory(events: Parameters<Lesson["facts"]>[0]) {
  const all = calls(events);
  const listen = first(all, named("listen", "tcp"));
  const connect = first(all, named("connect", "tcp"));
  const accept = first(all, (c) => ACCEPTS.has(c.name) && c.ret !== null && c.ret >= 0);
  const server = accept?.newSocket?.id;
  const client = connect?.socket?.id;
  return { all, listen, connect, accept, server, client };
}

const tcpEcho: Lesson = {
  name: "tcp-echo",
  order: 1,
  title: "TCP echo: one connection's whole life",
  summary: "socket, bind, listen, connect, accept, send and receive, shutdown, close: both ends",
  needs: "node",
  program: "tcp-echo.mjs",
  intro: [
    "One Node.js process plays both ends over 127.0.0.1. The server: socket() makes a TCP socket, bind() names it (port 0: the kernel picks a free port), listen() turns it into a listener with an accept queue. The client: socket(), then connect().",
    "Node's sockets are non-blocking (libuv opens them with SOCK_NONBLOCK and waits in epoll_pwait). So connect() does not wait for the handshake: it sends the SYN and returns EINPROGRESS. The kernel finishes the three-way handshake on its own and puts the new connection in the listener's accept queue; accept4() only takes it out. The client learns the outcome from epoll (writable) and getsockopt(SO_ERROR) = 0.",
    "Then the data: the client write()s, the server read()s and writes the echo back. The client's shutdown(SHUT_WR) sends a FIN; the server's read() returns 0 (end of stream) and it shuts down and closes its side too.",
  ],
  facts(events) {
    const { all, listen, connect, accept, server, client } = tcpStory(events);
    const socket = first(all, named("socket", "tcp"));
    const bind = first(all, named("bind", "tcp"));
    const soError = first(all, (c) => isSoError(c) && onSocket(client)(c) && c.ret === 0, connect);
    const clientWrite = first(all, (c) => WRITES.has(c.name) && onSocket(client)(c) && (c.ret ?? 0) > 0);
    const serverRead = first(all, (c) => READS.has(c.name) && onSocket(server)(c) && (c.ret ?? 0) > 0);
    const echo = first(all, (c) => WRITES.has(c.name) && onSocket(server)(c) && (c.ret ?? 0) > 0, serverRead);
    const shutdown = first(all, (c) => c.name === "shutdown" && onSocket(client)(c) && c.ret === 0);
    const eof = first(all, (c) => READS.has(c.name) && onSocket(server)(c) && c.ret === 0, shutdown);
    const closeServer = first(all, (c) => c.name === "close" && onSocket(server)(c) && c.ret === 0);
    const closeClient = first(all, (c) => c.name === "close" && onSocket(client)(c) && c.ret === 0);
    const facts: LessonFact[] = [
      fact(socket, (c) => `socket() made a TCP socket: fd ${c.ret}.`, "No TCP socket() call was seen."),
      fact(
        bind,
        (c) => {
          // The first call on the socket that shows its port as the kernel picked it.
          const shown = all.find(
            (o) =>
              o.seq > c.seq &&
              o.socket?.id === c.socket?.id &&
              localPort(o) !== 0 &&
              localPort(o) !== undefined,
          );
          return `bind() asked for port 0; the kernel picked port ${localPort(shown) ?? "?"}.`;
        },
        "No bind() of a TCP socket was seen.",
      ),
      fact(
        listen,
        (c) =>
          `listen() made it a listener (backlog ${JSON.stringify(c.args[1] && "value" in c.args[1] ? c.args[1].value : "?")}).`,
        "No listen() was seen.",
      ),
      fact(
        connect?.errno === "EINPROGRESS" ? connect : undefined,
        () =>
          "connect() returned EINPROGRESS at once: the SYN is sent, the handshake goes on without the program.",
        connect === undefined
          ? "No TCP connect() was seen."
          : `connect() returned ${connect.errno ?? connect.ret}, not EINPROGRESS.`,
      ),
      fact(
        accept !== undefined &&
          connect !== undefined &&
          accept.seq > connect.seq &&
          accept.newSocket?.remote !== undefined
          ? accept
          : undefined,
        (c) =>
          `${c.name}() returned fd ${c.ret}, already connected to the client at ${remoteText(c)}: the kernel completed the handshake before accept returned.`,
        "No accept() returning a connected socket after the connect was seen.",
      ),
      fact(
        soError,
        () => "getsockopt(SO_ERROR) = 0 on the client: the connect succeeded.",
        "The client's getsockopt(SO_ERROR) was not seen.",
      ),
      fact(
        clientWrite,
        (c) => `The client sent ${c.ret} bytes with ${c.name}().`,
        "No write by the client was seen.",
      ),
      fact(
        serverRead,
        (c) => `The server received them: ${c.name}() returned ${c.ret} bytes.`,
        "No read by the server was seen.",
      ),
      fact(echo, (c) => `The server echoed ${c.ret} bytes back.`, "No echo from the server was seen."),
      fact(
        shutdown,
        () => "The client called shutdown(SHUT_WR): its FIN says it will send no more.",
        "No shutdown by the client was seen.",
      ),
      fact(
        eof,
        (c) => `The server's ${c.name}() returned 0: end of stream, the client's FIN.`,
        "The server's read of 0 (end of stream) was not seen.",
      ),
      fact(
        closeServer && closeClient
          ? closeServer.seq > closeClient.seq
            ? closeServer
            : closeClient
          : undefined,
        () => "Both ends closed their sockets.",
        "Not both ends were seen closing.",
      ),
    ];
    return facts;
  },
  questions: [
    {
      q: "accept4() returned a socket already connected. When was the three-way handshake done?",
      a: "Before accept: the kernel answers the SYN with a SYN-ACK itself, and on the client's ACK creates the connected socket and queues it on the listener (net/ipv4/tcp_minisocks.c tcp_check_req, inet_csk_reqsk_queue_add). accept only dequeues it (inet_csk_accept in net/ipv4/inet_connection_sock.c). A listener that never calls accept still completes handshakes, until its queue is full.",
    },
    {
      q: "Why did connect() fail with EINPROGRESS, and why is that not an error?",
      a: "The socket is non-blocking (SOCK_NONBLOCK, as libuv makes every socket). A non-blocking connect sends the SYN and returns at once with EINPROGRESS (__inet_stream_connect in net/ipv4/af_inet.c); the program waits for the socket to become writable (epoll) and reads the result with getsockopt(SO_ERROR). A blocking socket would have slept in connect until the handshake finished.",
    },
    {
      q: "Why did bind() ask for port 0?",
      a: 'Port 0 means "any free port": the kernel picks one from the ephemeral range (net.ipv4.ip_local_port_range) and getsockname() tells the program which. Two runs never fight over a fixed port.',
    },
    {
      q: "What does the server's read() returning 0 mean, and what made it happen?",
      a: 'End of stream: the peer sent FIN, here by shutdown(SHUT_WR). A read of 0 on a TCP socket is never "no data yet" (that is EAGAIN on a non-blocking socket); it means the other side will send nothing more.',
    },
    {
      q: "Why shutdown(SHUT_WR) before close?",
      a: "shutdown(SHUT_WR) sends FIN but keeps the socket open for reading, so the client can still receive what the server sends after seeing the end (a half-close). close() gives up both directions and the fd at once.",
    },
  ],
};

const udpChat: Lesson = {
  name: "udp-chat",
  order: 2,
  title: "UDP chat: datagrams, connected and not, and a lost one",
  summary: "two UDP peers, sendmsg/recvmsg, connected vs unconnected UDP, a datagram to nobody",
  needs: "node",
  program: "udp-chat.mjs",
  intro: [
    "Two UDP sockets, alice and bob, each bound to 127.0.0.1 on a port the kernel picks. No listen, no accept, no handshake: each datagram stands alone. Node sends with sendmsg() and receives with recvmsg() (the names sendto/recvfrom are the same calls with fewer options); after each datagram libuv reads again until recvmsg() says EAGAIN: nothing more queued.",
    "Alice's sends name their destination in every call (an unconnected socket). Bob calls connect() once: on UDP that sends nothing, it only fixes the peer, so his sendmsg() carries no address.",
    "Then the lost datagram: alice, and a third socket, carol, each send one to a port where nobody listens. The kernel answers each with an ICMP port unreachable. Alice, unconnected, hears nothing; carol's socket is connected to that port, so the error is kept on her socket and her next call fails with ECONNREFUSED.",
  ],
  facts(events) {
    const all = calls(events);
    const sends = all.filter(
      (c) => WRITES.has(c.name) && c.socket?.transport === "udp" && (c.ret ?? -1) >= 0,
    );
    const addressed = sends.find((c) => argsText(c).includes("sin_port") || argsText(c).includes('"port"'));
    const connect = first(all, (c) => c.name === "connect" && c.socket?.transport === "udp" && c.ret === 0);
    const connectedSend = first(
      all,
      (c) => WRITES.has(c.name) && onSocket(connect?.socket?.id)(c) && (c.ret ?? -1) >= 0,
      connect,
    );
    const recv = first(all, (c) => READS.has(c.name) && c.socket?.transport === "udp" && (c.ret ?? -1) >= 0);
    const again = first(
      all,
      (c) => READS.has(c.name) && c.socket?.transport === "udp" && c.errno === "EAGAIN",
    );
    const refused = first(all, (c) => c.socket?.transport === "udp" && c.errno === "ECONNREFUSED");
    const refusedConnect =
      refused === undefined
        ? undefined
        : [...all]
            .reverse()
            .find((c) => c.name === "connect" && c.seq < refused.seq && onSocket(refused.socket?.id)(c));
    // The unconnected send to the dead port: a successful send to the port carol later connects to.
    // Its port (or, under --stable, the ephemeral port's stable name).
    const dead = refusedConnect?.socket?.remote;
    const deadPort = dead?.port ?? dead?.ephemeral;
    const lost =
      deadPort === undefined
        ? undefined
        : sends.find(
            (c) =>
              c.seq < (refusedConnect?.seq ?? 0) &&
              c.socket?.remote === undefined &&
              (dead?.port !== undefined
                ? argsText(c).includes(String(dead.port))
                : argsText(c).includes(`"${String(deadPort)}"`)),
          );
    const errorsOnLost =
      lost === undefined ? [] : all.filter((c) => onSocket(lost.socket?.id)(c) && c.errno === "ECONNREFUSED");
    return [
      fact(
        addressed,
        (c) => `An unconnected send: ${c.name}() named its destination in the call and sent ${c.ret} bytes.`,
        "No UDP send with an address was seen.",
      ),
      fact(
        recv,
        (c) => `${c.name}() received a whole datagram of ${c.ret} bytes, with the sender's address.`,
        "No UDP receive was seen.",
      ),
      fact(
        again,
        (c) => `${c.name}() returned EAGAIN: no datagram queued, and the socket does not wait.`,
        "No EAGAIN on a UDP receive was seen.",
      ),
      fact(
        connect,
        (c) =>
          `connect() on a UDP socket returned ${c.ret} at once: nothing went on the wire, the peer is now fixed.`,
        "No connect() of a UDP socket was seen.",
      ),
      fact(
        connectedSend,
        (c) => `On the connected socket, ${c.name}() sent ${c.ret} bytes without naming a destination.`,
        "No send on the connected UDP socket was seen.",
      ),
      fact(
        lost !== undefined && errorsOnLost.length === 0 ? lost : undefined,
        (c) =>
          `The unconnected socket sent ${c.ret} bytes to port ${deadPort}, where nobody listens: the send succeeded and no error ever came back.`,
        "No silent send to the dead port on an unconnected socket was seen.",
      ),
      fact(
        refused,
        (c) =>
          `The connected socket's ${c.name}() failed with ECONNREFUSED: the ICMP port unreachable for an earlier datagram, reported on a later call.`,
        "No ECONNREFUSED on a connected UDP socket was seen.",
      ),
    ];
  },
  questions: [
    {
      q: "Why did only the connected socket hear about the unreachable port?",
      a: "When an ICMP error arrives for a UDP datagram, Linux records it on the socket (sk_err) only if the socket is connected (or has IP_RECVERR set): __udp4_lib_err in net/ipv4/udp.c skips it otherwise. An unconnected socket may talk to many peers, so one peer's error would be misleading to report.",
    },
    {
      q: "Why did the error come on a later call, not on the send that caused it?",
      a: "The send succeeded: the datagram left. The ICMP reply arrives afterwards and sets the socket's pending error; the next call that checks it (a send through sock_alloc_send_pskb, or a receive) returns it once and clears it (sock_error in include/net/sock.h).",
    },
    {
      q: "What did connect() on a UDP socket send on the wire?",
      a: "Nothing. It picks the route and fixes the default destination (ip4_datagram_connect in net/ipv4/datagram.c); sends without an address go there, and only datagrams from that peer are received.",
    },
    {
      q: "recvmsg() returned EAGAIN right after a successful receive. Was something wrong?",
      a: "No: libuv reads in a loop until the queue is empty, and a non-blocking socket with no datagram queued answers EAGAIN instead of sleeping. It then waits in epoll again.",
    },
  ],
};

const httpServer: Lesson = {
  name: "http-server",
  order: 3,
  title: "HTTP/1.1 by hand: two requests on one kept-alive connection",
  summary: "a server with no library parses raw request bytes; keep-alive, a second request, close",
  needs: "node",
  program: "http-server.mjs",
  intro: [
    "HTTP is bytes on a TCP stream: a request line (GET /first HTTP/1.1), headers, and an empty line (CRLF CRLF) that ends the head. The server here uses no HTTP library: it reads the raw bytes, finds the empty line, splits the request line, and writes a response with a Content-Length.",
    "HTTP/1.1 keeps the connection open by default (keep-alive): because the response says how long its body is, the client knows where it ends without the server closing. So the client sends its second request on the same connection: one connect, one accept, two request/response exchanges.",
    "Look at the write()s and read()s: each request is one write by the client and one read by the server here, but TCP keeps no message boundaries; a real server must be ready for a request split over reads or two in one read (this one loops over what it has).",
  ],
  facts(events) {
    const { all, accept, server, client } = tcpStory(events);
    const requests = all.filter((c) => WRITES.has(c.name) && onSocket(client)(c) && (c.ret ?? 0) > 0);
    const serverReads = all.filter((c) => READS.has(c.name) && onSocket(server)(c) && (c.ret ?? 0) > 0);
    const responses = all.filter((c) => WRITES.has(c.name) && onSocket(server)(c) && (c.ret ?? 0) > 0);
    const accepts = all.filter((c) => ACCEPTS.has(c.name) && c.ret !== null && c.ret >= 0);
    const connects = all.filter((c) => c.name === "connect" && c.socket?.transport === "tcp");
    const shutdown = first(all, (c) => c.name === "shutdown" && onSocket(client)(c) && c.ret === 0);
    const eof = first(all, (c) => READS.has(c.name) && onSocket(server)(c) && c.ret === 0, shutdown);
    const request = serverReads[0];
    return [
      fact(
        accept,
        (c) => `One connection: ${c.name}() returned fd ${c.ret} for the client's connect().`,
        "No accepted connection was seen.",
      ),
      fact(
        request !== undefined && argsText(request).includes("GET /first HTTP/1.1") ? request : undefined,
        (c) => `The server read the raw request: ${c.ret} bytes starting "GET /first HTTP/1.1".`,
        "The server's read of the first request was not seen.",
      ),
      fact(
        responses[0],
        (c) => `The server wrote the first response (${c.ret} bytes, status line, headers, body).`,
        "No response was seen.",
      ),
      fact(
        requests.length >= 2 && connects.length === 1 && accepts.length === 1 ? requests[1] : undefined,
        (c) =>
          `The second request went on the same connection (${c.ret} bytes): still one connect and one accept.`,
        `Expected two requests on one connection; saw ${requests.length} request writes, ${connects.length} connects, ${accepts.length} accepts.`,
      ),
      fact(
        responses[1],
        (c) => `The server answered it on the same socket (${c.ret} bytes).`,
        "The second response was not seen.",
      ),
      fact(
        shutdown !== undefined && eof !== undefined ? eof : undefined,
        () =>
          "The client ended the connection (shutdown: FIN); the server's read returned 0 and it closed too.",
        "The client's end of the connection was not seen.",
      ),
    ];
  },
  questions: [
    {
      q: "How did the client know where the first response ended, without the server closing?",
      a: "From Content-Length: the head ends at the empty line, then exactly that many body bytes follow. Without a length (or chunked encoding) the only end would be the server closing the connection, and keep-alive would be impossible.",
    },
    {
      q: "What does keep-alive save?",
      a: "A new connection per request: a socket, a three-way handshake (one round trip before the first byte), a fresh congestion window, and at the end a TIME_WAIT socket on the side that closed first.",
    },
    {
      q: "Could one read() return half a request, or two requests?",
      a: "Yes. TCP is a byte stream: the kernel returns whatever is queued, up to the buffer size. Here the requests are small and sent one at a time, so each arrives in one read; a server must still parse by the bytes, not by the reads.",
    },
    {
      q: "Why did the server close only after the client's FIN?",
      a: "HTTP/1.1 lets the client decide when it is done with a kept-alive connection. The server saw read() return 0 (the client's FIN), then ended its side; closing first would leave TIME_WAIT on the server.",
    },
  ],
};

const nonblockingClient: Lesson = {
  name: "nonblocking-client",
  order: 4,
  title: "A non-blocking client: EINPROGRESS, epoll, SO_ERROR, EAGAIN",
  summary: "connect in progress, epoll for readiness, SO_ERROR for the outcome, EAGAIN, a refused connect",
  needs: "node",
  program: "nonblocking-client.mjs",
  intro: [
    "A non-blocking socket never makes the program wait inside a call: a call that cannot finish now fails with EINPROGRESS (connect) or EAGAIN (read, write), and the program asks epoll to tell it when to try again. This is how Node's event loop (libuv) does all its I/O.",
    "Watch the client's connect(): EINPROGRESS; then epoll_ctl() adds the socket for EPOLLOUT, epoll_pwait() reports it writable, and getsockopt(SO_ERROR) reads the outcome: 0, connected. A read() made before the server has written anything returns EAGAIN at once.",
    "Then a connect to a port where nobody listens: it also returns EINPROGRESS, and the refusal (the kernel's RST to the SYN) arrives later, read by getsockopt(SO_ERROR) as ECONNREFUSED.",
  ],
  facts(events) {
    const all = calls(events);
    const connects = all.filter((c) => c.name === "connect" && c.socket?.transport === "tcp");
    const ok = connects[0];
    // The client's socket: the one the first connect used.
    const nonblocking = first(
      all,
      (c) => c.name === "socket" && (c.newSocket ?? c.socket)?.id === ok?.socket?.id,
    );
    const watched = first(
      all,
      (c) => c.name === "epoll_ctl" && c.waited?.id === ok?.socket?.id && argsText(c).includes("EPOLLOUT"),
      ok,
    );
    const ready = first(all, (c) => /^epoll_p?wait/.test(c.name) && (c.ret ?? 0) > 0, ok);
    const soOk = first(
      all,
      (c) => soErrorSays(c, "SO_ERROR") && onSocket(ok?.socket?.id)(c) && !argsText(c).includes("ECONN"),
      ok,
    );
    const again = first(
      all,
      (c) => READS.has(c.name) && c.socket?.transport === "tcp" && c.errno === "EAGAIN",
    );
    const refusedSo = first(all, (c) => soErrorSays(c, "ECONNREFUSED"));
    const refusedConnect =
      refusedSo === undefined ? undefined : connects.find((c) => c.socket?.id === refusedSo.socket?.id);
    return [
      fact(
        (nonblocking?.newSocket ?? nonblocking?.socket)?.nonblocking === true ? nonblocking : undefined,
        (c) => `socket() made the client's fd ${c.ret} non-blocking from the start (SOCK_NONBLOCK).`,
        "No non-blocking socket() for the client was seen.",
      ),
      fact(
        ok?.errno === "EINPROGRESS" ? ok : undefined,
        () => "connect() returned EINPROGRESS: the SYN is out, the call did not wait.",
        "No connect() returning EINPROGRESS was seen.",
      ),
      fact(
        watched,
        () => "epoll_ctl() registered the connecting socket for EPOLLOUT (writable = the connect finished).",
        "The epoll_ctl() for the connecting socket was not seen.",
      ),
      fact(
        ready,
        (c) => `${c.name}() reported ${c.ret} ready fd(s): the loop woke up.`,
        "No epoll wait reporting a ready fd was seen.",
      ),
      fact(
        soOk,
        () => "getsockopt(SO_ERROR) gave 0: the connect succeeded.",
        "The successful connect's getsockopt(SO_ERROR) was not seen.",
      ),
      fact(
        again,
        (c) => `${c.name}() on the TCP socket returned EAGAIN: nothing to read yet, and it did not wait.`,
        "No EAGAIN on a TCP read was seen.",
      ),
      fact(
        refusedConnect?.errno === "EINPROGRESS" ? refusedConnect : undefined,
        () => "The connect to the closed port also returned EINPROGRESS: the refusal was not known yet.",
        "The second connect's EINPROGRESS was not seen.",
      ),
      fact(
        refusedSo,
        () => "getsockopt(SO_ERROR) gave ECONNREFUSED: the kernel's RST answered the SYN.",
        "No getsockopt(SO_ERROR) reporting ECONNREFUSED was seen.",
      ),
    ];
  },
  questions: [
    {
      q: "Why does a non-blocking connect report its outcome through getsockopt(SO_ERROR)?",
      a: "connect() already returned (EINPROGRESS); the handshake's result is stored on the socket (sk_err on failure). epoll reports the socket writable (and EPOLLERR on failure) either way, so the program asks SO_ERROR, which returns the pending error and clears it (sock_getsockopt in net/core/sock.c, sock_error).",
    },
    {
      q: "Where did ECONNREFUSED come from, with nobody on that port?",
      a: "The SYN reached the loopback interface, no socket matched the port, so TCP answered with a RST (tcp_v4_send_reset in net/ipv4/tcp_ipv4.c). The connecting socket got the RST in SYN-SENT and recorded ECONNREFUSED (tcp_reset in net/ipv4/tcp_input.c).",
    },
    {
      q: "What is the difference between EAGAIN on a read and a read of 0?",
      a: "EAGAIN: nothing is queued now, try later (only on a non-blocking socket; a blocking one would sleep). 0: the peer sent FIN, nothing will ever come again.",
    },
    {
      q: "Why did the program call read() by hand to see EAGAIN?",
      a: "libuv reads only when epoll says the socket is readable, so its reads on TCP rarely hit EAGAIN. The lesson makes one read(2) on the socket's fd before the server has sent anything, to show what the kernel answers.",
    },
  ],
};

export const nodeLessons: Lesson[] = [tcpEcho, udpChat, httpServer, nonblockingClient];
