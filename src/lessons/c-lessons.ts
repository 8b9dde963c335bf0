// The lessons whose programs are C (fixtures/lessons/*.c, compiled with the machine's cc when the
// lesson runs): the calls they make are exactly the ones the lesson is about. Kernel claims are
// checked against Linux 6.1's source (paths in torvalds/linux); each program's header says more.
import type { ExitEvent, SignalEvent } from "../core/events.js";
import { addressOf } from "../core/readers.js";
import type { Address } from "../core/values.js";
import { ACCEPTS, type Call, calls, fact, first, named, READS, WRITES } from "./facts.js";
import type { Lesson, LessonFact } from "./lesson.js";

const argsText = (c: Call): string => JSON.stringify(c.args);
const ms = (c: Call): number => (c.duration ?? 0) * 1000;
/** A port, or under --stable the stable name it was given (eph1…). */
const portOf = (a: Address | undefined): number | string | undefined => a?.port ?? a?.ephemeral;
/** The port a bind or connect names in its sockaddr argument. */
const portArg = (c: Call): number | string | undefined => portOf(addressOf(c.args[1]));
/** Durations, when the trace has them (--stable leaves them out). */
const timed = (c: Call | undefined): boolean => c?.duration !== undefined;

const acceptQueue: Lesson = {
  name: "accept-queue",
  order: 5,
  title: "The accept queue: handshakes the kernel finishes before accept",
  summary: "listen(fd, 1), four clients before any accept: two queued, two SYNs dropped and sent again",
  needs: "cc",
  program: "accept-queue.c",
  // A busy program: strace holds the first accept 0.2 s at its entry (delay_enter is in µs).
  straceArgs: ["-e", "inject=accept:delay_enter=200000:when=1"],
  intro: [
    "A listener made with listen(fd, 1), then four non-blocking clients connect before the program calls accept() at all. Watch which connects finish (poll says POLLOUT) and which do not (poll times out).",
    "The kernel answers SYNs by itself: a completed handshake waits in the listener's accept queue until accept() takes it. Linux calls the queue full when it holds more than the backlog (sk_acceptq_is_full in include/net/sock.h), so backlog 1 holds two. A SYN that comes while the queue is full is dropped without an answer (tcp_conn_request in net/ipv4/tcp_input.c counts it in ListenOverflows); the client sends it again after its retransmission timeout, one second at first.",
    "Then accept(), late (strace delays the first one 0.2 s, marked DELAYED): the two queued connections come at once; the third accept waits until a dropped client's SYN is sent again and answered.",
  ],
  facts(events) {
    const all = calls(events);
    const listen = first(all, named("listen", "tcp"));
    const connects = all.filter((c) => c.name === "connect" && c.errno === "EINPROGRESS");
    const firstAccept = first(all, (c) => ACCEPTS.has(c.name) && (c.ret ?? -1) >= 0);
    const polls = all.filter(
      (c) =>
        c.name === "poll" &&
        firstAccept !== undefined &&
        c.seq < firstAccept.seq &&
        c.seq > (listen?.seq ?? 0),
    );
    const ready = polls.filter((c) => (c.ret ?? 0) > 0);
    const timedOut = polls.filter((c) => c.ret === 0);
    const accepts = all.filter((c) => ACCEPTS.has(c.name) && (c.ret ?? -1) >= 0);
    // Which client each accept handed over: one whose connect had finished before (queued), or one
    // whose poll had timed out (its SYN dropped, sent again later).
    // The client a poll waited on (the model knows its address from strace's view of the fd).
    const polled = (c: Call) => c.waited?.local?.text;
    const peerOf = (c: Call) => c.newSocket?.remote?.text;
    const queued = new Set(ready.map(polled).filter((t) => t !== undefined));
    const dropped = new Set(timedOut.map(polled).filter((t) => t !== undefined));
    const quick = accepts.filter((c) => !c.delayed && queued.has(peerOf(c) ?? ""));
    const slow = accepts.find((c) => !c.delayed && dropped.has(peerOf(c) ?? ""));
    const backlog = listen?.args[1] && "value" in listen.args[1] ? listen.args[1].value : undefined;
    return [
      fact(
        listen,
        () => `listen() made the listener with a backlog of ${String(backlog ?? "?")}.`,
        "No listen() was seen.",
      ),
      fact(
        connects.length >= 4 && firstAccept !== undefined && (connects[3]?.seq ?? 0) < firstAccept.seq
          ? connects[3]
          : undefined,
        () => `${connects.length} non-blocking connect() calls returned EINPROGRESS before any accept().`,
        "Four connects before the first accept were not seen.",
      ),
      fact(
        ready.length === 2 ? ready[1] : undefined,
        () =>
          "Two of them finished their handshake while nobody called accept(): the kernel queued both (backlog 1 holds 2).",
        `Not exactly two connects finished before accept (${ready.length} did).`,
      ),
      fact(
        timedOut.length >= 1 ? timedOut[0] : undefined,
        (c) =>
          `The others did not: poll() on them timed out${timed(c) ? ` after ${Math.round(ms(c))} ms` : ""}, their SYNs dropped because the queue was full.`,
        "No connect left waiting (a poll that timed out) was seen.",
      ),
      fact(
        accepts.find((c) => c.delayed === true),
        (c) =>
          `The first accept() was late: strace held it${timed(c) ? ` ${Math.round(ms(c))} ms` : ""} (DELAYED), and it returned a connection already made.`,
        "The delayed first accept was not seen.",
      ),
      fact(
        quick.length >= 1 ? quick[0] : undefined,
        (c) =>
          `The next accept() returned the other queued connection at once${timed(c) ? ` (${ms(c).toFixed(2)} ms)` : ""}.`,
        "No accept returning at once from the queue was seen.",
      ),
      fact(
        slow,
        (c) =>
          `A later accept() returned a client whose connect had not finished before${timed(c) ? `, after waiting ${Math.round(ms(c))} ms` : ""}: its dropped SYN was sent again (about 1 s after its connect) and the kernel finished that handshake.`,
        "No accept that waited for a retried SYN was seen.",
      ),
    ];
  },
  questions: [
    {
      q: "With listen(fd, 1), how many connections could wait for accept, and why not one?",
      a: "Two: the kernel calls the queue full only when it holds more than the backlog (sk_ack_backlog > sk_max_ack_backlog). The backlog is also capped by net.core.somaxconn.",
    },
    {
      q: "The third client's SYN came while the queue was full. Why did its connect not fail?",
      a: "Linux drops a SYN that finds the accept queue full, without answering (whatever net.ipv4.tcp_abort_on_overflow says: that setting is about a handshake's last ACK arriving while the queue is full, which it then answers with a RST instead of ignoring); to the client it looks like a lost packet, so it sends the SYN again after its retransmission timeout (1 s, then 2, 4…). Once accept() made room, the retried SYN was answered.",
    },
    {
      q: "How would you see these drops on a real server?",
      a: "`nstat -az TcpExtListenOverflows TcpExtListenDrops` (or /proc/net/netstat) counts them; `ss -ltn` shows a listener's queue now (Recv-Q) against its backlog (Send-Q). sockscope's kernel view reports both for the traced listeners.",
    },
    {
      q: "What does a slow accept() cost the clients, then?",
      a: "Nothing while the queue has room: the handshake completes and the client may even send data, which waits in the new socket. Once it is full, each new client waits at least a retransmission timeout (1 s) for its SYN to be tried again.",
    },
  ],
};

