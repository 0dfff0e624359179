/**
 * Allocation of tunnel inside CIDRs that the config leaves out.
 *
 * AWS would pick one itself, but an unpinned inside CIDR lets the provider swap tunnel 1 and 2,
 * so every tunnel gets one pinned here. A tunnel's /30 is chosen by hashing the connection's name
 * and the tunnel number into the 169.254.0.0/16 pool, so it depends on names, not list positions:
 * adding or removing another connection leaves it alone unless two hashes collide (then the
 * later name in sort order probes to the next free block). Pin the allocated values in config
 * once deployed; the plan prints them.
 */
import { createHash } from "node:crypto";
import { nthBlock } from "../lib/cidr";

/** 169.254.0.0/16 as /30 blocks. */
const pool = "169.254.0.0/16";
const blocks = 2 ** (30 - 16);

/** S2S VPN User Guide, "Tunnel options": these /30 blocks cannot be used as inside CIDRs. */
export const reservedInsideCidrs = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];

/**
 * Allocation skips the reserved blocks and, to keep clear of them, all of 169.254.0.0-169.254.5.255.
 * Configured values are checked against the reserved list only (rules/tunnels.ts).
 */
function isReservedBlock(cidr: string): boolean {
  if (reservedInsideCidrs.includes(cidr)) return true;
  const third = Number(cidr.split(".")[2]);
  return third <= 5;
}

function hashIndex(key: string): number {
  return createHash("sha256").update(key).digest().readUInt32BE(0) % blocks;
}

export interface TunnelRequest {
  connection: string;
  tunnel: 1 | 2;
  configured?: string;
}

/** Returns `connection/tunnel` -> inside CIDR for every request. Configured values are kept as they are. */
export function allocateInsideCidrs(requests: TunnelRequest[]): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const r of requests) {
    if (r.configured) {
      result.set(`${r.connection}/${r.tunnel}`, r.configured);
      taken.add(r.configured);
    }
  }
  const open = requests
    .filter((r) => !r.configured)
    .sort((a, b) => (a.connection === b.connection ? a.tunnel - b.tunnel : a.connection < b.connection ? -1 : 1));
  for (const r of open) {
    let index = hashIndex(`${r.connection}/tunnel${r.tunnel}`);
    for (;;) {
      const cidr = nthBlock(pool, 30, index);
      if (!taken.has(cidr) && !isReservedBlock(cidr)) {
        taken.add(cidr);
        result.set(`${r.connection}/${r.tunnel}`, cidr);
        break;
      }
      index = (index + 1) % blocks;
    }
  }
  return result;
}
