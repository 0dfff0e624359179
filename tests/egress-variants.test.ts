/**
 * Egress variants on an edited dev stack: development leaves through on-prem over a static VPN
 * (a static 0.0.0.0/0 to that connection), and a second spoke uses a single NAT gateway (whose
 * second public subnet the analysis must not take for a workload subnet).
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { analyse } from "../plan/analysis";
import { byName, childrenOf, first, ofType, planOk, types } from "./harness";
import { item } from "./settings-helpers";

const spokeType = "hybrid-network:spoke:SpokeVpc";

let run: CapturedRun;
before(async () => {
  run = await planOk("dev", {
    edit: (c) => {
      item(c, "vpnConnections", "vpn-1").routing = "static";
      item(c, "spokes", "development").egress = "onprem";
      (c.spokes as unknown[]).push({
        name: "sandbox",
        segment: "development",
        cidr: "10.21.0.0/20",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        onPremZones: ["shared-infra"],
        egress: "nat",
        natGateways: "single",
      });
    },
  });
});

test("static VPN: the development table sends 0.0.0.0/0 to the static connection's attachment", () => {
  const table = byName(run, types.tgwRouteTable, "hub-development");
  const vpnAttachment = byName(run, types.vpn, "vpn-1").outputs.transitGatewayAttachmentId;
  assert.ok(typeof vpnAttachment === "string" && vpnAttachment.startsWith("tgw-attach-"));
  const defaults = ofType(run, types.tgwRoute).filter(
    (r) => r.inputs.transitGatewayRouteTableId === table.id && r.inputs.destinationCidrBlock === "0.0.0.0/0",
  );
  assert.deepEqual(
    defaults.map((r) => [r.name, r.inputs.transitGatewayAttachmentId]),
    [["development-default", vpnAttachment]],
  );
  assert.equal(childrenOf(run, spokeType, "development", types.nat).length, 0);
  assert.equal(childrenOf(run, spokeType, "development", types.igw).length, 0);
});

test("single NAT gateway: one NAT in the first AZ serves both workload subnets; public subnets in every AZ", () => {
  const nats = childrenOf(run, spokeType, "sandbox", types.nat);
  assert.deepEqual(
    nats.map((n) => n.name),
    ["sandbox-nat-eu-west-1a"],
  );
  assert.equal(childrenOf(run, spokeType, "sandbox", types.eip).length, 1);
  for (const az of ["eu-west-1a", "eu-west-1b"]) {
    assert.equal(byName(run, types.route, `sandbox-private-${az}-default`).inputs.natGatewayId, first(nats, "NAT gateway").id);
    assert.ok(byName(run, types.subnet, `sandbox-public-${az}`));
  }
});

test("two spokes of one segment: both associate with it and propagate into it; a nat spoke sends only its zones to the TGW", () => {
  const table = byName(run, types.tgwRouteTable, "hub-development");
  const attachments = ["development", "sandbox"].map((n) => byName(run, types.vpcAttachment, `${n}-tgw-attachment`).id);
  for (const type of [types.tgwAssociation, types.tgwPropagation]) {
    const into = ofType(run, type).filter((r) => r.inputs.transitGatewayRouteTableId === table.id);
    for (const id of attachments)
      assert.ok(
        into.some((r) => r.inputs.transitGatewayAttachmentId === id),
        `${type} ${id}`,
      );
  }
  const sandboxTable = byName(run, types.routeTable, "sandbox-private-eu-west-1a");
  const toTgw = ofType(run, types.route).filter(
    (r) => r.inputs.routeTableId === sandboxTable.id && r.inputs.transitGatewayId !== undefined,
  );
  // Its own on-prem zone and the other spoke of its segment.
  assert.deepEqual(toTgw.map((r) => r.inputs.destinationCidrBlock).sort(), ["10.101.0.0/16", "10.20.0.0/16"]);
});

test("single NAT gateway: the public subnet without one is the NAT side, not a workload subnet, so sandbox's flows hold", () => {
  const analysis = analyse(run);
  const vpc = analysis.context.ix.spokeVpcs.get("sandbox");
  assert.ok(vpc);
  // sandbox-public-eu-west-1b routes to the internet gateway and holds no NAT gateway.
  assert.deepEqual(
    analysis.context.ix.workloadSubnets(vpc).map((s) => s.name),
    ["sandbox-private-eu-west-1a", "sandbox-private-eu-west-1b"],
  );
  assert.deepEqual(
    analysis.violations.filter((v) => v.flow.includes("sandbox")),
    [],
  );
  assert.equal(analysis.flows.get("internet", "sandbox")?.status, "blocked");
});

test("several static VPNs: the default route goes to the connection flagged staticDefaultRoute, not the first one", async () => {
  const two = await planOk("dev", {
    edit: (c) => {
      (c.hub as Record<string, unknown>).ecmp = false;
      Object.assign(item(c, "vpnConnections", "vpn-1"), {
        routing: "static",
        staticRouteZones: ["corporate-clients", "shared-infra", "builder-services", "dev-data"],
      });
      (c.vpnConnections as unknown[]).push({
        name: "vpn-2",
        customerGateway: "cgw-primary",
        routing: "static",
        staticRouteZones: ["prod-services", "prod-data"],
        staticDefaultRoute: true,
      });
      item(c, "spokes", "development").egress = "onprem";
    },
  });
  const table = byName(two, types.tgwRouteTable, "hub-development");
  const defaults = ofType(two, types.tgwRoute).filter(
    (r) => r.inputs.transitGatewayRouteTableId === table.id && r.inputs.destinationCidrBlock === "0.0.0.0/0",
  );
  assert.deepEqual(
    defaults.map((r) => r.inputs.transitGatewayAttachmentId),
    [byName(two, types.vpn, "vpn-2").outputs.transitGatewayAttachmentId],
  );
  // The analysis follows it: development reaches the internet over vpn-2.
  const flow = analyse(two).flows.get("development", "internet");
  assert.equal(flow?.status, "reachable");
  assert.deepEqual(flow?.attachments.slice(1), ["vpn-2"]);
});