const sigpipeReset: Lesson = {
  name: "sigpipe-reset",
  order: 6,
  title: "SIGPIPE, EPIPE and ECONNRESET: when the other end has closed",
  summary:
    "a write after the peer closed: the first succeeds, the next is EPIPE (+ SIGPIPE); unread data at close is a RST",
  needs: "cc",
  program: "sigpipe-reset.c",
  intro: [
    "Part one, twice: the server closes its end; the client writes. Its first send() succeeds: the bytes are queued and sent, the kernel cannot know yet that nobody will read them. The peer's kernel answers data for a closed socket with a RST (tcp_rcv_state_process in net/ipv4/tcp_input.c). The next send() fails with EPIPE, and the kernel also sends the process SIGPIPE (sk_stream_error in net/core/stream.c), whose default action ends the process. First in a child with the default disposition, then in the parent with MSG_NOSIGNAL, which keeps the error and drops the signal.",
    "Part two: the client sends bytes the server never reads, and the server closes. A close with unread data in the receive queue sends a RST instead of a FIN (tcp_close in net/ipv4/tcp.c), so the client's recv() fails with ECONNRESET instead of reading end-of-file.",
    "poll() orders the steps: it waits for the FIN (POLLRDHUP), for the RST (POLLERR), for the data (POLLIN).",
  ],
  facts(events) {
    const all = calls(events);
    const sends = all.filter((c) => WRITES.has(c.name));
    const epipes = sends.filter((c) => c.errno === "EPIPE");
    const firstSend =
      epipes[0] === undefined
        ? undefined
        : [...sends]
            .reverse()
            .find((c) => c.seq < (epipes[0]?.seq ?? 0) && c.pid === epipes[0]?.pid && (c.ret ?? -1) > 0);
    const signal = events.find((e): e is SignalEvent => e.type === "signal" && e.signal === "SIGPIPE");
    const killed = events.find((e): e is ExitEvent => e.type === "exit" && e.signal === "SIGPIPE");
    const quiet = epipes.find((c) => argsText(c).includes("MSG_NOSIGNAL"));
    const reset = all.find((c) => READS.has(c.name) && c.errno === "ECONNRESET");
    const facts: LessonFact[] = [
      fact(
        firstSend,
        (c) =>
          `After the peer closed, the first ${c.name}() still succeeded: ${c.ret} bytes queued and sent.`,
        "A successful send after the peer's close was not seen.",
      ),
      fact(
        epipes[0],
        (c) => `The next ${c.name}() failed with EPIPE: the peer's RST had come.`,
        "No EPIPE was seen.",
      ),
      signal === undefined
        ? { text: "No SIGPIPE was seen.", seen: false }
        : {
            text: `The kernel sent SIGPIPE to pid ${signal.pid} along with the EPIPE.`,
            seen: true,
            seq: signal.seq,
          },
      killed === undefined
        ? { text: "No process killed by SIGPIPE was seen.", seen: false }
        : {
            text: `Pid ${killed.pid} had SIGPIPE's default disposition and died of it: it never saw the EPIPE.`,
            seen: true,
            seq: killed.seq,
          },
      fact(
        quiet,
        (c) => `With MSG_NOSIGNAL, pid ${c.pid}'s ${c.name}() got EPIPE and no signal: the process went on.`,
        "No EPIPE with MSG_NOSIGNAL was seen.",
      ),
      fact(
        reset,
        (c) =>
          `${c.name}() failed with ECONNRESET: the server closed with unread bytes, so its kernel sent a RST, not a FIN.`,
        "No ECONNRESET was seen.",
      ),
    ];
    return facts;
  },
  questions: [
    {
      q: "Why did the first send after the peer's close succeed?",
      a: "A FIN only says the peer will send no more; it does not say it will not read. The sender's kernel queues the bytes and sends them; only the peer's answer (a RST, because its socket is closed) tells it, and that comes after the call returned.",
    },
    {
      q: "How does a server avoid dying of SIGPIPE?",
      a: "Ignore the signal (signal(SIGPIPE, SIG_IGN), as most servers and runtimes such as Node and Python do), or pass MSG_NOSIGNAL to each send. Either way the write returns EPIPE, which the program must handle.",
    },
    {
      q: "The server in part two closed normally. Why did the client get ECONNRESET and not end-of-file?",
      a: "It closed with bytes still unread in its receive queue. Linux then aborts instead of closing gracefully: it sends a RST (RFC 2525 recommends it) and the data is discarded. Read everything (or shutdown(SHUT_WR) and drain) before close to get a clean FIN.",
    },
    {
      q: "Is a RST always an error to the program that gets it?",
      a: "It is reported as one: ECONNRESET on a read or write of an established connection, EPIPE on a write after the program had seen the peer's FIN, ECONNREFUSED for a connect. Whatever was in flight to that program may be lost.",
    },
  ],
};

