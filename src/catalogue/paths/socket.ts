import type { PathSetInput } from "../schema.js";

export const SOCKET: PathSetInput = {
  syscall: "socket",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_socket",
          file: "net/socket.c",
          does: "entry from the syscall table; checks the type flags",
        },
        {
          fn: "__sock_create",
          file: "net/socket.c",
          does: "range checks, LSM hook, sock_alloc() makes struct socket and its sockfs inode",
        },
        {
          fn: "inet_create",
          file: "net/ipv4/af_inet.c",
          does: "AF_INET: picks TCP or UDP from inetsw[], sets sock->ops",
        },
        {
          fn: "sk_alloc",
          file: "net/core/sock.c",
          does: "allocates the protocol's struct sock (a tcp_sock or udp_sock)",
        },
        {
          fn: "sock_init_data",
          file: "net/core/sock.c",
          does: "empty queues, buffer limits from the sysctls, default callbacks",
        },
        {
          fn: "tcp_init_sock",
          file: "net/ipv4/tcp.c",
          does: "TCP only: state CLOSE, timers, congestion control, tcp_rmem/tcp_wmem limits",
        },
        {
          fn: "sock_map_fd",
          file: "net/socket.c",
          does: "reserves an fd number, creates the struct file (sock_alloc_file)",
        },
        {
          fn: "fd_install",
          file: "fs/file.c",
          does: "publishes the fd in the process's fd table",
        },
      ],
      structures: [
        "struct socket with its sockfs inode (state SS_UNCONNECTED, ops = the family's proto_ops)",
        "struct sock of the protocol: tcp_sock, udp_sock or unix_sock (sk_state TCP_CLOSE), with empty receive and write queues",
        "buffer limits sk_rcvbuf/sk_sndbuf (for TCP tcp_rmem[1]/tcp_wmem[1]); no buffer memory yet",
        "struct file (O_RDWR, plus O_NONBLOCK with SOCK_NONBLOCK) and an fd, close-on-exec with SOCK_CLOEXEC",
      ],
      wire: "nothing: creating a socket sends no packet and assigns no address or port",
    },
  ],
};
