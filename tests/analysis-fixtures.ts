/**
 * Hand-built captured runs for the analysis tests: the routing the design asks for, written out as
 * the AWS resources and provider inputs a program would register (no program run). Built from a
 * stack's validated settings, so fixtures follow the real stack files. Helpers mutate copies.
 */
import { denyRuleNumbers } from "../infra/lib/acl-rule-numbers";
import { reachableSegments, spokeRefusedZones } from "../infra/settings/intent";
import { layoutSubnets } from "../infra/settings/subnet-layout";
import type { NetworkSettings } from "../infra/settings/types";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import type { Analysis } from "../plan/analysis";
import type { Flow } from "../plan/analysis/reachability";
import { awsTypes } from "../plan/analysis/model";
import { load } from "./settings-helpers";
import { first } from "./harness";

/** A custom resource as the recording mocks capture one, on the default provider at the stack's top. */
function fixtureResource(type: string, name: string, id: string, fields: Partial<CapturedResource> = {}): CapturedResource {
  return {
    urn: `urn:pulumi:fixture::hybrid-network::${type}::${name}`,
    type,
    name,
    parent: "",
    inputs: {},
    outputs: { id },
    id,
    secretInputs: [],
    dependencies: [],
    protect: false,
    provider: "",
    custom: true,
    ...fields,
  };
}

class Builder {
  readonly resources: CapturedResource[] = [];
  add(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    outputs: Record<string, unknown> = {},
    id = `${type.split(":").pop()!.toLowerCase()}-${name}`,
  ): string {
    this.resources.push(fixtureResource(type, name, id, { inputs, outputs: { id, ...outputs } }));
    return id;
  }
}

export interface FixtureOptions {
  /** Leave out blackhole routes (a broken segmentation). */
  noBlackholes?: boolean;
  /** Leave out the spokes' network ACLs that refuse forbidden on-prem zones. */
  noNetworkAcls?: boolean;
  /** Keep the ACLs' inbound denies but let everything out (the network before outbound denies). */
  noOutboundDenies?: boolean;
}

