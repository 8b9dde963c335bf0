/* sockdiag: looks sockets up by inode through NETLINK_SOCK_DIAG, for bench/resolve-once.mjs (the
 * "resolve each socket once" prototype of the -yy study, bench/DECODE-FDS.md). A measurement tool,
 * not product code.
 *
 * Reads requests on stdin, one a line: "INODE HINT", HINT one of tcp tcp6 udp udp6 unix any.
 * Answers each on stdout, one line, flushed:
 *   INODE unix LOCALPATH|- PEERINODE|0
 *   INODE tcp|tcp6|udp|udp6 LOCAL REMOTE|-      (addresses as a.b.c.d:port or [v6]:port)
 *   INODE -                                      (not found: the socket is gone, or not bound)
 * A unix socket is asked for by inode (one request, one answer); inet_diag cannot be asked for one
 * inode, so for TCP and UDP the whole table of that family and protocol is dumped and searched,
 * as strace does for -yy; but unlike strace (idiag_states = all) without the TIME-WAIT and
 * NEW-SYN-RECV entries, which have no inode and so can never match (`--all-states` asks for every
 * state, as strace does). That hardly makes the dump cheaper: the kernel walks every bucket of the
 * established hash either way (262144 on the 24 GB benchmark VM: about 2 ms a dump). */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int nl;
static unsigned states = ~((1U << 6) | (1U << 12)); /* all but TCP_TIME_WAIT, TCP_NEW_SYN_RECV */
static char buf[65536];

static int send_req(void *req, size_t len) {
  struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
  return sendto(nl, req, len, 0, (struct sockaddr *)&sa, sizeof sa) < 0 ? -1 : 0;
}

/* Unix: one socket by inode, with its bound name and its peer's inode. */
static int unix_lookup(unsigned ino) {
  struct {
    struct nlmsghdr nlh;
    struct unix_diag_req r;
  } req;
  memset(&req, 0, sizeof req);
  req.nlh.nlmsg_len = sizeof req;
  req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  req.nlh.nlmsg_flags = NLM_F_REQUEST;
  req.r.sdiag_family = AF_UNIX;
  req.r.udiag_states = -1;
  req.r.udiag_ino = ino;
  req.r.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER;
  req.r.udiag_cookie[0] = req.r.udiag_cookie[1] = ~0U;
  if (send_req(&req, sizeof req) < 0) return 0;
  ssize_t n = recv(nl, buf, sizeof buf, 0);
  if (n <= 0) return 0;
  for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
    if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY) return 0; /* NLMSG_ERROR: no such socket */
    struct unix_diag_msg *m = NLMSG_DATA(h);
    if (m->udiag_ino != ino) continue;
    char path[110] = "-";
    unsigned peer = 0;
    int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *m);
    for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
      if (a->rta_type == UNIX_DIAG_NAME && RTA_PAYLOAD(a) > 0) {
        size_t l = RTA_PAYLOAD(a) < sizeof path - 1 ? RTA_PAYLOAD(a) : sizeof path - 1;
        memcpy(path, RTA_DATA(a), l);
        path[l] = 0;
        if (path[0] == 0) path[0] = '@';
      } else if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= 4) {
        peer = *(unsigned *)RTA_DATA(a);
      }
    }
    printf("%u unix %s %u\n", ino, path, peer);
    return 1;
  }
  return 0;
}

static void addr_text(int family, const __be32 *a, unsigned short port, char *out, size_t size) {
  char host[INET6_ADDRSTRLEN];
  inet_ntop(family, a, host, sizeof host);
  if (family == AF_INET6) snprintf(out, size, "[%s]:%u", host, ntohs(port));
  else snprintf(out, size, "%s:%u", host, ntohs(port));
}

/* TCP/UDP: dump the family's table for the protocol and search it for the inode. */
static int inet_lookup(unsigned ino, int family, int proto, const char *name) {
  struct {
    struct nlmsghdr nlh;
    struct inet_diag_req_v2 r;
  } req;
  memset(&req, 0, sizeof req);
  req.nlh.nlmsg_len = sizeof req;
  req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.r.sdiag_family = family;
  req.r.sdiag_protocol = proto;
  req.r.idiag_states = states;
  if (send_req(&req, sizeof req) < 0) return 0;
  int found = 0;
  for (;;) {
    ssize_t n = recv(nl, buf, sizeof buf, 0);
    if (n <= 0) return found;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) return found;
      struct inet_diag_msg *m = NLMSG_DATA(h);
      if (found || m->idiag_inode != ino) continue; /* read the dump to its end all the same */
      char local[64], remote[64] = "-";
      addr_text(family, m->id.idiag_src, m->id.idiag_sport, local, sizeof local);
      static const __be32 zero[4];
      if (m->id.idiag_dport != 0 || memcmp(m->id.idiag_dst, zero, family == AF_INET6 ? 16 : 4) != 0)
        addr_text(family, m->id.idiag_dst, m->id.idiag_dport, remote, sizeof remote);
      printf("%u %s %s %s\n", ino, name, local, remote);
      found = 1;
    }
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--all-states") == 0) states = ~0U;
  nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (nl < 0) {
    perror("socket(NETLINK_SOCK_DIAG)");
    return 1;
  }
  char line[128];
  while (fgets(line, sizeof line, stdin)) {
    unsigned ino = 0;
    char hint[16] = "any";
    if (sscanf(line, "%u %15s", &ino, hint) < 1) continue;
    int any = strcmp(hint, "any") == 0, ok = 0;
    if (!ok && (any || !strcmp(hint, "unix"))) ok = unix_lookup(ino);
    if (!ok && (any || !strcmp(hint, "tcp"))) ok = inet_lookup(ino, AF_INET, IPPROTO_TCP, "tcp");
    if (!ok && (any || !strcmp(hint, "tcp6"))) ok = inet_lookup(ino, AF_INET6, IPPROTO_TCP, "tcp6");
    if (!ok && (any || !strcmp(hint, "udp"))) ok = inet_lookup(ino, AF_INET, IPPROTO_UDP, "udp");
    if (!ok && (any || !strcmp(hint, "udp6"))) ok = inet_lookup(ino, AF_INET6, IPPROTO_UDP, "udp6");
    if (!ok) printf("%u -\n", ino);
    fflush(stdout);
  }
  return 0;
}
