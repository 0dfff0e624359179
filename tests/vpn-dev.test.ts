/**
 * The Site-to-Site VPN on the dev stack (initial state): one customer gateway, one BGP connection
 * with configured inside CIDRs, generated keys, logs, alarms to a created topic, not protected.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { summariseVpn } from "../plan/report/sections/vpn";
import { byId, byName, first, ofType, planOk, types, under } from "./harness";
import { load } from "./settings-helpers";

let dev: CapturedRun;
before(async () => {
  dev = await planOk("dev");
});

test("dev: one customer gateway and one connection with two pinned tunnels, unprotected", () => {
  assert.deepEqual(
    ofType(dev, types.cgw).map((g) => [g.name, g.inputs.ipAddress, g.inputs.bgpAsn, g.protect]),
    [["cgw-primary", "203.0.113.10", "65010", false]],
  );
  const vpn = first(ofType(dev, types.vpn));
  assert.equal(ofType(dev, types.vpn).length, 1);
  assert.equal(vpn.name, "vpn-1");
  assert.equal(vpn.protect, false);
  assert.equal(byId(dev, vpn.inputs.customerGatewayId)?.name, "cgw-primary");
  assert.equal(vpn.inputs.transitGatewayId, byName(dev, types.tgw, "hub").id);
  assert.deepEqual([vpn.inputs.tunnel1InsideCidr, vpn.inputs.tunnel2InsideCidr], ["169.254.10.0/30", "169.254.10.4/30"]);
  assert.deepEqual(vpn.secretInputs.sort(), ["tunnel1PresharedKey", "tunnel2PresharedKey"]);
});

test("dev: 4 key parts, 2 log groups (90 days), 4 alarms, 1 topic, 1 association, 1 propagation", () => {
  const vpn = first(ofType(dev, types.vpn));
  const attachment = vpn.outputs.transitGatewayAttachmentId;
  assert.equal(ofType(dev, types.password).length, 4);
  const vpnComponent = "hybrid-network:vpn:SiteToSiteVpn";
  assert.deepEqual(
    under(dev, vpnComponent, types.logGroup).map((g) => g.inputs.retentionInDays),
    [90, 90],
  );
  assert.equal(under(dev, vpnComponent, types.alarm).length, 4);
  assert.equal(ofType(dev, types.topic).length, 1);
  const mine = (type: string) => ofType(dev, type).filter((r) => r.inputs.transitGatewayAttachmentId === attachment);
  assert.deepEqual(
    mine(types.tgwAssociation).map((a) => byId(dev, a.inputs.transitGatewayRouteTableId)?.name),
    ["hub-onprem"],
  );
  assert.deepEqual(
    mine(types.tgwPropagation).map((a) => byId(dev, a.inputs.transitGatewayRouteTableId)?.name),
    ["hub-development"],
  );
});

test("dev: ECMP sizing of one connection: 2 tunnels, 2.5 Gbps all up, 1.25 with one down, nothing required", () => {
  assert.deepEqual(dev.outputs.vpnCapacity, { connections: 1, tunnels: 2, gbpsAllUp: 2.5, gbpsOneTunnelDown: 1.25 });
  const summary = summariseVpn(dev);
  assert.deepEqual(summary.problems, []);
  assert.equal(summary.capacity.gbpsOneTunnelDown, 1.25);
});

test("dev -> prod: vpn-1 and cgw-primary resolve to the same settings, so the move only adds resources", () => {
  const [dev1, prod1] = [load("dev"), load("prod")].map((s) => s.vpnConnections.find((c) => c.name === "vpn-1"));
  assert.deepEqual(dev1, prod1);
  const [devGw, prodGw] = [load("dev"), load("prod")].map((s) => s.customerGateways.find((g) => g.name === "cgw-primary"));
  assert.deepEqual(devGw, prodGw);
});
