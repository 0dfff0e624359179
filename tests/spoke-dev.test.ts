/** The development spoke on the dev stack (initial state): egress through local NAT gateways. */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { spokesSection } from "../plan/report/sections/spokes";
import { byId, byName, childrenOf, entry, first, ofType, planOk, providerName, types } from "./harness";

const spokeType = "hybrid-network:spoke:SpokeVpc";
const azs = ["eu-west-1a", "eu-west-1b"];
const devZones = ["10.100.0.0/16", "10.101.0.0/16", "10.102.0.0/16", "10.103.0.0/16"];

let dev: CapturedRun;
let spoke: (type?: string) => CapturedResource[];
before(async () => {
  dev = await planOk("dev");
  spoke = (type) => childrenOf(dev, spokeType, "development", type);
});

test("dev: the development VPC with a private and a /28 TGW subnet per AZ, and a public one for NAT", () => {
  const vpc = byName(dev, types.vpc, "development-vpc");
  assert.equal(vpc.inputs.cidrBlock, "10.20.0.0/16");
  assert.ok(spoke(types.vpc).includes(vpc), "the VPC is a child of the SpokeVpc component");
  const cidrs = Object.fromEntries(
    spoke(types.subnet).map((s) => [s.name, [s.inputs.cidrBlock, s.inputs.availabilityZone, s.inputs.vpcId]]),
  );
  assert.deepEqual(cidrs, {
    "development-private-eu-west-1a": ["10.20.0.0/19", "eu-west-1a", vpc.id],
    "development-private-eu-west-1b": ["10.20.32.0/19", "eu-west-1b", vpc.id],
    "development-tgw-eu-west-1a": ["10.20.192.0/28", "eu-west-1a", vpc.id],
    "development-tgw-eu-west-1b": ["10.20.192.16/28", "eu-west-1b", vpc.id],
    "development-public-eu-west-1a": ["10.20.128.0/20", "eu-west-1a", vpc.id],
    "development-public-eu-west-1b": ["10.20.144.0/20", "eu-west-1b", vpc.id],
  });
});

test("dev: the attachment uses exactly the /28 subnets, on the hub's TGW, unprotected", () => {
  const attachment = byName(dev, types.vpcAttachment, "development-tgw-attachment");
  const tgw = byName(dev, types.tgw, "hub");
  assert.equal(attachment.inputs.transitGatewayId, tgw.id);
  assert.equal(attachment.inputs.vpcId, byName(dev, types.vpc, "development-vpc").id);
  assert.deepEqual(
    (attachment.inputs.subnetIds as string[]).map((id) => byId(dev, id)?.name),
    azs.map((az) => `development-tgw-${az}`),
  );
  assert.equal(attachment.inputs.transitGatewayDefaultRouteTableAssociation, false);
  assert.equal(attachment.inputs.transitGatewayDefaultRouteTablePropagation, false);
  assert.equal(attachment.inputs.applianceModeSupport, undefined);
  assert.equal(attachment.protect, false);
});

test("dev: egress nat: an internet gateway, a NAT gateway per AZ in the public subnets, 0.0.0.0/0 to the NAT of the same AZ", () => {
  const vpc = byName(dev, types.vpc, "development-vpc");
  const igw = first(spoke(types.igw));
  assert.equal(spoke(types.igw).length, 1);
  assert.equal(igw.inputs.vpcId, vpc.id);
  const publicDefault = byName(dev, types.route, "development-public-default");
  assert.equal(publicDefault.inputs.gatewayId, igw.id);
  assert.equal(publicDefault.inputs.destinationCidrBlock, "0.0.0.0/0");
  assert.equal(spoke(types.nat).length, 2);
  assert.equal(spoke(types.eip).length, 2);
  for (const az of azs) {
    const nat = byName(dev, types.nat, `development-nat-${az}`);
    assert.equal(byId(dev, nat.inputs.subnetId)?.name, `development-public-${az}`);
    assert.equal(byId(dev, nat.inputs.allocationId)?.name, `development-nat-eip-${az}`);
    assert.ok(nat.dependencies.includes(igw.urn), "NAT gateway waits for the internet gateway");
    const publicAssoc = byName(dev, types.routeTableAssociation, `development-public-${az}`);
    assert.equal(publicAssoc.inputs.routeTableId, byName(dev, types.routeTable, "development-public").id);
    const route = byName(dev, types.route, `development-private-${az}-default`);
    assert.equal(route.inputs.destinationCidrBlock, "0.0.0.0/0");
    assert.equal(route.inputs.natGatewayId, nat.id);
    assert.equal(route.inputs.transitGatewayId, undefined);
  }
});

test("dev: each workload subnet has its own route table sending exactly the allowed on-prem zones to the TGW", () => {
  const tgw = byName(dev, types.tgw, "hub");
  const attachment = byName(dev, types.vpcAttachment, "development-tgw-attachment");
  for (const az of azs) {
    const table = byName(dev, types.routeTable, `development-private-${az}`);
    const assoc = byName(dev, types.routeTableAssociation, `development-private-${az}`);
    assert.equal(assoc.inputs.routeTableId, table.id);
    assert.equal(byId(dev, assoc.inputs.subnetId)?.name, `development-private-${az}`);
    const toTgw = ofType(dev, types.route).filter((r) => r.inputs.routeTableId === table.id && r.inputs.transitGatewayId !== undefined);
    assert.deepEqual(toTgw.map((r) => r.inputs.destinationCidrBlock).sort(), devZones);
    for (const r of toTgw) {
      assert.equal(r.inputs.transitGatewayId, tgw.id);
      assert.ok(r.dependencies.includes(attachment.urn), `${r.name} waits for the attachment`);
    }
  }
  assert.equal(
    byName(dev, types.route, "development-private-eu-west-1a-onprem-10-100-0-0-16").inputs.destinationCidrBlock,
    "10.100.0.0/16",
  );
});

