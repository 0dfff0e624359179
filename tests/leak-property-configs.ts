/**
 * Random stack configurations for the no-leak property (tests/leak-property.test.ts): one to three
 * segments with random reachableSegments; one to five spokes with random on-prem zones (possibly
 * none), one to three availability zones, an egress mode (nat with NAT gateways per AZ or a single
 * one, onprem, central), optional ingress rules; spoke summaries (one covering the on-prem zones,
 * one not); ECMP on or off; one to three customer gateways (two of them the same router with
 * distinct device names); one to four VPN connections, each BGP or static (static ones with their
 * own zones or every zone; mixing both, each zone either held statically or announced over BGP),
 * some accelerated, some with large tunnels, some with pinned inside CIDRs; what on-prem announces
 * (mostly what the BGP connections carry, now and then a random list); sometimes a required bandwidth.
 *
 * Most configurations are valid; some are not on purpose (a segment whose spokes need two default
 * routes, two static connections carrying one zone, static routing beside ECMP, accelerated large
 * tunnels, on-prem egress over BGP without the default route announced, central egress without its
 * VPC, too little bandwidth, a zone no connection carries, a zone both held statically and announced
 * over BGP, several static connections and none chosen to carry the default route): the property
 * counts those as stopped by the validator, by rule.
 */
import fc from "fast-check";
import type { SpokeEgress } from "../infra/vocabulary/egress";

export const zoneNames = ["zone-a", "zone-b", "zone-c", "zone-d"] as const;
const zoneCidrs: Record<(typeof zoneNames)[number], string[]> = {
  "zone-a": ["10.100.0.0/16"],
  "zone-b": ["10.101.0.0/16"],
  "zone-c": ["10.102.0.0/16"],
  "zone-d": ["10.103.0.0/16", "10.104.0.0/16"],
};
const azs = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

type Mode = SpokeEgress;

/** A stack's `config:` map with the project's keys qualified, as Pulumi.<stack>.yaml holds it. */
export type StackConfig = Record<string, unknown>;

const subset = <T>(items: readonly T[]) => fc.subarray([...items]);
/** True with probability `percent` % (unbiased: fast-check otherwise favours small integers). */
const chance = (percent: number) => fc.noBias(fc.integer({ min: 1, max: 100 })).map((n) => n <= percent);
/** A value of `arb` with probability `percent` %, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, percent: number) =>
  fc.tuple(chance(percent), arb).map(([yes, value]) => (yes ? value : undefined));

const spokeArb = (segments: number, index: number) =>
  fc.record({
    segment: fc.integer({ min: 1, max: segments }),
    zones: subset(zoneNames),
    wantsDefaultRoute: fc.boolean(),
    // Now and then a spoke picks its own mode, which may clash with its segment's default route.
    ownMode: sometimes(fc.constantFrom<Mode>("nat", "onprem", "central"), 8),
    natGateways: fc.constantFrom("perAz", "single"),
    azCount: fc.integer({ min: 1, max: 3 }),
    ingress: fc.option(fc.constantFrom("tcp", "udp", "icmp", "all"), { nil: undefined }),
    index: fc.constant(index),
  });

const connectionArb = (gateways: number, index: number) =>
  fc.record({
    gateway: fc.integer({ min: 1, max: gateways }),
    // With mixed routing: whether this connection is the static one(s).
    static: fc.boolean(),
    accelerated: chance(20),
    large: chance(15),
    // Large tunnels also on an accelerated connection (refused).
    largeEvenAccelerated: chance(15),
    pinned: chance(30),
    // Static routing only: this connection carries the static 0.0.0.0/0 (among several static ones).
    staticDefault: fc.boolean(),
    index: fc.constant(index),
  });

const shapeArb = fc
  .record({
    segments: fc.integer({ min: 1, max: 3 }),
    spokes: fc.integer({ min: 1, max: 5 }),
    gateways: fc.integer({ min: 1, max: 3 }),
    connections: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ segments, spokes, gateways, connections }) =>
    fc.record({
      segments: fc.constant(segments),
      reachable: fc.array(subset(Array.from({ length: segments }, (_, i) => i + 1)), { minLength: segments, maxLength: segments }),
      // Per segment: the default route its TGW table carries when a spoke wants one.
      segmentModes: fc.array(fc.constantFrom<Mode>("onprem", "central"), { minLength: segments, maxLength: segments }),
      spokes: fc.tuple(...Array.from({ length: spokes }, (_, i) => spokeArb(segments, i + 1))),
      gateways: fc.constant(gateways),
      connections: fc.tuple(...Array.from({ length: connections }, (_, i) => connectionArb(gateways, i + 1))),
      routing: fc.constantFrom("bgp", "bgp", "bgp", "static", "mixed", "mixed"),
      // Static routing beside ECMP over several connections is refused: mostly ECMP is off then.
      ecmpWithStatic: chance(10),
      ecmp: chance(80),
      // Per zone, the static connection carrying it (among the static ones, by remainder; with mixed
      // routing 0 leaves the zone to BGP); now and then a zone given to every static connection
      // (refused: one static route per prefix).
      staticZoneOwner: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: zoneNames.length, maxLength: zoneNames.length }),
      staticZonesEverywhere: chance(8),
      // What on-prem announces: mostly the zones no static connection holds (every zone when none
      // does, sometimes listed), now and then a random list (often refused: a zone nothing carries,
      // or one held statically as well).
      announced: fc.constantFrom("carried", "carried", "carried", "listed", "random"),
      randomZones: subset(zoneNames),
      defaultRoute: fc.boolean(),
      // Mostly announced when a spoke's egress goes on-prem over BGP, as the settings demand.
      announceForEgress: chance(90),
      centralEgressVpc: chance(95),
      summary: fc.constantFrom(undefined, "10.0.0.0/8", "10.0.0.0/11"),
      requiredGbps: sometimes(fc.constantFrom(1, 2.5, 4), 12),
    }),
  );

/** The three routers' addresses: cgw-3 is cgw-1's router again, told apart by its device name. */
const gatewayList = [
  { name: "cgw-1", ipAddress: "203.0.113.10", bgpAsn: 65010, deviceName: "edge-1" },
  { name: "cgw-2", ipAddress: "198.51.100.20", bgpAsn: 65020 },
  { name: "cgw-3", ipAddress: "203.0.113.10", bgpAsn: 65010, deviceName: "edge-2" },
];

