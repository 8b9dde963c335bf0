// The blocking mode and timeouts the model tracks per socket, how sure it is of them, and the
// peer's FIN in the state before a call.
import { describe, expect, test } from "vitest";
import type { ConnectionEvent, SyscallEvent } from "../../src/core/events.js";
import { eventsFromText } from "../../src/pipeline.js";

function run(lines: string[]): { calls: SyscallEvent[]; connections: ConnectionEvent[] } {
  const text = lines.map((l, i) => `100 1700000000.${String(i + 1).padStart(6, "0")} ${l}`).join("\n");
  const events = eventsFromText(`${text}\n`, {});
  return {
    calls: events.filter((e): e is SyscallEvent => e.type === "syscall"),
    connections: events.filter((e): e is ConnectionEvent => e.type === "connection"),
  };
}

const EAGAIN = "= -1 EAGAIN (Resource temporarily unavailable)";

describe("blocking mode", () => {
  test("known from socket(), unknown for a socket first seen open until fcntl F_GETFL or F_SETFL shows it", () => {
    const { calls } = run([
      "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP) = 3<TCP:[100]>",
      "fcntl(7<TCP:[1.2.3.4:5->1.2.3.4:6]>, F_GETFD) = 0",
      "fcntl(7<TCP:[1.2.3.4:5->1.2.3.4:6]>, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)",
      "fcntl(8<TCP:[1.2.3.4:7->1.2.3.4:6]>, F_SETFL, O_RDWR) = 0",
    ]);
    const [made, first, got, set] = calls;
    expect(made?.socket?.nonblocking).toBe(true);
    expect(made?.socket?.blockingUnknown).toBeUndefined();
    expect(made?.socket?.rcvtimeo).toBeNull();
    expect(first?.socket?.blockingUnknown).toBe(true);
    expect(first?.socket?.rcvtimeo).toBeUndefined();
    expect(got?.socket?.blockingUnknown).toBeUndefined();
    expect(got?.socket?.nonblocking).toBe(true);
    expect(set?.socket?.blockingUnknown).toBeUndefined();
    expect(set?.socket?.nonblocking).toBe(false);
  });

  test("ioctl FIONBIO on a socket first seen there: the mode is known from then on", () => {
    const { calls } = run([
      "ioctl(7<TCP:[1.2.3.4:5->1.2.3.4:6]>, FIONBIO, [1]) = 0",
      "ioctl(7<TCP:[1.2.3.4:5->1.2.3.4:6]>, FIONREAD, [0]) = 0",
    ]);
    expect(calls[0]?.socket?.blockingUnknown).toBeUndefined();
    expect(calls[0]?.socket?.nonblocking).toBe(true);
    expect(calls[1]?.socket?.id).toBe(calls[0]?.socket?.id);
  });

  test("accept(): O_NONBLOCK is not inherited, the timeouts are (sk_clone_lock copies struct sock)", () => {
    const { calls } = run([
      "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP) = 3<TCP:[100]>",
      "setsockopt(3<TCP:[100]>, SOL_SOCKET, SO_RCVTIMEO_OLD, {tv_sec=2, tv_usec=0}, 16) = 0",
      'bind(3<TCP:[100]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      "listen(3<TCP:[127.0.0.1:8080]>, 5) = 0",
      "accept(3<TCP:[127.0.0.1:8080]>, NULL, NULL) = 4<TCP:[127.0.0.1:8080->127.0.0.1:5000]>",
    ]);
    const accepted = calls.find((e) => e.name === "accept")?.newSocket;
    expect(accepted?.nonblocking).toBe(false);
    expect(accepted?.blockingUnknown).toBeUndefined();
    expect(accepted?.rcvtimeo).toBe("{tv_sec=2, tv_usec=0}");
    expect(accepted?.sndtimeo).toBeNull();
  });
});

describe("the timed-out outcome", () => {
  const fd = "3<TCP:[127.0.0.1:4000->127.0.0.1:80]>";
  const connect =
    'connect(3<TCP:[100]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16) = 0';

  test("a blocking recv's EAGAIN with SO_RCVTIMEO set", () => {
    const { connections } = run([
      "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3<TCP:[100]>",
      connect,
      `setsockopt(${fd}, SOL_SOCKET, SO_RCVTIMEO_OLD, {tv_sec=1, tv_usec=0}, 16) = 0`,
      `recvfrom(${fd}, 0x7ff0, 10, 0, NULL, NULL) ${EAGAIN}`,
    ]);
    expect(connections[0]?.outcome).toBe("timed-out");
  });

  test("not without a timeout, not on a non-blocking socket, not with MSG_DONTWAIT, not when the mode is unknown", () => {
    const { connections } = run([
      "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3<TCP:[100]>",
      connect,
      `recvfrom(${fd}, 0x7ff0, 10, 0, NULL, NULL) ${EAGAIN}`,
      `setsockopt(${fd}, SOL_SOCKET, SO_RCVTIMEO_OLD, {tv_sec=1, tv_usec=0}, 16) = 0`,
      `recvfrom(${fd}, 0x7ff0, 10, MSG_DONTWAIT, NULL, NULL) ${EAGAIN}`,
      `ioctl(${fd}, FIONBIO, [1]) = 0`,
      `recvfrom(${fd}, 0x7ff0, 10, 0, NULL, NULL) ${EAGAIN}`,
      `recvfrom(9<TCP:[1.2.3.4:5->1.2.3.4:6]>, 0x7ff0, 10, 0, NULL, NULL) ${EAGAIN}`,
    ]);
    expect(connections.map((c) => c.outcome)).not.toContain("timed-out");
  });
});

describe("the state before a call", () => {
  // The state is this end's own: a peer's FIN (its SHUT_WR or close) does not end this end's
  // reading until this end reads the end of stream, and when that FIN arrives relative to this
  // end's calls is not in the trace (live, two processes' lines interleave by timing).
  test("this end's SHUT_WR and its own end of stream, not the peer's FIN", () => {
    const { calls } = run([
      "socketpair(AF_UNIX, SOCK_STREAM, 0, [3<UNIX-STREAM:[10]>, 4<UNIX-STREAM:[11]>]) = 0",
      "shutdown(3<UNIX-STREAM:[10->11]>, SHUT_WR) = 0",
      'write(4<UNIX-STREAM:[11->10]>, "abc", 3) = 3',
      'read(3<UNIX-STREAM:[10->11]>, "abc", 10) = 3',
      'read(4<UNIX-STREAM:[11->10]>, "", 10) = 0',
      "close(4<UNIX-STREAM:[11->10]>) = 0",
      'read(3<UNIX-STREAM:[10->11]>, "", 10) = 0',
    ]);
    const reads = calls.filter((e) => e.name === "read");
    expect(reads.map((e) => e.stateBefore)).toEqual(["half-closed-write", "connected", "half-closed-write"]);
  });
});
