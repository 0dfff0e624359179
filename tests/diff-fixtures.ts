/**
 * Hand-built captured runs for the diff engine tests: a small network (hub, route table, customer
 * gateway, VPN connection and its association, one spoke) as the recording mocks would capture it.
 */
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import type { RunDiff } from "../plan/diff/engine";

export const stackUrn = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
export const defaultAws = "urn:pulumi:s::p::pulumi:providers:aws::default_7_48_0::11111111-1111";

export interface Spec {
  type: string;
  name: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: CapturedResource;
  deps?: CapturedResource[];
  protect?: boolean;
  provider?: string;
  secret?: string[];
  component?: boolean;
}

/** A resource as the recording mocks would capture it: URN from the parent's type chain, id from the name. */
export function res(s: Spec): CapturedResource {
  const chain = s.parent && s.parent.type !== "pulumi:pulumi:Stack" ? s.parent.urn.split("::")[2] + "$" : "";
  const id = s.component ? "" : `${s.type.split(":").pop()?.toLowerCase()}-${s.name}`;
  return {
    urn: `urn:pulumi:s::p::${chain}${s.type}::${s.name}`,
    type: s.type,
    name: s.name,
    parent: s.parent?.urn ?? stackUrn,
    inputs: s.inputs ?? {},
    outputs: { ...(s.inputs ?? {}), ...(id ? { id } : {}), ...(s.outputs ?? {}) },
    id,
    secretInputs: s.secret ?? [],
    dependencies: (s.deps ?? []).map((d) => d.urn),
    protect: s.protect ?? false,
    provider: s.component ? "" : (s.provider ?? defaultAws),
    custom: !s.component,
  };
}

export const T = {
  hub: "hybrid-network:hub:TransitGatewayHub",
  spoke: "hybrid-network:spoke:SpokeVpc",
  tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
  rt: "aws:ec2transitgateway/routeTable:RouteTable",
  assoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
  cgw: "aws:ec2/customerGateway:CustomerGateway",
  vpn: "aws:ec2/vpnConnection:VpnConnection",
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  nat: "aws:ec2/natGateway:NatGateway",
  attach: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
};

export interface WorldOptions {
  acceleration?: boolean;
  spoke?: string;
  natIn?: string[];
  asn?: number;
  bgpAsn?: number;
  tags?: Record<string, string>;
  insideCidr?: string;
  psk?: string;
  protect?: boolean;
  vpcProvider?: string;
  /** Inputs of the transit gateway besides its ASN and tags (default: default route table association and propagation off, as the program sets them). */
  tgwInputs?: Record<string, unknown>;
  /** Inputs of vpn-1 that replace or add to the defaults. */
  vpnInputs?: Record<string, unknown>;
  extra?: (add: (s: Spec) => CapturedResource) => void;
}

/** A small network: hub, route table, CGW, VPN and its association, one spoke with VPC, subnet, attachment. */
export function world(o: WorldOptions = {}): CapturedRun {
  const resources: CapturedResource[] = [];
  const add = (s: Spec) => {
    const r = res(s);
    resources.push(r);
    return r;
  };
  const stack: CapturedResource = { ...res({ type: "pulumi:pulumi:Stack", name: "p-s", component: true }), urn: stackUrn, parent: "" };
  resources.push(stack);
  const hub = add({ type: T.hub, name: "hub", component: true });
  const tgw = add({
    type: T.tgw,
    name: "hub",
    parent: hub,
    inputs: {
      amazonSideAsn: o.asn ?? 64512,
      tags: o.tags ?? { Name: "hub" },
      ...(o.tgwInputs ?? { defaultRouteTableAssociation: "disable", defaultRouteTablePropagation: "disable" }),
    },
    outputs: { arn: "arn:aws:ec2:tgw/hub" },
    protect: o.protect ?? false,
  });
  const rt = add({ type: T.rt, name: "hub-onprem", parent: hub, inputs: { transitGatewayId: tgw.id }, deps: [tgw] });
  const cgw = add({ type: T.cgw, name: "cgw-primary", inputs: { bgpAsn: String(o.bgpAsn ?? 65010), ipAddress: "203.0.113.10" } });
  const vpn = add({
    type: T.vpn,
    name: "vpn-1",
    inputs: {
      customerGatewayId: cgw.id,
      transitGatewayId: tgw.id,
      enableAcceleration: o.acceleration ?? false,
      tunnel1InsideCidr: o.insideCidr ?? "169.254.10.0/30",
      tunnel1PresharedKey: o.psk ?? "firstKey123",
      ...o.vpnInputs,
    },
    outputs: { transitGatewayAttachmentId: "tgw-attach-vpn-1-computed" },
    secret: ["tunnel1PresharedKey"],
    deps: [cgw, tgw],
    protect: o.protect ?? false,
  });
  add({
    type: T.assoc,
    name: "vpn-1-assoc",
    inputs: { transitGatewayAttachmentId: "tgw-attach-vpn-1-computed", transitGatewayRouteTableId: rt.id },
    deps: [vpn, rt],
  });
  const spokeName = o.spoke ?? "development";
  const spoke = add({ type: T.spoke, name: spokeName, component: true });
  const vpc = add({
    type: T.vpc,
    name: `${spokeName}-vpc`,
    parent: spoke,
    inputs: { cidrBlock: "10.20.0.0/16" },
    ...(o.vpcProvider ? { provider: o.vpcProvider } : {}),
  });
  const subnet = add({
    type: T.subnet,
    name: `${spokeName}-transit-a`,
    parent: spoke,
    inputs: { vpcId: vpc.id, cidrBlock: "10.20.192.0/28" },
    deps: [vpc],
  });
  add({
    type: T.attach,
    name: `${spokeName}-attachment`,
    parent: spoke,
    inputs: { vpcId: vpc.id, transitGatewayId: tgw.id, subnetIds: [subnet.id] },
    deps: [vpc, tgw, subnet],
  });
  for (const owner of o.natIn ?? []) {
    const parent = resources.find((r) => r.type === T.spoke && r.name === owner) ?? add({ type: T.spoke, name: owner, component: true });
    add({ type: T.nat, name: `${owner}-nat-a`, parent, inputs: { subnetId: subnet.id } });
  }
  o.extra?.(add);
  return { project: "p", stack: "s", resources, outputs: { transitGatewayId: tgw.id }, secretOutputs: [] };
}

export const labels = { before: "before", after: "after" };
export const find = (d: RunDiff, type: string, name: string) => d.changes.find((c) => c.type === type && c.name === name);
