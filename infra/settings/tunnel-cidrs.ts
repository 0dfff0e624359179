/**
 * Allocation of tunnel inside CIDRs that the config leaves out.
 *
 * AWS would pick one itself, but an unpinned inside CIDR lets the provider swap tunnel 1 and 2,
 * so every tunnel gets one pinned here. A tunnel's /30 is its hash block: the connection's name and
 * the tunnel number hashed into the 169.254.0.0/16 pool, skipping only blocks that no tunnel may
 * take whatever its name (AWS's reserved blocks and the low range below). It depends on nothing
 * else, so adding, removing or reordering other connections can never move a live tunnel.
 *
 * Two tunnels cannot share a block, so a hash block already taken (another unpinned tunnel hashes
 * to it, or a tunnel pins it) is a collision: the settings rule tunnel-inside-cidr-collision
 * (rules/tunnels.ts) refuses it and names a free block to pin instead. Probing on to the next block
 * would be order-dependent: a new connection whose name sorts first would take the block of a
 * deployed one and push that tunnel elsewhere.
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

/** The index of a /30 of the pool (169.254.x.y/30 -> x * 64 + y / 4), or undefined outside it. */
function blockIndex(cidr: string): number | undefined {
  const m = /^169\.254\.(\d{1,3})\.(\d{1,3})\/30$/.exec(cidr);
  if (!m) return undefined;
  const [third, fourth] = [Number(m[1]), Number(m[2])];
  return third < 256 && fourth < 256 && fourth % 4 === 0 ? third * 64 + fourth / 4 : undefined;
}

const reservedIndexes = new Set(reservedInsideCidrs.map(blockIndex));

/**
 * Whether allocation may hand out a block: not reserved, and (to keep clear of the reserved blocks)
 * not in 169.254.0.0-169.254.5.255 at all. The same answer for every connection. Configured values
 * are checked against the reserved list only (rules/tunnels.ts).
 */
function allocatable(index: number): boolean {
  return index >> 6 > 5 && !reservedIndexes.has(index);
}

/** Whether a /30 is one allocation may hand out (inside the pool, allocatable). */
export function isAllocatableInsideCidr(cidr: string): boolean {
  const index = blockIndex(cidr);
  return index !== undefined && allocatable(index);
}

function hashIndex(key: string): number {
  return createHash("sha256").update(key).digest().readUInt32BE(0) % blocks;
}

/** The first allocatable block index at or after `index`. */
function allocatableFrom(index: number): number {
  for (let i = index; ; i = (i + 1) % blocks) if (allocatable(i)) return i;
}

/** The block of an unpinned tunnel: a function of its connection's name and tunnel number alone. */
export function hashedInsideCidr(connection: string, tunnel: 1 | 2): string {
  return nthBlock(pool, 30, allocatableFrom(hashIndex(`${connection}/tunnel${tunnel}`)));
}

export interface TunnelRequest {
  connection: string;
  tunnel: 1 | 2;
  configured?: string;
}

export interface TunnelRef {
  connection: string;
  tunnel: 1 | 2;
}

export interface InsideCidrCollision {
  /** The unpinned tunnel whose hash block is taken. */
  tunnel: TunnelRef;
  /** Its hash block. */
  cidr: string;
  /** The tunnel holding the block: it pins it, or hashes to it too and is listed first. */
  holder: TunnelRef & { pinned: boolean };
  /** A block no tunnel pins or hashes to, different for every collision: one to pin instead. */
  freeBlock: string;
}

/**
 * Every unpinned tunnel whose hash block is pinned by a tunnel or is the hash block of an unpinned
 * tunnel listed before it (in request order, i.e. config order).
 */
export function insideCidrCollisions(requests: TunnelRequest[]): InsideCidrCollision[] {
  const pinned = new Map<string, TunnelRef>();
  for (const r of requests) if (r.configured !== undefined && !pinned.has(r.configured)) pinned.set(r.configured, r);
  const open = requests.filter((r) => r.configured === undefined).map((r) => ({ ...r, cidr: hashedInsideCidr(r.connection, r.tunnel) }));
  const used = new Set([...pinned.keys(), ...open.map((r) => r.cidr)]);
  const holders = new Map<string, TunnelRef>();
  const out: InsideCidrCollision[] = [];
  for (const r of open) {
    const pin = pinned.get(r.cidr);
    const first = holders.get(r.cidr);
    if (pin === undefined && first === undefined) {
      holders.set(r.cidr, r);
      continue;
    }
    const holder =
      pin !== undefined ? { connection: pin.connection, tunnel: pin.tunnel, pinned: true } : { ...(first as TunnelRef), pinned: false };
    let free = allocatableFrom((hashIndex(`${r.connection}/tunnel${r.tunnel}`) + 1) % blocks);
    while (used.has(nthBlock(pool, 30, free))) free = allocatableFrom((free + 1) % blocks);
    const freeBlock = nthBlock(pool, 30, free);
    used.add(freeBlock);
    out.push({ tunnel: { connection: r.connection, tunnel: r.tunnel }, cidr: r.cidr, holder, freeBlock });
  }
  return out;
}

/**
 * Returns `connection/tunnel` -> inside CIDR for every request: the configured value, or the hash
 * block. Throws on a collision, which the settings rule refuses before allocation is reached.
 */
export function allocateInsideCidrs(requests: TunnelRequest[]): Map<string, string> {
  const collisions = insideCidrCollisions(requests);
  if (collisions.length > 0) {
    const list = collisions.map((c) => `${c.tunnel.connection}/${c.tunnel.tunnel} on ${c.cidr}`).join(", ");
    throw new Error(`inside CIDR collisions (settings rule tunnel-inside-cidr-collision): ${list}`);
  }
  return new Map(requests.map((r) => [`${r.connection}/${r.tunnel}`, r.configured ?? hashedInsideCidr(r.connection, r.tunnel)]));
}
