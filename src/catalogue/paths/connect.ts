import type { PathSetInput } from "../schema.js";

export const CONNECT: PathSetInput = {
  syscall: "connect",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_connect",
          file: "net/socket.c",
          does: "copies the sockaddr into the kernel",
        },
        {
          fn: "__sys_connect_file",
          file: "net/socket.c",
          does: "LSM check, then the family's connect with the file's O_NONBLOCK",
        },
        {
          fn: "inet_stream_connect",
          file: "net/ipv4/af_inet.c",
          does: "TCP: takes the socket lock",
        },
        {
          fn: "__inet_stream_connect",
          file: "net/ipv4/af_inet.c",
          does: "EISCONN / EALREADY checks, calls the protocol, then returns EINPROGRESS or waits; reports sk_err if the socket ended in CLOSE",
        },
        {
          fn: "tcp_v4_connect",
          file: "net/ipv4/tcp_ipv4.c",
          does: "route lookup (ENETUNREACH), source address, state SYN_SENT, ephemeral port, initial sequence number",
        },
        {
          fn: "inet_hash_connect",
          file: "net/ipv4/inet_hashtables.c",
          does: "picks a local port whose 4-tuple is unique (EADDRNOTAVAIL when none is left) and hashes the socket",
        },
        {
          fn: "tcp_connect",
          file: "net/ipv4/tcp_output.c",
          does: "builds and sends the SYN, arms the retransmission timer (1 s at first)",
        },
        {
          fn: "inet_wait_for_connect",
          file: "net/ipv4/af_inet.c",
          does: "blocking only: sleeps with the socket lock released while the state is SYN_SENT",
        },
        {
          fn: "tcp_conn_request",
          file: "net/ipv4/tcp_input.c",
          does: "server side, in softirq: the SYN creates a request_sock (or a SYN cookie), unless the queues are full",
        },
        {
          fn: "tcp_v4_send_synack",
          file: "net/ipv4/tcp_ipv4.c",
          does: "server side: sends the SYN-ACK",
        },
        {
          fn: "tcp_rcv_synsent_state_process",
          file: "net/ipv4/tcp_input.c",
          does: "client: handles the SYN-ACK (or a RST → ECONNREFUSED) and sends the final ACK",
        },
        {
          fn: "tcp_finish_connect",
          file: "net/ipv4/tcp_input.c",
          does: "client: state ESTABLISHED, wakes the sleeping connect()",
        },
        {
          fn: "tcp_check_req",
          file: "net/ipv4/tcp_minisocks.c",
          does: "server side: the final ACK matches the request_sock",
        },
        {
          fn: "tcp_v4_syn_recv_sock",
          file: "net/ipv4/tcp_ipv4.c",
          does: "server side: creates the child socket (dropped if the accept queue is full)",
        },
        {
          fn: "inet_csk_complete_hashdance",
          file: "net/ipv4/inet_connection_sock.c",
          does: "server side: puts the child on the listener's accept queue and wakes accept()",
        },
        {
          fn: "inet_dgram_connect",
          file: "net/ipv4/af_inet.c",
          does: "UDP: AF_UNSPEC dissolves the association; otherwise auto-binds a port if needed",
        },
        {
          fn: "__ip4_datagram_connect",
          file: "net/ipv4/datagram.c",
          does: "UDP: route lookup, source address, destination, state ESTABLISHED; no packet",
        },
        {
          fn: "unix_stream_connect",
          file: "net/unix/af_unix.c",
          does: "unix stream: finds the listener, creates the server-side sock, queues it for accept()",
        },
        {
          fn: "unix_dgram_connect",
          file: "net/unix/af_unix.c",
          does: "unix datagram: records the peer only",
        },
      ],
      structures: [
        "TCP: sk_state CLOSE → SYN_SENT → ESTABLISHED; struct socket SS_UNCONNECTED → SS_CONNECTING → SS_CONNECTED",
        "TCP: destination (inet_daddr/inet_dport), source address and ephemeral port (inet_saddr/inet_sport) with a bind bucket, and an entry in the established hash (ehash) so arriving segments find the socket",
        "TCP: the cached route (sk_dst_cache), the initial sequence number, the SYN kept on the retransmit queue until it is acknowledged",
        "TCP, server side: a request_sock for the half-open connection, then a child tcp_sock placed on the listener's accept queue",
        "UDP: inet_daddr/inet_dport, a concrete source address, sk_state ESTABLISHED and the cached route; nothing on the peer's side",
        "unix stream: a new server-side unix_sock, linked with this one as peers and queued (as an skb) on the listener's receive queue",
      ],
      wire: "TCP: SYN, SYN-ACK from the server, final ACK (or SYN answered by RST when nothing listens). UDP and unix: nothing",
    },
  ],
};