/** The designed network of a settings object, as captured resources. */
export function designedRun(settings: NetworkSettings, options: FixtureOptions = {}): CapturedRun {
  const b = new Builder();
  const tgw = b.add(awsTypes.tgw, "hub", { vpnEcmpSupport: settings.hub.ecmp ? "enable" : "disable" });
  const tables: Record<string, string> = {};
  for (const key of ["onprem", ...settings.segments.map((s) => s.name), ...(settings.centralEgress ? ["egress"] : [])]) {
    tables[key] = b.add(awsTypes.tgwRouteTable, `hub-${key}`, { transitGatewayId: tgw });
  }
  const cgws: Record<string, string> = {};
  for (const c of settings.customerGateways)
    cgws[c.name] = b.add(awsTypes.cgw, c.name, { ipAddress: c.ipAddress, bgpAsn: String(c.bgpAsn) });
  const vpnAtts: string[] = [];
  for (const v of settings.vpnConnections) {
    const att = `tgw-attach-${v.name}`;
    b.add(
      awsTypes.vpn,
      v.name,
      {
        customerGatewayId: cgws[v.customerGateway],
        transitGatewayId: tgw,
        type: "ipsec.1",
        staticRoutesOnly: v.routing === "static",
        tunnelBandwidth: v.tunnelBandwidth,
      },
      { transitGatewayAttachmentId: att },
    );
    vpnAtts.push(att);
    b.add(awsTypes.tgwAssociation, `${v.name}-assoc`, { transitGatewayAttachmentId: att, transitGatewayRouteTableId: tables.onprem });
    for (const seg of settings.segments) {
      b.add(awsTypes.tgwPropagation, `${v.name}-to-${seg.name}`, {
        transitGatewayAttachmentId: att,
        transitGatewayRouteTableId: tables[seg.name],
      });
    }
  }

  const vpcAtt: Record<string, string> = {};
  const addVpc = (
    name: string,
    cidr: string,
    azs: string[],
    egress: "nat" | "onprem" | "central" | "egress-vpc",
    appliance: boolean,
    denied: string[] = [],
  ) => {
    const privates: string[] = [];
    const vpc = b.add(awsTypes.vpc, name, { cidrBlock: cidr }, { mainRouteTableId: `rtb-${name}-main` });
    // The program's subnet layout inside the VPC's CIDR, whatever its size.
    const layout = layoutSubnets(cidr, azs, true);
    const transitRt = b.add(awsTypes.routeTable, `${name}-transit`, { vpcId: vpc });
    const publicRt = egress === "nat" || egress === "egress-vpc" ? b.add(awsTypes.routeTable, `${name}-public`, { vpcId: vpc }) : undefined;
    const igw = publicRt ? b.add(awsTypes.igw, `${name}-igw`, { vpcId: vpc }, {}, `igw-${name}`) : undefined;
    if (publicRt) {
      b.add(awsTypes.route, `${name}-public-default`, { routeTableId: publicRt, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw });
      b.add(awsTypes.route, `${name}-public-internal`, {
        routeTableId: publicRt,
        destinationCidrBlock: "10.0.0.0/8",
        transitGatewayId: tgw,
      });
    }
    const transitSubnets: string[] = [];
    azs.forEach((az, i) => {
      const transit = b.add(awsTypes.subnet, `${name}-transit-${az}`, {
        vpcId: vpc,
        cidrBlock: layout[i]!.transitCidr,
        availabilityZone: az,
      });
      transitSubnets.push(transit);
      let nat: string | undefined;
      if (publicRt) {
        const pub = b.add(awsTypes.subnet, `${name}-public-${az}`, {
          vpcId: vpc,
          cidrBlock: layout[i]!.publicCidr,
          availabilityZone: az,
        });
        b.add(awsTypes.routeTableAssociation, `${name}-public-${az}`, { subnetId: pub, routeTableId: publicRt });
        nat = b.add(awsTypes.nat, `${name}-nat-${az}`, { subnetId: pub }, {}, `nat-${name}-${az}`);
      }
      if (egress === "egress-vpc") {
        // Central egress: traffic from the TGW goes to the NAT of its AZ.
        const rt = b.add(awsTypes.routeTable, `${name}-transit-${az}`, { vpcId: vpc });
        b.add(awsTypes.routeTableAssociation, `${name}-transit-${az}`, { subnetId: transit, routeTableId: rt });
        b.add(awsTypes.route, `${name}-transit-default-${az}`, { routeTableId: rt, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat });
        return;
      }
      b.add(awsTypes.routeTableAssociation, `${name}-transit-${az}`, { subnetId: transit, routeTableId: transitRt });
      const priv = b.add(awsTypes.subnet, `${name}-private-${az}`, {
        vpcId: vpc,
        cidrBlock: layout[i]!.privateCidr,
        availabilityZone: az,
      });
      privates.push(priv);
      const privRt = b.add(awsTypes.routeTable, `${name}-private-${az}`, { vpcId: vpc });
      b.add(awsTypes.routeTableAssociation, `${name}-private-${az}`, { subnetId: priv, routeTableId: privRt });
      b.add(awsTypes.route, `${name}-private-internal-${az}`, {
        routeTableId: privRt,
        destinationCidrBlock: "10.0.0.0/8",
        transitGatewayId: tgw,
      });
      b.add(
        awsTypes.route,
        `${name}-private-default-${az}`,
        nat
          ? { routeTableId: privRt, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat }
          : { routeTableId: privRt, destinationCidrBlock: "0.0.0.0/0", transitGatewayId: tgw },
      );
    });
    if (denied.length > 0 && !options.noNetworkAcls) {
      const rules = (cidrs: string[]) => [
        ...[...denyRuleNumbers(cidrs)].map(([c, ruleNo]) => ({
          ruleNo,
          action: "deny",
          protocol: "-1",
          cidrBlock: c,
          fromPort: 0,
          toPort: 0,
        })),
        { ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 },
      ];
      b.add(awsTypes.networkAcl, `${name}-workloads`, {
        vpcId: vpc,
        subnetIds: privates,
        ingress: rules(denied),
        egress: rules(options.noOutboundDenies ? [] : denied),
      });
    }
    vpcAtt[name] = b.add(
      awsTypes.vpcAttachment,
      name,
      { vpcId: vpc, transitGatewayId: tgw, subnetIds: transitSubnets, applianceModeSupport: appliance ? "enable" : "disable" },
      {},
      `tgw-attach-${name}`,
    );
  };
  for (const s of settings.spokes) {
    // The zones the program's ACL refuses (the same both ways).
    const denied = spokeRefusedZones(settings, s).inbound.flatMap((z) => z.cidrs);
    addVpc(s.name, s.cidr, s.availabilityZones, s.egress, false, denied);
  }
  if (settings.centralEgress)
    addVpc(settings.centralEgress.name, settings.centralEgress.cidr, settings.centralEgress.availabilityZones, "egress-vpc", true);

  for (const s of settings.spokes) {
    b.add(awsTypes.tgwAssociation, `${s.name}-assoc`, {
      transitGatewayAttachmentId: vpcAtt[s.name],
      transitGatewayRouteTableId: tables[s.segment],
    });
    b.add(awsTypes.tgwPropagation, `${s.name}-to-onprem`, {
      transitGatewayAttachmentId: vpcAtt[s.name],
      transitGatewayRouteTableId: tables.onprem,
    });
    for (const seg of settings.segments) {
      if (reachableSegments(settings, seg.name).includes(s.segment)) {
        b.add(awsTypes.tgwPropagation, `${s.name}-to-${seg.name}`, {
          transitGatewayAttachmentId: vpcAtt[s.name],
          transitGatewayRouteTableId: tables[seg.name],
        });
      }
    }
    if (s.egress === "central") {
      b.add(awsTypes.tgwPropagation, `${s.name}-to-egress`, {
        transitGatewayAttachmentId: vpcAtt[s.name],
        transitGatewayRouteTableId: tables.egress,
      });
    }
  }
  if (settings.centralEgress) {
    const name = settings.centralEgress.name;
    b.add(awsTypes.tgwAssociation, `${name}-assoc`, {
      transitGatewayAttachmentId: vpcAtt[name],
      transitGatewayRouteTableId: tables.egress,
    });
  }
  for (const seg of settings.segments) {
    const spokes = settings.spokes.filter((s) => s.segment === seg.name);
    if (spokes.some((s) => s.egress === "central")) {
      b.add(awsTypes.tgwRoute, `hub-${seg.name}-default`, {
        transitGatewayRouteTableId: tables[seg.name],
        destinationCidrBlock: "0.0.0.0/0",
        transitGatewayAttachmentId: vpcAtt[settings.centralEgress!.name],
      });
    }
    if (options.noBlackholes) continue;
    const allowed = new Set(spokes.flatMap((s) => [...s.onPremZones, ...s.ingress.map((i) => i.fromZone)]));
    for (const z of settings.onPrem.zones.filter((z) => !allowed.has(z.name))) {
      for (const cidr of z.cidrs)
        b.add(awsTypes.tgwRoute, `hub-${seg.name}-deny-${z.name}`, {
          transitGatewayRouteTableId: tables[seg.name],
          destinationCidrBlock: cidr,
          blackhole: true,
        });
    }
    for (const other of settings.spokes.filter((o) => !reachableSegments(settings, seg.name).includes(o.segment))) {
      b.add(awsTypes.tgwRoute, `hub-${seg.name}-deny-${other.name}`, {
        transitGatewayRouteTableId: tables[seg.name],
        destinationCidrBlock: other.cidr,
        blackhole: true,
      });
    }
  }
  return { project: "hybrid-network", stack: settings.stack, resources: b.resources, outputs: {}, secretOutputs: [], settings };
}