test("dev: TGW side: associated with the development table, propagated into it and the on-prem table only", () => {
  const attachment = byName(dev, types.vpcAttachment, "development-tgw-attachment");
  const tables = (type: string) =>
    ofType(dev, type)
      .filter((r) => r.inputs.transitGatewayAttachmentId === attachment.id)
      .map((r) => byId(dev, r.inputs.transitGatewayRouteTableId)?.name)
      .sort();
  assert.deepEqual(tables(types.tgwAssociation), ["hub-development"]);
  assert.deepEqual(tables(types.tgwPropagation), ["hub-development", "hub-onprem"]);
});

test("dev: the development table blackholes the production zones and has no static default route", () => {
  const table = byName(dev, types.tgwRouteTable, "hub-development");
  const routes = ofType(dev, types.tgwRoute).filter((r) => r.inputs.transitGatewayRouteTableId === table.id);
  assert.deepEqual(
    routes.map((r) => [r.name, r.inputs.destinationCidrBlock, r.inputs.blackhole]),
    [
      ["development-blackhole-10-110-0-0-16", "10.110.0.0/16", true],
      ["development-blackhole-10-111-0-0-16", "10.111.0.0/16", true],
    ],
  );
});

test("dev: a security group admits corporate clients on SSH, HTTPS and RDP, one rule per CIDR x port", () => {
  const sg = byName(dev, types.securityGroup, "development-ingress");
  assert.equal(sg.inputs.vpcId, byName(dev, types.vpc, "development-vpc").id);
  // In the program's order: the ports as configured.
  const rules = spoke(types.ingressRule).map((r) => [r.name, r.inputs.cidrIpv4, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort]);
  assert.deepEqual(rules, [
    ["development-ingress-10-100-0-0-16-tcp-22", "10.100.0.0/16", "tcp", 22, 22],
    ["development-ingress-10-100-0-0-16-tcp-443", "10.100.0.0/16", "tcp", 443, 443],
    ["development-ingress-10-100-0-0-16-tcp-3389", "10.100.0.0/16", "tcp", 3389, 3389],
  ]);
  for (const r of spoke(types.ingressRule)) assert.equal(r.inputs.securityGroupId, sg.id);
});

test("dev: one account, no roles: every spoke and segmentation resource uses the default provider", () => {
  const mine = dev.resources.filter((r) => r.custom && /spoke|segmentation|egress/.test(r.urn));
  assert.ok(mine.length > 30);
  for (const r of mine) assert.equal(providerName(r), "", `${r.name} has provider ${r.provider}`);
});

test("dev: no central egress VPC; outputs and report name the spoke and its NAT egress", () => {
  assert.equal(dev.resources.filter((r) => r.type === "hybrid-network:egress:CentralEgressVpc").length, 0);
  assert.equal(dev.outputs.centralEgress, null);
  const out = entry(
    dev.outputs.spokes as Record<string, { vpcId: string; attachmentId: string; privateSubnetIds: object }>,
    "development",
    "spoke output",
  );
  assert.equal(out.vpcId, byName(dev, types.vpc, "development-vpc").id);
  assert.equal(out.attachmentId, byName(dev, types.vpcAttachment, "development-tgw-attachment").id);
  assert.deepEqual(Object.keys(out.privateSubnetIds), azs);
  const section = spokesSection(dev);
  assert.ok(section);
  assert.match(section.markdown, /### development \(10\.20\.0\.0\/16, account default\)/);
  assert.match(section.markdown, /egress: nat \(2 NAT gateways\), internet gateway/);
  assert.match(section.markdown, /\| eu-west-1a \| 10\.20\.0\.0\/19 \| 10\.20\.192\.0\/28 \| 10\.20\.128\.0\/20 \|/);
});

test("dev: a network ACL on the workload subnets refuses the on-prem zones development may not reach, both ways", () => {
  const acl = first(ofType(dev, types.networkAcl));
  assert.equal(ofType(dev, types.networkAcl).length, 1);
  assert.equal(acl.name, "development-workloads");
  const privateIds = ["eu-west-1a", "eu-west-1b"].map((az) => byName(dev, types.subnet, `development-private-${az}`).id);
  assert.deepEqual(acl.inputs.subnetIds, privateIds, "workload subnets only; the attachment subnets keep the default ACL");
  // Stateless: the same zones are refused inbound and outbound, each direction its own rules. The
  // numbers are the CIDRs' own (infra/lib/acl-rule-numbers.ts), written out: a change to how they
  // are derived would renumber deployed rules, and must show here.
  for (const direction of ["ingress", "egress"]) {
    const rules = acl.inputs[direction] as { ruleNo: number; action: string; cidrBlock: string; protocol: string }[];
    assert.deepEqual(
      rules.map((r) => [r.ruleNo, r.action, r.cidrBlock, r.protocol]),
      [
        [3069, "deny", "10.110.0.0/16", "-1"],
        [30843, "deny", "10.111.0.0/16", "-1"],
        [32000, "allow", "0.0.0.0/0", "-1"],
      ],
      direction,
    );
  }
});
