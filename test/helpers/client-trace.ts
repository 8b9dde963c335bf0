// A hand-written strace log of one program ("app", pid 100) that connects to each ip:port given over
// TCP, for tests of what a run did with the network (baselines, triage). No lookups: by address.

export function clientTrace(targets: readonly string[]): string {
  const lines = ['100 execve("/usr/bin/app", ["app"], 0x7ffd /* 1 var */) = 0'];
  targets.forEach((t, i) => {
    const [ip, port] = t.split(":");
    const fd = 3 + i;
    lines.push(
      `100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = ${fd}<TCP:[${10 + i}]>`,
      `100 connect(${fd}<TCP:[${10 + i}]>, {sa_family=AF_INET, sin_port=htons(${port}), sin_addr=inet_addr("${ip}")}, 16) = 0`,
      `100 close(${fd}<TCP:[10.0.0.2:${41000 + i}->${ip}:${port}]>) = 0`,
    );
  });
  lines.push("100 +++ exited with 0 +++", "");
  return lines.join("\n");
}