const timeWait: Lesson = {
  name: "time-wait",
  order: 7,
  title: "TIME_WAIT and EADDRINUSE: restarting a server on its port",
  summary: "the side that closes first keeps TIME_WAIT; bind() on that port fails until SO_REUSEADDR",
  needs: "cc",
  program: "time-wait.c",
  intro: [
    "A server with SO_REUSEADDR accepts one connection and closes it first; the client reads the data, then end-of-file, and closes too. The end that closes first does not vanish: it waits in TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN in include/net/tcp.h), so that late segments of this connection cannot be taken for a new one with the same four addresses. The program waits until /proc/net/tcp shows that socket (state 06).",
    "Then the server restarts on the same port. Without SO_REUSEADDR, bind() fails with EADDRINUSE: the TIME_WAIT socket still holds the port. With SO_REUSEADDR it succeeds, because the kernel lets two sockets share a port when both set it and the old one is not listening (inet_bind_conflict in net/ipv4/inet_connection_sock.c). The TIME_WAIT socket carries the setting of the accepted socket it replaced, which had it from its listener.",
  ],
  facts(events) {
    const all = calls(events);
    const listen = first(all, named("listen", "tcp"));
    const port = portOf(listen?.socket?.local);
    const reuse = first(
      all,
      (c) => c.name === "setsockopt" && argsText(c).includes("SO_REUSEADDR") && c.ret === 0,
    );
    const accept = first(all, (c) => ACCEPTS.has(c.name) && (c.ret ?? -1) >= 0);
    const server = accept?.newSocket?.id;
    const serverClose = first(
      all,
      (c) => c.name === "close" && server !== undefined && c.socket?.id === server,
    );
    const client = first(all, (c) => c.name === "connect" && c.ret === 0)?.socket?.id;
    const eof = first(all, (c) => READS.has(c.name) && c.socket?.id === client && c.ret === 0, serverClose);
    const clientClose = first(
      all,
      (c) => c.name === "close" && client !== undefined && c.socket?.id === client,
    );
    const inUse = first(all, (c) => c.name === "bind" && c.errno === "EADDRINUSE" && portArg(c) === port);
    const rebound = first(all, (c) => c.name === "bind" && c.ret === 0 && portArg(c) === port, inUse);
    const reuseBefore =
      rebound === undefined
        ? undefined
        : [...all]
            .reverse()
            .find(
              (c) => c.seq < rebound.seq && c.name === "setsockopt" && c.socket?.id === rebound.socket?.id,
            );
    return [
      fact(
        reuse,
        () => "The first server set SO_REUSEADDR before bind().",
        "The first server's SO_REUSEADDR was not seen.",
      ),
      fact(
        serverClose !== undefined && clientClose !== undefined && serverClose.seq < clientClose.seq
          ? serverClose
          : undefined,
        (c) =>
          `The server closed its connection first (fd ${c.fd}): its end is the one that goes to TIME_WAIT.`,
        "The server closing before the client was not seen.",
      ),
      fact(
        eof,
        (c) => `The client's ${c.name}() returned 0: the server's FIN.`,
        "The client's end-of-file was not seen.",
      ),
      fact(
        inUse,
        () =>
          `The restarted server's bind() to port ${port} without SO_REUSEADDR failed with EADDRINUSE: the TIME_WAIT socket holds the port.`,
        "No EADDRINUSE on the server's port was seen.",
      ),
      fact(
        rebound !== undefined && reuseBefore !== undefined && argsText(reuseBefore).includes("SO_REUSEADDR")
          ? rebound
          : undefined,
        () =>
          `With SO_REUSEADDR set first, bind() to port ${port} succeeded while the TIME_WAIT socket was still there.`,
        "A bind with SO_REUSEADDR that succeeded on the same port was not seen.",
      ),
    ];
  },
  questions: [
    {
      q: "Which end of a connection goes to TIME_WAIT?",
      a: "The one that closes first (sends the first FIN), whoever it is: here the server. A server that closes its connections first collects TIME_WAIT sockets on its own port; a client that closes first collects them on its ephemeral ports.",
    },
    {
      q: "What is TIME_WAIT for?",
      a: "Two things: if the last ACK is lost, the peer sends its FIN again and the TIME_WAIT socket can answer it; and segments of the old connection still in the network die out before the same four addresses can make a new connection that would take them.",
    },
    {
      q: "Does SO_REUSEADDR let two servers listen on the same port?",
      a: "No, not on Linux: two sockets may share a port with it only when the other one is not listening (a TIME_WAIT or other non-listening socket). Sharing a listening port between processes is SO_REUSEPORT, which needs it on every socket (and the same user).",
    },
    {
      q: "Would the restart have worked if only the new socket set SO_REUSEADDR?",
      a: "No. Both must have it: the kernel checks the old socket's setting too, and a TIME_WAIT socket keeps the one its socket had. That is why servers set SO_REUSEADDR on every listener, from the first start.",
    },
  ],
};

