// The sequence diagram draws what each connect, shutdown and close put on the wire, from the
// model's facts about the call: a refused connect is a SYN answered by a RST (no handshake), a UDP
// or unix connect draws no packet, SHUT_WR draws a FIN, SHUT_RD nothing, and a close draws a FIN,
// a RST or nothing by the state it ended and whether it dropped the socket's last reference.
import { describe, expect, test } from "vitest";
import { eventsFromText } from "../../src/pipeline.js";
import { createMermaidRenderer } from "../../src/render/mermaid.js";

function diagram(lines: string[]): string {
  const r = createMermaidRenderer({ stable: true });
  for (const e of eventsFromText(`${lines.join("\n")}\n`)) r.event(e);
  return r.end();
}

/** The notes the kernel column carries: what went on the wire. */
function wire(d: string): string[] {
  return [...d.matchAll(/^ {2}Note over K: (.*)$/gm)].map((m) => m[1] as string);
}

const TCP_SOCKET = "100  10:00:00.000001 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[1001]>";
const TO = `{sa_family=AF_INET, sin_port=htons(5000), sin_addr=inet_addr("127.0.0.1")}, 16`;
const CONN = "3<TCP:[127.0.0.1:40000->127.0.0.1:5000]>";

describe("connect", () => {
  test("a refused TCP connect is a SYN answered by a RST, with no handshake", () => {
    const d = diagram([
      TCP_SOCKET,
      `100  10:00:00.000002 connect(3<TCP:[1001]>, ${TO}) = -1 ECONNREFUSED (Connection refused)`,
      "100  10:00:00.000003 close(3<TCP:[1001]>) = 0",
    ]);
    const notes = wire(d);
    expect(notes.some((n) => /^SYN → RST/.test(n))).toBe(true);
    expect(d).not.toMatch(/SYN-ACK/);
    // The close of a socket whose connect failed sends nothing: no FIN, anywhere.
    expect(d).not.toMatch(/\bFIN\b/);
  });

  test("a TCP connect that succeeds draws the handshake", () => {
    const d = diagram([TCP_SOCKET, `100  10:00:00.000002 connect(3<TCP:[1001]>, ${TO}) = 0`]);
    expect(wire(d)).toEqual(["SYN → SYN-ACK → ACK (conn 1)"]);
  });

  test("a non-blocking TCP connect draws the SYN only, the rest in the background", () => {
    const d = diagram([
      "100  10:00:00.000001 socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_IP) = 3<TCP:[1001]>",
      `100  10:00:00.000002 connect(3<TCP:[1001]>, ${TO}) = -1 EINPROGRESS (Operation now in progress)`,
    ]);
    expect(wire(d)).toEqual(["SYN sent, the handshake goes on in the background (conn 1)"]);
  });

  test("a UDP connect draws nothing on the wire", () => {
    const d = diagram([
      "100  10:00:00.000001 socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 3<UDP:[1001]>",
      `100  10:00:00.000002 connect(3<UDP:[1001]>, ${TO}) = 0`,
      "100  10:00:00.000003 close(3<UDP:[127.0.0.1:40000->127.0.0.1:5000]>) = 0",
    ]);
    expect(d).toMatch(/connect to 127\.0\.0\.1:5000/);
    expect(wire(d)).toEqual([]);
    expect(d).not.toMatch(/\b(SYN|FIN|RST|ACK)\b/);
  });

  test("a unix stream connect and close draw no packet, even when refused", () => {
    const d = diagram([
      "100  10:00:00.000001 socket(AF_UNIX, SOCK_STREAM, 0) = 3<UNIX-STREAM:[1001]>",
      '100  10:00:00.000002 connect(3<UNIX-STREAM:[1001]>, {sa_family=AF_UNIX, sun_path="/tmp/s"}, 110) = -1 ECONNREFUSED (Connection refused)',
      "100  10:00:00.000003 close(3<UNIX-STREAM:[1001]>) = 0",
    ]);
    expect(wire(d)).toEqual([]);
    expect(d).not.toMatch(/\b(SYN|FIN|RST|ACK)\b/);
  });
});

describe("shutdown and close", () => {
  const open = [TCP_SOCKET, `100  10:00:00.000002 connect(3<TCP:[1001]>, ${TO}) = 0`];

  test("SHUT_WR on an open connection draws a FIN; the close after it draws no second one", () => {
    const d = diagram([
      ...open,
      `100  10:00:00.000003 shutdown(${CONN}, SHUT_WR) = 0`,
      `100  10:00:00.000004 close(${CONN}) = 0`,
    ]);
    expect(d).toMatch(/shutdown SHUT_WR \(conn 1\)/);
    expect(wire(d).filter((n) => /^FIN\b/.test(n))).toEqual(["FIN (conn 1)"]);
    expect(wire(d).some((n) => /^no new FIN/.test(n))).toBe(true);
  });

  test("SHUT_RD sends nothing", () => {
    const d = diagram([...open, `100  10:00:00.000003 shutdown(${CONN}, SHUT_RD) = 0`]);
    expect(d).toMatch(/shutdown SHUT_RD \(conn 1\)/);
    expect(wire(d)).toEqual(["SYN → SYN-ACK → ACK (conn 1)"]);
  });

  test("the last close of an open connection draws a FIN", () => {
    const d = diagram([...open, `100  10:00:00.000003 close(${CONN}) = 0`]);
    expect(wire(d).some((n) => /^FIN\b/.test(n))).toBe(true);
  });

  test("closing one fd of a shared socket draws nothing: only the fd goes", () => {
    const d = diagram([
      ...open,
      `100  10:00:00.000003 dup(${CONN}) = 4${CONN.slice(1)}`,
      `100  10:00:00.000004 close(${CONN}) = 0`,
    ]);
    expect(d).toMatch(/close \(conn 1\): other fds still hold the socket/);
    expect(wire(d)).toEqual(["SYN → SYN-ACK → ACK (conn 1)"]);
  });

  test("closing a TCP socket that never connected draws nothing", () => {
    const d = diagram([TCP_SOCKET, "100  10:00:00.000002 close(3<TCP:[1001]>) = 0"]);
    expect(wire(d)).toEqual([]);
    expect(d).not.toMatch(/\b(FIN|RST)\b/);
  });
});
