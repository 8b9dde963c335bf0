import type { PathSetInput } from "../schema.js";

export const SHUTDOWN: PathSetInput = {
  syscall: "shutdown",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_shutdown",
          file: "net/socket.c",
          does: "fd → socket",
        },
        {
          fn: "__sys_shutdown_sock",
          file: "net/socket.c",
          does: "LSM check, then the family's shutdown",
        },
        {
          fn: "inet_shutdown",
          file: "net/ipv4/af_inet.c",
          does: "maps how to the RCV/SEND shutdown bits (EINVAL otherwise); CLOSE → ENOTCONN; LISTEN with a read shutdown, or SYN_SENT → disconnect; else sets sk_shutdown and calls the protocol",
        },
        {
          fn: "tcp_shutdown",
          file: "net/ipv4/tcp.c",
          does: "acts only on the send side, in ESTABLISHED or CLOSE_WAIT",
        },
        {
          fn: "tcp_close_state",
          file: "net/ipv4/tcp.c",
          does: "state step: ESTABLISHED → FIN_WAIT1, CLOSE_WAIT → LAST_ACK",
        },
        {
          fn: "tcp_send_fin",
          file: "net/ipv4/tcp_output.c",
          does: "puts a FIN after any unsent data and pushes it out",
        },
        {
          fn: "unix_shutdown",
          file: "net/unix/af_unix.c",
          does: "sets the bits on this socket and the mirror bits on its peer, and wakes the peer",
        },
      ],
      structures: [
        "sk_shutdown gets RCV_SHUTDOWN, SEND_SHUTDOWN or both",
        "TCP, write side: sk_state ESTABLISHED → FIN_WAIT1 (or CLOSE_WAIT → LAST_ACK), with a FIN queued behind unsent data",
        "unix: the peer's sk_shutdown gets the mirror bits (our SHUT_WR is its end-of-input)",
        "the fd, the struct file and the socket all stay: shutdown() releases nothing",
      ],
      wire: "TCP: a FIN for SHUT_WR or SHUT_RDWR, sent after any data still queued; nothing for SHUT_RD. UDP and unix: nothing",
    },
  ],
};
