// Syscall names several stages need to recognise, in one place.

/** The %network calls that work on a socket fd (all of them but socket and socketpair). */
export const SOCKET_FD_SYSCALLS: readonly string[] = [
  "bind",
  "listen",
  "accept",
  "accept4",
  "connect",
  "getsockname",
  "getpeername",
  "sendto",
  "recvfrom",
  "sendmsg",
  "recvmsg",
  "sendmmsg",
  "recvmmsg",
  "setsockopt",
  "getsockopt",
  "shutdown",
];

/** Calls that create a process or thread; their return value is the new pid. */
export const FORK_SYSCALLS: ReadonlySet<string> = new Set(["clone", "clone3", "fork", "vfork"]);
