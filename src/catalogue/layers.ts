// The layers of the kernel a socket call goes through (syscall → socket layer → transport → IP →
// device), and which layer a kernel source file belongs to.
import type { Layer } from "./schema.js";

export const LAYERS: Layer[] = ["syscall", "socket", "transport", "ip", "device"];

export const LAYER_NAMES: Record<Layer, string> = {
  syscall: "syscall entry",
  socket: "socket layer (VFS, struct socket)",
  transport: "transport (TCP, UDP, unix, netlink)",
  ip: "IP (routing, output)",
  device: "device (queue, driver: lo here)",
};

/** The layer a kernel source file belongs to. */
export function layerOfFile(file: string): Layer {
  if (file.startsWith("arch/") || file.startsWith("kernel/")) return "syscall";
  if (
    /^net\/ipv[46]\/(ip_|ip6_|route|fib|icmp|ipv6_sockglue)/.test(file) ||
    file === "net/ipv4/ip_sockglue.c"
  )
    return "ip";
  if (file.startsWith("net/core/dev") || file.startsWith("drivers/")) return "device";
  if (/^net\/(ipv4|ipv6|unix|netlink|packet|sctp)\//.test(file)) return "transport";
  return "socket";
}