/** The median of some durations in ms. */
function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const nagle: Lesson = {
  name: "nagle",
  order: 8,
  title: "Nagle and delayed ACK: write-write-read, and TCP_NODELAY",
  summary: "a request in two small writes waits ~40 ms for its reply, until TCP_NODELAY",
  needs: "cc",
  program: "nagle.c",
  intro: [
    "A client sends each request in two small writes, a 4-byte header then a 4-byte body, and reads the reply; the server (a child process) answers once it has all 8 bytes. Three warm-up requests, in one write each, come first; then five requests with Nagle and five without.",
    "Nagle's algorithm (on by default) lets the kernel send a small segment only when nothing already sent is still waiting for its ACK (tcp_nagle_check in net/ipv4/tcp_output.c). So the body waits in the client's kernel for the ACK of the header. The server's kernel delays that ACK: the server has read the header but has nothing to send yet, and once a connection is in its interactive mode (the warm-up got it there) the kernel waits for data to carry the ACK, at most the delayed-ACK timeout (at least 40 ms on Linux: TCP_ATO_MIN in include/net/tcp.h). Each side waits for the other, until that timer fires.",
    "Watch the client's read() of the reply: how long it takes with Nagle, and after setsockopt(TCP_NODELAY), which sends each write at once. The server's read() that gets the body shows the same wait from the other side.",
  ],
  facts(events) {
    const all = calls(events);
    const nodelay = first(
      all,
      (c) => c.name === "setsockopt" && argsText(c).includes("TCP_NODELAY") && c.ret === 0,
    );
    const client = nodelay?.socket?.id;
    const mine = all.filter((c) => client !== undefined && c.socket?.id === client);
    // A request in two writes: a read of the reply whose two calls before it were writes of 4 bytes.
    const rounds: Call[] = [];
    for (let i = 2; i < mine.length; i++) {
      const [a, b, r] = [mine[i - 2], mine[i - 1], mine[i]];
      if (
        a &&
        b &&
        r &&
        WRITES.has(a.name) &&
        WRITES.has(b.name) &&
        a.ret === 4 &&
        b.ret === 4 &&
        READS.has(r.name) &&
        (r.ret ?? 0) > 0
      )
        rounds.push(r);
    }
    const before = rounds.filter((r) => r.seq < (nodelay?.seq ?? 0));
    const after = rounds.filter((r) => r.seq > (nodelay?.seq ?? Number.POSITIVE_INFINITY));
    const warm = mine.filter((c) => WRITES.has(c.name) && c.ret === 8);
    // A delayed-ACK timer that fires ends the interactive mode (tcp_delack_timer_handler calls
    // inet_csk_exit_pingpong_mode) until the next quick reply brings it back: not every request
    // waits. The slowest one shows the wait; the typical one after TCP_NODELAY shows its absence.
    const waits = before.filter(timed).map(ms);
    const slow = waits.length === 0 ? undefined : Math.max(...waits);
    const stalled = waits.filter((w) => w >= 30).length;
    const fast = median(after.filter(timed).map(ms));
    const server = first(all, (c) => ACCEPTS.has(c.name) && (c.ret ?? -1) >= 0)?.newSocket?.id;
    const bodyWait = all.find(
      (c) =>
        server !== undefined &&
        c.socket?.id === server &&
        READS.has(c.name) &&
        c.ret === 4 &&
        c.seq < (nodelay?.seq ?? 0) &&
        timed(c) &&
        ms(c) >= 30,
    );
    const facts: LessonFact[] = [
      fact(
        warm.length > 0 ? warm[warm.length - 1] : undefined,
        () => `${warm.length} warm-up requests went out in one write each and were answered.`,
        "The warm-up requests were not seen.",
      ),
      before.length === 0 || slow === undefined
        ? {
            text:
              before.length === 0
                ? "No request in two writes before TCP_NODELAY was seen."
                : "The requests' times are not in this trace (--stable leaves times out), so the wait cannot be shown.",
            seen: false,
          }
        : {
            text:
              slow >= 30
                ? `With Nagle, ${stalled} of ${waits.length} replies to a request in two writes waited, the slowest ${slow.toFixed(1)} ms: the body waited for the ACK of the header, which the server delayed.`
                : `With Nagle the replies took at most ${slow.toFixed(1)} ms (${waits.length} requests): the delayed ACK did not hold the body up this time.`,
            seen: slow >= 30,
            seq: before[0]?.seq ?? 0,
          },
      fact(
        bodyWait,
        (c) =>
          `The server had the header at once, but its ${c.name}() of the body waited ${Math.round(ms(c))} ms.`,
        "A server read of the body that waited was not seen.",
      ),
      fact(
        nodelay,
        () => "The client set TCP_NODELAY: from now on each write is sent at once.",
        "No setsockopt(TCP_NODELAY) was seen.",
      ),
      after.length === 0 || fast === undefined || slow === undefined
        ? { text: "The requests after TCP_NODELAY, with their times, were not seen.", seen: false }
        : {
            text:
              fast * 5 <= slow
                ? `With TCP_NODELAY the same requests took ${fast.toFixed(2)} ms (median of ${after.length}): no waiting.`
                : `With TCP_NODELAY the requests took ${fast.toFixed(2)} ms (median of ${after.length}), not much faster than with Nagle.`,
            seen: fast * 5 <= slow,
            seq: after[0]?.seq ?? 0,
          },
    ];
    return facts;
  },
  questions: [
    {
      q: "Neither side was slow. Why did each request take about 40 ms?",
      a: "Each waited for the other: the client's kernel held the body until the header was acknowledged (Nagle), and the server's kernel held that ACK hoping to send it with a reply (delayed ACK), which could not come before the body. The delayed-ACK timer broke the tie.",
    },
    {
      q: "Why write-write-read, and not write-read-write-read?",
      a: "In write-read, each write is a whole message the peer answers, and the answer carries the ACK. Two writes of one message are the trap: the second is small and finds the first unacknowledged. Writing the message in one call (writev, or building it in a buffer) avoids it without turning Nagle off.",
    },
    {
      q: "What else could the program have done instead of TCP_NODELAY?",
      a: "Send the request in one call (writev or one buffer), or cork: TCP_CORK (or MSG_MORE) holds partial segments until uncorked, then sends them together. TCP_QUICKACK on the server asks for an immediate ACK but is not sticky.",
    },
    {
      q: "Is Nagle bad, then?",
      a: "No: it keeps a program that writes a byte at a time (a terminal session, a chatty protocol) from sending a packet per byte. It only hurts a program that writes one message in several small pieces and then waits for an answer.",
    },
  ],
};

