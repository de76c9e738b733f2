/**
 * Which addresses a URL may reach. Fetching a user-supplied URL from a server is a classic SSRF hole: a link
 * (or any redirect hop) to 127.0.0.1, the cloud metadata address or the office LAN must be refused unless the
 * user allows private networks. The ranges are data, from RFC 6890 (special-purpose registries).
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export const BLOCKED_RANGES: { network: string; prefix: number; family: "ipv4" | "ipv6"; why: string }[] = [
  { network: "0.0.0.0", prefix: 8, family: "ipv4", why: "unspecified / this network" },
  { network: "10.0.0.0", prefix: 8, family: "ipv4", why: "private" },
  { network: "100.64.0.0", prefix: 10, family: "ipv4", why: "carrier-grade NAT" },
  { network: "127.0.0.0", prefix: 8, family: "ipv4", why: "loopback" },
  { network: "169.254.0.0", prefix: 16, family: "ipv4", why: "link-local (cloud metadata)" },
  { network: "172.16.0.0", prefix: 12, family: "ipv4", why: "private" },
  { network: "192.0.0.0", prefix: 24, family: "ipv4", why: "IETF protocol assignments" },
  { network: "192.168.0.0", prefix: 16, family: "ipv4", why: "private" },
  { network: "198.18.0.0", prefix: 15, family: "ipv4", why: "benchmarking" },
  { network: "224.0.0.0", prefix: 4, family: "ipv4", why: "multicast" },
  { network: "240.0.0.0", prefix: 4, family: "ipv4", why: "reserved / broadcast" },
  { network: "::", prefix: 128, family: "ipv6", why: "unspecified" },
  { network: "::1", prefix: 128, family: "ipv6", why: "loopback" },
  { network: "fc00::", prefix: 7, family: "ipv6", why: "unique local" },
  { network: "fe80::", prefix: 10, family: "ipv6", why: "link-local" },
  { network: "ff00::", prefix: 8, family: "ipv6", why: "multicast" },
  { network: "64:ff9b::", prefix: 96, family: "ipv6", why: "NAT64 (may embed a private IPv4)" },
];

const blocked = new BlockList();
const ranges = BLOCKED_RANGES.map((r) => {
  blocked.addSubnet(r.network, r.prefix, r.family);
  const one = new BlockList();
  one.addSubnet(r.network, r.prefix, r.family);
  return { ...r, list: one };
});

/** Which blocked range an address falls in ("loopback", "private", "link-local (cloud metadata)"…). */
export function whyPrivate(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const value = mapped ?? address;
  const family = isIP(value) === 4 ? "ipv4" : isIP(value) === 6 ? "ipv6" : null;
  if (!family) return null;
  return ranges.find((r) => r.family === family && r.list.check(value, family))?.why ?? null;
}

/** True for addresses a fetch must not reach by default (IPv4-mapped IPv6 is checked as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true; // not an address at all: refuse rather than guess
}

export type HostCheck =
  | { ok: true; addresses: string[] }
  | { ok: false; code: "PRIVATE_ADDRESS" | "DNS_FAILED"; message: string };

/** Resolve every address of `hostname` and refuse the host when any of them is private. */
export async function checkHost(hostname: string): Promise<HostCheck> {
  const host = hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (error) {
      return {
        ok: false,
        code: "DNS_FAILED",
        message: `could not resolve ${host}: ${(error as Error).message}`,
      };
    }
  }
  const bad = addresses.find(isPrivateAddress);
  if (bad !== undefined) {
    const kind = whyPrivate(bad) ?? "private or local";
    const article = /^[aeiou]/i.test(kind) ? "an" : "a";
    return {
      ok: false,
      code: "PRIVATE_ADDRESS",
      message:
        bad === host
          ? `${host} is ${article} ${kind} address`
          : `${host} resolves to ${bad}, ${article} ${kind} address`,
    };
  }
  return { ok: true, addresses };
}
