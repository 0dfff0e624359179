/**
 * The networks a flow runs between: each spoke (its VPC matched by CIDR), each on-prem zone and the
 * internet. A spoke's traffic starts in each of its workload subnets and is addressed to its VPC's
 * CIDR; a zone's starts on-prem from each of its CIDRs and is addressed to each of them.
 */
import { internetProbe } from "../ipv4";
import type { RouteIndex } from "../lookup";
import type { RouteModel, Vpc } from "../model";
import type { Start, Terminal } from "./walk";

export type Endpoint =
  | { kind: "spoke"; name: string; segment: string; vpc?: Vpc }
  | { kind: "zone"; name: string; cidrs: string[] }
  | { kind: "internet"; name: "internet" };

/** Where an endpoint's traffic starts, and the address its replies go back to. */
export interface Probe {
  start: Start;
  /** Address (prefix) the reply goes back to. */
  address: string;
}

/** A destination address of an endpoint, and whether a walk's end is that endpoint. */
export interface Target {
  probe: string;
  matches: (t: Terminal) => boolean;
}

/** The endpoints of one analysis, with their probes and targets (memoised: every flow of an endpoint shares them). */
export class Endpoints {
  /** Spokes, zones, then the internet, in the settings' order. */
  readonly all: Endpoint[];
  private readonly byKindName: Map<string, Endpoint>;
  private readonly probes = new Map<Endpoint, Probe[]>();
  private readonly targets = new Map<Endpoint, Target[]>();

  constructor(
    model: RouteModel,
    private readonly ix: RouteIndex,
  ) {
    const { settings } = model;
    this.all = [
      ...settings.spokes.map((s): Endpoint => {
        const vpc = ix.spokeVpcs.get(s.name);
        return { kind: "spoke", name: s.name, segment: s.segment, ...(vpc ? { vpc } : {}) };
      }),
      ...settings.onPrem.zones.map((z): Endpoint => ({ kind: "zone", name: z.name, cidrs: z.cidrs })),
      { kind: "internet", name: "internet" },
    ];
    this.byKindName = new Map(this.all.map((e) => [`${e.kind}\n${e.name}`, e]));
  }

  /** The endpoint of a flow's end (`Flow.from` and `Flow.fromKind`, or `to` and `toKind`). */
  find(name: string, kind: Endpoint["kind"]): Endpoint | undefined {
    return this.byKindName.get(`${kind}\n${name}`);
  }

  starts(e: Endpoint): Probe[] {
    let out = this.probes.get(e);
    if (!out) this.probes.set(e, (out = this.startsUncached(e)));
    return out;
  }

  destinations(e: Endpoint): Target[] {
    let out = this.targets.get(e);
    if (!out) this.targets.set(e, (out = destinationsOf(e)));
    return out;
  }

  private startsUncached(e: Endpoint): Probe[] {
    if (e.kind === "spoke") {
      const { vpc } = e;
      return vpc ? this.ix.workloadSubnets(vpc).map((s) => ({ start: { kind: "subnet", subnetId: s.id }, address: vpc.cidr })) : [];
    }
    if (e.kind === "zone") return e.cidrs.map((c) => ({ start: { kind: "onprem" }, address: c }));
    return [];
  }
}

function destinationsOf(e: Endpoint): Target[] {
  if (e.kind === "spoke") {
    const { vpc } = e;
    return vpc ? [{ probe: vpc.cidr, matches: (t) => t.kind === "vpc" && t.vpcId === vpc.id }] : [];
  }
  if (e.kind === "zone") return e.cidrs.map((c) => ({ probe: c, matches: (t) => t.kind === "onprem" }));
  return [{ probe: internetProbe, matches: (t) => t.kind === "internet" }];
}
