// Every syscall's kernel paths (see PathSetSchema in ../schema.ts), one file per syscall. The
// tests validate each set against the schema, and hold each path to its family: a unix path runs
// no TCP code, an IPv6 path goes through the inet6 functions, and so on.
import type { PathSetInput } from "../schema.js";
import { ACCEPT } from "./accept.js";
import { ACCEPT4 } from "./accept4.js";
import { BIND } from "./bind.js";
import { CLOSE } from "./close.js";
import { CONNECT } from "./connect.js";
import { EPOLL_CTL } from "./epoll_ctl.js";
import { EPOLL_WAIT } from "./epoll_wait.js";
import { FCNTL } from "./fcntl.js";
import { GETPEERNAME } from "./getpeername.js";
import { GETSOCKNAME } from "./getsockname.js";
import { GETSOCKOPT } from "./getsockopt.js";
import { IOCTL } from "./ioctl.js";
import { LISTEN } from "./listen.js";
import { POLL } from "./poll.js";
import { PSELECT6 } from "./pselect6.js";
import { READ } from "./read.js";
import { READV } from "./readv.js";
import { RECVFROM } from "./recvfrom.js";
import { RECVMMSG } from "./recvmmsg.js";
import { RECVMSG } from "./recvmsg.js";
import { SENDFILE } from "./sendfile.js";
import { SENDMMSG } from "./sendmmsg.js";
import { SENDMSG } from "./sendmsg.js";
import { SENDTO } from "./sendto.js";
import { SETSOCKOPT } from "./setsockopt.js";
import { SHUTDOWN } from "./shutdown.js";
import { SOCKET } from "./socket.js";
import { SOCKETPAIR } from "./socketpair.js";
import { SPLICE } from "./splice.js";
import { WRITE } from "./write.js";
import { WRITEV } from "./writev.js";

/** The path sets as written; catalogue/paths.ts fills the defaults. */
export const PATH_SETS: readonly PathSetInput[] = [
  ACCEPT,
  ACCEPT4,
  BIND,
  CLOSE,
  CONNECT,
  EPOLL_CTL,
  EPOLL_WAIT,
  FCNTL,
  GETPEERNAME,
  GETSOCKNAME,
  GETSOCKOPT,
  IOCTL,
  LISTEN,
  POLL,
  PSELECT6,
  READ,
  READV,
  RECVFROM,
  RECVMMSG,
  RECVMSG,
  SENDFILE,
  SENDMMSG,
  SENDMSG,
  SENDTO,
  SETSOCKOPT,
  SHUTDOWN,
  SOCKET,
  SOCKETPAIR,
  SPLICE,
  WRITE,
  WRITEV,
];