export function designedStack(
  stack: "dev" | "prod",
  options: FixtureOptions = {},
  edit?: (c: Record<string, unknown>) => void,
): CapturedRun {
  return designedRun(load(stack, edit), options);
}

/** A copy of the run without the resources `drop` selects. */
export function without(run: CapturedRun, drop: (r: CapturedResource) => boolean): CapturedRun {
  const copy = structuredClone(run);
  const before = copy.resources.length;
  copy.resources = copy.resources.filter((r) => !drop(r));
  if (copy.resources.length === before) throw new Error("the mutation removed nothing");
  return copy;
}

/** A copy of the run with one more resource. */
export function withResource(
  run: CapturedRun,
  r: Pick<CapturedResource, "type" | "name" | "inputs"> & Partial<CapturedResource>,
): CapturedRun {
  const copy = structuredClone(run);
  const id = r.id ?? `${r.type.split(":").pop()!.toLowerCase()}-${r.name}-added`;
  copy.resources.push(fixtureResource(r.type, r.name, id, r));
  return copy;
}

/** A copy of the run with one resource's inputs changed. */
export function editResource(
  run: CapturedRun,
  pick: (r: CapturedResource) => boolean,
  edit: (inputs: Record<string, unknown>) => void,
): CapturedRun {
  const copy = structuredClone(run);
  const found = copy.resources.filter(pick);
  if (found.length !== 1) throw new Error(`expected one resource to edit, found ${found.length}`);
  edit(first(found, "resource").inputs);
  return copy;
}

/** The mock id of a resource, by type and name. */
export function idOf(run: CapturedRun, type: string, name: string): string {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} ${name}`);
  return r.type === awsTypes.vpn ? String(r.outputs.transitGatewayAttachmentId) : r.id;
}

/** The analysed flow between two named networks; fails when there is none. */
export function flowOf(a: Analysis, from: string, to: string): Flow {
  const f = a.flows.get(from, to);
  if (!f) throw new Error(`no flow ${from} -> ${to}`);
  return f;
}
