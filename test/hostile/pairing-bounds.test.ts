// The accept-queue pairing keeps a bounded number of waiting sockets (fixtures/hostile/README-bounded.md,
// "open clients of an untraced server"): clients that stay open and whose server is not traced wait
// for an accept that never comes, and must not pile up.
import { describe, expect, it } from "vitest";
import { createPairing, MAX_QUEUE_PER_KEY, MAX_QUEUED } from "../../src/model/pairing.js";
import { createRecordFactory, type SocketRecord } from "../../src/model/record.js";

const make = createRecordFactory();
function client(port: number): SocketRecord {
  const s = make({ pid: 1, fd: 3, transport: "tcp", role: "client", state: "connected", nonblocking: false });
  s.refs = 1;
  s.remote = { family: "AF_INET", text: `10.0.0.1:${port}`, ip: "10.0.0.1", port };
  return s;
}

describe("accept-queue pairing bounds", () => {
  it("keeps at most MAX_QUEUE_PER_KEY open clients of one untraced server, the newest", () => {
    const pairing = createPairing();
    const all: SocketRecord[] = [];
    for (let i = 0; i < MAX_QUEUE_PER_KEY + 1000; i++) {
      const c = client(443);
      all.push(c);
      pairing.connected(c);
    }
    expect(pairing.waiting).toBe(MAX_QUEUE_PER_KEY);
    // An accept on that port now takes the oldest client still waiting: the 1001st.
    const server = make({
      pid: 2,
      fd: 4,
      transport: "tcp",
      role: "server",
      state: "connected",
      nonblocking: false,
    });
    server.refs = 1;
    const first = all[0]?.remote;
    if (first) server.local = first;
    pairing.accepted(server);
    expect(server.peer).toBe(all[1000]?.id);
  });

  it("keeps at most MAX_QUEUED open clients over all ports", () => {
    const pairing = createPairing();
    for (let i = 0; i < MAX_QUEUED + 5000; i++) pairing.connected(client(1 + (i % 60000)));
    expect(pairing.waiting).toBe(MAX_QUEUED);
  });

  it("lets a closed client go", () => {
    const pairing = createPairing();
    for (let i = 0; i < 1000; i++) {
      const c = client(80);
      pairing.connected(c);
      c.refs = 0;
      pairing.forget(c);
    }
    expect(pairing.waiting).toBe(0);
  });
});
