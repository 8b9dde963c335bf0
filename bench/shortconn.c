/* shortconn N [tcp|unix]: N short-lived connections to a local server, for the -yy study
 * (bench/DECODE-FDS.md). The parent listens (127.0.0.1:0, or a unix socket path in /tmp) and
 * forks a server child that accepts N connections one after the other, echoing 16 bytes on each
 * and closing it. Then, N times, the parent forks a client that connects, sends 16 bytes, reads the
 * echo, closes and exits; the parent reaps it before the next. Every client socket lives for a
 * round trip, every client process for one connection: the case where facts looked up after the
 * fact (from /proc or sock_diag, once strace's line has been read) may already be gone.
 * Prints nothing; exit status 0 when every echo came back. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MSG 16

static int unix_mode;
static struct sockaddr_in in_addr;
static struct sockaddr_un un_addr;

static struct sockaddr *addr(socklen_t *len) {
  if (unix_mode) {
    *len = sizeof un_addr;
    return (struct sockaddr *)&un_addr;
  }
  *len = sizeof in_addr;
  return (struct sockaddr *)&in_addr;
}

static int client(int i) {
  socklen_t len;
  struct sockaddr *a = addr(&len);
  int s = socket(unix_mode ? AF_UNIX : AF_INET, SOCK_STREAM, 0);
  if (s < 0 || connect(s, a, len) < 0) return 20;
  char msg[MSG + 1], back[MSG];
  snprintf(msg, sizeof msg, "conn %011d", i);
  if (send(s, msg, MSG, 0) != MSG) return 21;
  size_t got = 0;
  while (got < MSG) {
    ssize_t n = recv(s, back + got, MSG - got, 0);
    if (n <= 0) return 22;
    got += (size_t)n;
  }
  close(s);
  return memcmp(msg, back, MSG) == 0 ? 0 : 23;
}

static int server(int l, long n) {
  char buf[MSG];
  for (long i = 0; i < n; i++) {
    int c = accept(l, NULL, NULL);
    if (c < 0) return 30;
    size_t got = 0;
    while (got < MSG) {
      ssize_t r = recv(c, buf + got, MSG - got, 0);
      if (r <= 0) return 31;
      got += (size_t)r;
    }
    if (send(c, buf, MSG, 0) != MSG) return 32;
    close(c);
  }
  return 0;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  unix_mode = argc > 2 && strcmp(argv[2], "unix") == 0;
  int l = socket(unix_mode ? AF_UNIX : AF_INET, SOCK_STREAM, 0);
  if (l < 0) return 10;
  socklen_t len;
  if (unix_mode) {
    un_addr.sun_family = AF_UNIX;
    snprintf(un_addr.sun_path, sizeof un_addr.sun_path, "/tmp/shortconn-%d.sock", (int)getpid());
    unlink(un_addr.sun_path);
  } else {
    int one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    in_addr.sin_family = AF_INET;
    in_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  }
  struct sockaddr *a = addr(&len);
  if (bind(l, a, len) < 0 || listen(l, 128) < 0) return 11;
  if (!unix_mode && getsockname(l, a, &len) < 0) return 12;

  pid_t srv = fork();
  if (srv < 0) return 13;
  if (srv == 0) _exit(server(l, n));
  close(l);

  int status = 0;
  for (long i = 0; i < n; i++) {
    pid_t c = fork();
    if (c < 0) return 14;
    if (c == 0) _exit(client((int)i));
    if (waitpid(c, &status, 0) != c || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return 15;
  }
  if (waitpid(srv, &status, 0) != srv) return 16;
  if (unix_mode) unlink(un_addr.sun_path);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 17;
}