/** A random configuration: a stack file's `config:` map. */
export const stackConfigArb: fc.Arbitrary<StackConfig> = shapeArb.map((s) => {
  const p = (key: string) => `hybrid-network:${key}`;
  const segments = Array.from({ length: s.segments }, (_, i) => ({
    name: `seg-${i + 1}`,
    reachableSegments: (s.reachable[i] ?? []).filter((n) => n !== i + 1).map((n) => `seg-${n}`),
  }));
  const spokes = s.spokes.map((x) => {
    const mode: Mode = x.ownMode ?? (x.wantsDefaultRoute ? (s.segmentModes[x.segment - 1] ?? "central") : "nat");
    const firstZone = x.zones[0];
    const ports = x.ingress === "tcp" || x.ingress === "udp" ? { fromPort: 443, toPort: 443 } : { fromPort: -1, toPort: -1 };
    return {
      name: `spoke-${x.index}`,
      segment: `seg-${x.segment}`,
      cidr: `10.${19 + x.index}.0.0/16`,
      availabilityZones: azs.slice(0, x.azCount),
      onPremZones: x.zones,
      egress: mode,
      ...(mode === "nat" ? { natGateways: x.natGateways } : {}),
      ...(x.ingress !== undefined && firstZone !== undefined
        ? { ingress: [{ fromZone: firstZone, ports: [{ protocol: x.ingress, ...ports }] }] }
        : {}),
    };
  });
  const isStatic = (c: { static: boolean; index: number }) =>
    s.routing === "static" || (s.routing === "mixed" && (c.static || c.index === 1) && !(c.index === 2 && !c.static));
  const statics = s.connections.filter(isStatic);
  const mixed = statics.length > 0 && statics.length < s.connections.length;
  // The static connection holding each zone (index among the static ones), or undefined: BGP's.
  const owner = (z: number): number | undefined => {
    const v = s.staticZoneOwner[z] ?? 0;
    if (!mixed) return statics.length > 0 ? v % statics.length : undefined;
    return v === 0 ? undefined : (v - 1) % statics.length;
  };
  const heldStatically = zoneNames.filter((_, z) => owner(z) !== undefined);
  // With static connections only and several of them, one carries the default route: the first one
  // that asks, and now and then none (refused when a spoke's internet leaves through on-prem).
  const defaultCarrier = !mixed && statics.length > 1 ? statics.find((c) => c.staticDefault) : undefined;
  const connections = s.connections.map((c) => ({
    name: `vpn-${c.index}`,
    customerGateway: `cgw-${c.gateway}`,
    routing: isStatic(c) ? "static" : "bgp",
    // One static connection alone carries every zone (the default); several, or one beside BGP, share them out.
    ...(isStatic(c) && (statics.length > 1 || mixed)
      ? {
          staticRouteZones: s.staticZonesEverywhere ? [...zoneNames] : zoneNames.filter((_, z) => owner(z) === statics.indexOf(c)),
        }
      : {}),
    ...(c.accelerated ? { acceleration: true } : {}),
    ...(c.large && (!c.accelerated || c.largeEvenAccelerated) ? { tunnelBandwidth: "large" } : {}),
    ...(defaultCarrier === c ? { staticDefaultRoute: true } : {}),
    // Pinned blocks away from the ones allocated from names (169.254.10.0/24 up).
    ...(c.pinned
      ? { tunnel1: { insideCidr: `169.254.${200 + c.index}.0/30` }, tunnel2: { insideCidr: `169.254.${200 + c.index}.4/30` } }
      : {}),
  }));
  const bgp = connections.some((c) => c.routing === "bgp");
  const onpremEgress = spokes.some((x) => x.egress === "onprem");
  const central = spokes.some((x) => x.egress === "central") && s.centralEgressVpc;
  return {
    "aws:region": "eu-west-1",
    [p("hub")]: {
      name: "hub",
      ecmp: statics.length > 0 && connections.length > 1 ? s.ecmpWithStatic : s.ecmp,
      ...(s.summary !== undefined ? { spokeSummaryCidrs: [s.summary] } : {}),
    },
    [p("customerGateways")]: gatewayList.slice(0, s.gateways),
    [p("vpnConnections")]: connections,
    [p("vpn")]: s.requiredGbps !== undefined ? { requiredBandwidthGbps: s.requiredGbps } : {},
    [p("onPrem")]: {
      zones: zoneNames.map((name) => ({ name, cidrs: zoneCidrs[name] })),
      advertises: {
        ...(s.announced === "random"
          ? { zones: s.randomZones }
          : s.announced === "listed" || heldStatically.length > 0
            ? { zones: zoneNames.filter((z) => !heldStatically.includes(z)) }
            : {}),
        defaultRoute: s.defaultRoute || (onpremEgress && bgp && s.announceForEgress),
      },
    },
    [p("segments")]: segments,
    [p("spokes")]: spokes,
    ...(central ? { [p("centralEgress")]: { name: "egress", cidr: "10.250.0.0/22", availabilityZones: azs.slice(0, 2) } } : {}),
  };
});