const unixSockets: Lesson = {
  name: "unix-sockets",
  order: 9,
  title: "Unix sockets: a path, an abstract name, socketpair, and an fd passed with SCM_RIGHTS",
  summary: "AF_UNIX named three ways, and an open file passed to another process",
  needs: "cc",
  program: "unix-sockets.c",
  intro: [
    "AF_UNIX sockets never touch the network: the kernel moves bytes from one socket's buffer to the other's (net/unix/af_unix.c). They can be named three ways. A pathname: bind() creates a socket file, which close() leaves behind and unlink() removes (a file call: sockscope does not trace it). An abstract name (Linux only): sun_path begins with a NUL byte (strace shows @name), there is no file, and the name goes away with the last socket. socketpair(): two sockets connected from the start, with no name, typically shared with a child over fork().",
    "Over a unix socket a process can send an open file itself: sendmsg() with an SCM_RIGHTS control message. The kernel installs a new descriptor for the same open file in the receiving process, with whatever number is free there. Here the parent sends the write end of a pipe; the child, which never opened it, writes to it.",
  ],
  facts(events) {
    const all = calls(events);
    const binds = all.filter(
      (c) => c.name === "bind" && c.ret === 0 && c.socket?.transport?.startsWith("unix"),
    );
    const pathBind = binds.find((c) => (addressOf(c.args[1])?.text ?? "").startsWith("/"));
    const abstractBind = binds.find((c) => (addressOf(c.args[1])?.text ?? "").startsWith("@"));
    const pair = first(all, (c) => c.name === "socketpair" && c.ret === 0);
    const sent = first(
      all,
      (c) => c.name === "sendmsg" && argsText(c).includes("SCM_RIGHTS") && (c.ret ?? -1) >= 0,
    );
    const got = first(
      all,
      (c) => c.name === "recvmsg" && argsText(c).includes("SCM_RIGHTS") && (c.ret ?? -1) >= 0,
    );
    const fdIn = (c: Call | undefined): string | undefined =>
      /cmsg_data[^\d]*(\d+)/.exec(
        c?.printedArgs?.() ?? argsText(c ?? ({ args: [] } as unknown as Call)),
      )?.[1];
    const used =
      got === undefined
        ? undefined
        : first(
            all,
            (c) => c.pid === got.pid && c.name === "write" && String(c.fd) === fdIn(got) && (c.ret ?? -1) > 0,
            got,
          );
    return [
      fact(
        pathBind,
        (c) => `bind() gave a socket the path ${addressOf(c.args[1])?.text}: a socket file.`,
        "No bind to a path was seen.",
      ),
      fact(
        abstractBind,
        (c) => `bind() gave a socket the abstract name ${addressOf(c.args[1])?.text}: no file at all.`,
        "No bind to an abstract name was seen.",
      ),
      fact(
        pair,
        () => "socketpair() made two connected sockets without any name.",
        "No socketpair() was seen.",
      ),
      fact(
        sent,
        (c) => `Pid ${c.pid} sent fd ${fdIn(c) ?? "?"} with SCM_RIGHTS.`,
        "No sendmsg with SCM_RIGHTS was seen.",
      ),
      fact(
        got,
        (c) => `Pid ${c.pid} received it as fd ${fdIn(c) ?? "?"}: a new number, the same open file.`,
        "No recvmsg with SCM_RIGHTS was seen.",
      ),
      fact(
        used,
        (c) => `Pid ${c.pid} wrote ${c.ret} bytes through the fd it was given.`,
        "No write through the passed fd was seen.",
      ),
    ];
  },
  questions: [
    {
      q: "The program closed the path-bound listener. Why did it still need unlink()?",
      a: "The socket file is a filesystem entry bind() created; closing the socket does not remove it, and a later bind() to that path fails with EADDRINUSE while it exists. Servers unlink the path before bind, or after close.",
    },
    {
      q: "What does an abstract name give up, and what does it gain?",
      a: "No file: nothing to clean up and no stale file after a crash, but also no filesystem permissions (anyone in the same network namespace may connect) and it is Linux-only. Abstract names belong to a network namespace, paths to the filesystem.",
    },
    {
      q: "The sender's fd number and the receiver's differ. Is it the same file?",
      a: "Yes: SCM_RIGHTS passes the open file (struct file), not a number. The kernel takes a reference to it when sending and installs it at the lowest free fd in the receiver; file offset and status flags are shared, as after dup().",
    },
    {
      q: "Why did the parent close its copy of the pipe's write end after sending it?",
      a: "So that only the child holds it: the parent's read() then sees end-of-file when the child closes its fd. While any process holds a write end open, a reader waits for more.",
    },
  ],
};

export const cLessons: Lesson[] = [acceptQueue, sigpipeReset, timeWait, nagle, unixSockets];
