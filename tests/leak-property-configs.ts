/**
 * Random small stack configurations for the no-leak property (tests/leak-property.test.ts), built to
 * pass the settings rules most of the time: one to three segments with random reachableSegments,
 * one to four spokes with random on-prem zones (possibly none), egress modes (nat, onprem, central;
 * a segment's spokes never need two different default routes) and NAT placements, optional ingress
 * rules and spoke summaries (one covering the on-prem zones, one not), one or two customer
 * gateways, BGP connections (some accelerated) or a single static one, and what on-prem announces.
 * The property filters what the settings still reject (e.g. an unlucky inside CIDR collision).
 */
import fc from "fast-check";

export const zoneNames = ["zone-a", "zone-b", "zone-c", "zone-d"] as const;
const zoneCidrs: Record<(typeof zoneNames)[number], string[]> = {
  "zone-a": ["10.100.0.0/16"],
  "zone-b": ["10.101.0.0/16"],
  "zone-c": ["10.102.0.0/16"],
  "zone-d": ["10.103.0.0/16", "10.104.0.0/16"],
};

type Mode = "nat" | "onprem" | "central";

/** A stack's `config:` map with the project's keys qualified, as Pulumi.<stack>.yaml holds it. */
export type StackConfig = Record<string, unknown>;

const subset = <T>(items: readonly T[]) => fc.subarray([...items]);

const spokeArb = (segments: number, index: number) =>
  fc.record({
    segment: fc.integer({ min: 1, max: segments }),
    zones: subset(zoneNames),
    wantsDefaultRoute: fc.boolean(),
    natGateways: fc.constantFrom("perAz", "single"),
    twoAzs: fc.boolean(),
    ingress: fc.boolean(),
    index: fc.constant(index),
  });

const shapeArb = fc
  .record({
    segments: fc.integer({ min: 1, max: 3 }),
    spokes: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ segments, spokes }) =>
    fc.record({
      segments: fc.constant(segments),
      reachable: fc.array(subset(Array.from({ length: segments }, (_, i) => i + 1)), { minLength: segments, maxLength: segments }),
      // Per segment: the default route its TGW table carries when a spoke wants one.
      segmentModes: fc.array(fc.constantFrom<Mode>("onprem", "central"), { minLength: segments, maxLength: segments }),
      spokes: fc.tuple(...Array.from({ length: spokes }, (_, i) => spokeArb(segments, i + 1))),
      gateways: fc.integer({ min: 1, max: 2 }),
      routing: fc.constantFrom("bgp", "bgp", "static"),
      connections: fc.integer({ min: 1, max: 3 }),
      accelerated: fc.boolean(),
      advertisedZones: fc.option(subset(zoneNames), { nil: undefined }),
      defaultRoute: fc.boolean(),
      summary: fc.constantFrom(undefined, "10.0.0.0/8", "10.0.0.0/11"),
    }),
  );

/** A random configuration: a stack file's `config:` map. */
export const stackConfigArb: fc.Arbitrary<StackConfig> = shapeArb.map((s) => {
  const p = (key: string) => `hybrid-network:${key}`;
  const segments = Array.from({ length: s.segments }, (_, i) => ({
    name: `seg-${i + 1}`,
    reachableSegments: (s.reachable[i] ?? []).filter((n) => n !== i + 1).map((n) => `seg-${n}`),
  }));
  const spokes = s.spokes.map((x) => {
    const mode: Mode = x.wantsDefaultRoute ? (s.segmentModes[x.segment - 1] ?? "central") : "nat";
    const firstZone = x.zones[0];
    return {
      name: `spoke-${x.index}`,
      segment: `seg-${x.segment}`,
      cidr: `10.${19 + x.index}.0.0/16`,
      availabilityZones: x.twoAzs ? ["eu-west-1a", "eu-west-1b"] : ["eu-west-1a"],
      onPremZones: x.zones,
      egress: mode,
      ...(mode === "nat" ? { natGateways: x.natGateways } : {}),
      ...(x.ingress && firstZone !== undefined
        ? { ingress: [{ fromZone: firstZone, ports: [{ protocol: "tcp", fromPort: 443, toPort: 443 }] }] }
        : {}),
    };
  });
  const staticVpn = s.routing === "static";
  const connections = Array.from({ length: staticVpn ? 1 : s.connections }, (_, i) => ({
    name: `vpn-${i + 1}`,
    customerGateway: `cgw-${(i % s.gateways) + 1}`,
    routing: s.routing,
    ...(s.accelerated && i === 0 ? { acceleration: true } : {}),
  }));
  const gateways = [
    { name: "cgw-1", ipAddress: "203.0.113.10", bgpAsn: 65010 },
    { name: "cgw-2", ipAddress: "198.51.100.20", bgpAsn: 65020 },
  ].slice(0, s.gateways);
  const onpremEgress = spokes.some((x) => x.egress === "onprem");
  return {
    "aws:region": "eu-west-1",
    [p("hub")]: { name: "hub", ...(s.summary !== undefined ? { spokeSummaryCidrs: [s.summary] } : {}) },
    [p("customerGateways")]: gateways,
    [p("vpnConnections")]: connections,
    [p("onPrem")]: {
      zones: zoneNames.map((name) => ({ name, cidrs: zoneCidrs[name] })),
      advertises: {
        ...(s.advertisedZones !== undefined ? { zones: s.advertisedZones } : {}),
        // Egress through on-prem over BGP needs the default route announced.
        defaultRoute: s.defaultRoute || (onpremEgress && !staticVpn),
      },
    },
    [p("segments")]: segments,
    [p("spokes")]: spokes,
    ...(spokes.some((x) => x.egress === "central")
      ? { [p("centralEgress")]: { name: "egress", cidr: "10.250.0.0/22", availabilityZones: ["eu-west-1a", "eu-west-1b"] } }
      : {}),
  };
});
