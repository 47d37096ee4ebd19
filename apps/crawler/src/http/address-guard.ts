// Refuses addresses a link checker must never reach: link-local ranges, where cloud metadata
// services live (169.254.169.254, fd00:ec2::254). Checked on every connection, so a redirect
// cannot lead there either.
import { BlockList, isIP } from "node:net";

const refused = new BlockList();
refused.addSubnet("169.254.0.0", 16, "ipv4");
refused.addSubnet("fe80::", 10, "ipv6");
refused.addAddress("fd00:ec2::254", "ipv6");
refused.addAddress("100.100.100.200", "ipv4"); // Alibaba Cloud metadata
refused.addAddress("0.0.0.0", "ipv4");

export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return refused.check(mapped[1]!, "ipv4");
  return refused.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The hostname of a URL without IPv6 brackets, as the resolver and the guard want it. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}
