import type { PathSetInput } from "../schema.js";

export const CLOSE: PathSetInput = {
  syscall: "close",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "file_close_fd",
          file: "fs/file.c",
          does: "takes the file out of the fd table (6.12 and later; 6.1 does this in close_fd, then filp_close → fput)",
        },
        {
          fn: "__fput_sync",
          file: "fs/file_table.c",
          does: "drops one file reference and, if it was the last, releases the file now, inside close() (since 6.6, commit 021a160abf62; before, fput deferred it to task_work that runs before close() returns to the program; the newest kernels use a close-specific variant)",
        },
        {
          fn: "__fput",
          file: "fs/file_table.c",
          does: "calls the file's release operation",
        },
        {
          fn: "sock_close",
          file: "net/socket.c",
          does: "release for socket files",
        },
        {
          fn: "__sock_release",
          file: "net/socket.c",
          does: "calls the family's release, then frees the struct socket and its inode",
        },
        {
          fn: "inet_release",
          file: "net/ipv4/af_inet.c",
          does: "IPv4/IPv6: drops multicast memberships, takes the SO_LINGER time (none when the process is exiting), calls the protocol's close",
        },
        {
          fn: "tcp_close",
          file: "net/ipv4/tcp.c",
          does: "locks the socket and runs __tcp_close",
        },
        {
          fn: "__tcp_close",
          file: "net/ipv4/tcp.c",
          does: "listener: stops listening; unread data: RST; SO_LINGER {1,0}: abort with RST; otherwise FIN; waits if linger > 0; then orphans the sock",
        },
        {
          fn: "inet_csk_listen_stop",
          file: "net/ipv4/inet_connection_sock.c",
          does: "listener only: resets the connections still waiting in the accept queue",
        },
        {
          fn: "tcp_send_fin",
          file: "net/ipv4/tcp_output.c",
          does: "normal close: FIN after any unsent data",
        },
        {
          fn: "tcp_send_active_reset",
          file: "net/ipv4/tcp_output.c",
          does: "close with unread data: RST",
        },
        {
          fn: "udp_lib_close",
          file: "include/net/udp.h",
          does: "UDP: sk_common_release: unhash, purge the queues, free; nothing sent",
        },
        {
          fn: "unix_release",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: calls unix_release_sock",
        },
        {
          fn: "unix_release_sock",
          file: "net/unix/af_unix.c",
          does: "marks the peer shut down and wakes it (ECONNRESET for it if data was left unread here); drops queued data and in-flight fds",
        },
      ],
      structures: [
        "the fd table slot is freed at once, and the struct file's reference count drops by one; nothing else happens while other references (dup, fork, fds in flight over a unix socket) remain",
        "on the last reference: the struct file, struct socket and sockfs inode are freed and the protocol sock is released",
        "TCP: sk_state ESTABLISHED → FIN_WAIT1 (or CLOSE_WAIT → LAST_ACK); the tcp_sock lives on as an orphan, attached to no fd, still sending unsent data and the FIN; the side that closed first ends in TIME_WAIT for 60 s as a small inet_timewait_sock",
        "TCP listener: removed from the listening hash, queued connections reset, the port released",
        "unix pathname socket: the socket file stays in the filesystem",
      ],
      wire: "TCP: FIN normally; RST when received data was left unread, with SO_LINGER {1, 0}, and for connections still queued on a closed listener; nothing while another fd still refers to the socket. UDP and unix: nothing",
    },
  ],
};
