/**
 * The diff predicts what the AWS provider does with each changed input (plan/diff/rules.ts), on
 * hand-built runs: the transit gateway's one-way force-new options, the VPN connection inputs the
 * provider modifies in place (and which of those interrupt the tunnels), the inputs it silently
 * ignores (refused by the plan), and the create-time inputs that still replace.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { cloudChanges, diffRuns } from "../plan/diff/engine";
import type { RunDiff } from "../plan/diff/engine";
import { exitCodeFor } from "../plan/diff/command";
import { renderDiffJson, renderDiffMarkdown } from "../plan/diff/render";
import { T, find, labels, world } from "./diff-fixtures";
import type { Spec } from "./diff-fixtures";

const tgwOptions = (association: string | undefined, propagation: string | undefined) => ({
  tgwInputs: {
    ...(association !== undefined ? { defaultRouteTableAssociation: association } : {}),
    ...(propagation !== undefined ? { defaultRouteTablePropagation: propagation } : {}),
  },
});

/** A second customer gateway in both runs, so vpn-1 can move to it. */
const secondGateway = (add: (s: Spec) => unknown) =>
  add({ type: T.cgw, name: "cgw-secondary", inputs: { bgpAsn: "65020", ipAddress: "198.51.100.20" } });

/** The run with one input of one resource set to another value. */
function withInput(run: CapturedRun, type: string, name: string, property: string, value: unknown): CapturedRun {
  return {
    ...run,
    resources: run.resources.map((r) => (r.type === type && r.name === name ? { ...r, inputs: { ...r.inputs, [property]: value } } : r)),
  };
}

const effectOf = (d: RunDiff, type: string, name: string, property: string) => {
  const p = find(d, type, name)?.changes.find((c) => c.property === property);
  return p && [p.effect, p.disruptive ?? false];
};

for (const property of ["defaultRouteTableAssociation", "defaultRouteTablePropagation"] as const) {
  test(`transit gateway: ${property} disable -> enable replaces the hub, and what its id feeds`, () => {
    const before = world(tgwOptions("disable", "disable"));
    const after = world(property === "defaultRouteTableAssociation" ? tgwOptions("enable", "disable") : tgwOptions("disable", "enable"));
    const d = diffRuns(before, after, labels);
    const tgw = find(d, T.tgw, "hub");
    assert.equal(tgw?.kind, "replace");
    assert.match(tgw?.reasons.join() ?? "", new RegExp(`${property} changed \\(.*transitgateway_\\.go.*ForceNewIfChange`));
    // The route table and the VPC attachment take the TGW id at creation; the VPN connection moves
    // to the new TGW in place (ModifyVpnConnection), with both tunnels down meanwhile.
    assert.equal(find(d, T.rt, "hub-onprem")?.kind, "replace");
    assert.equal(find(d, T.attach, "development-attachment")?.kind, "replace");
    assert.equal(find(d, T.vpn, "vpn-1")?.kind, "update");
    assert.deepEqual(effectOf(d, T.vpn, "vpn-1", "transitGatewayId"), ["update", true]);
  });

  test(`transit gateway: ${property} enable -> disable is an in-place update (ModifyTransitGateway)`, () => {
    const d = diffRuns(world(tgwOptions("enable", "enable")), world(tgwOptions("disable", "disable")), labels);
    assert.equal(find(d, T.tgw, "hub")?.kind, "update");
    assert.deepEqual(effectOf(d, T.tgw, "hub", property), ["update", false]);
    assert.equal(cloudChanges(d, "replace").length, 0);
  });
}

test("transit gateway: an unset option is the provider's default (enable), so disable -> unset replaces and unset -> disable does not", () => {
  const unset = world(tgwOptions(undefined, undefined));
  const disabled = world(tgwOptions("disable", "disable"));
  assert.equal(find(diffRuns(disabled, unset, labels), T.tgw, "hub")?.kind, "replace");
  assert.equal(find(diffRuns(unset, disabled, labels), T.tgw, "hub")?.kind, "update");
  assert.equal(find(diffRuns(unset, world(tgwOptions("enable", "enable")), labels), T.tgw, "hub")?.kind, "update");
});

test("VPN connection: moving to another customer gateway is ModifyVpnConnection, in place but both tunnels go down", () => {
  const before = world({ extra: secondGateway });
  const after = world({ extra: secondGateway, vpnInputs: { customerGatewayId: "customergateway-cgw-secondary" } });
  const d = diffRuns(before, after, labels);
  const vpn = find(d, T.vpn, "vpn-1");
  assert.equal(vpn?.kind, "update");
  const change = vpn?.changes.find((c) => c.property === "customerGatewayId");
  assert.deepEqual([change?.effect, change?.disruptive], ["update", true]);
  assert.match(change?.source ?? "", /ModifyVpnConnection/);
  assert.match(change?.note ?? "", /both tunnels/);
  assert.match(change?.note ?? "", /outside IP addresses are kept/);
  assert.match(renderDiffMarkdown(d), /customerGatewayId: customergateway-cgw-primary -> customergateway-cgw-secondary \[disruptive\]/);
});

test("VPN connection: a new transit or virtual private gateway id is modified in place, disruptive", () => {
  for (const property of ["transitGatewayId", "vpnGatewayId"]) {
    const d = diffRuns(world(), withInput(world(), T.vpn, "vpn-1", property, "tgw-or-vgw-elsewhere"), labels);
    assert.equal(find(d, T.vpn, "vpn-1")?.kind, "update", property);
    assert.deepEqual(effectOf(d, T.vpn, "vpn-1", property), ["update", true], property);
  }
});

test("VPN connection: the local and remote IPv4/IPv6 network CIDRs are ModifyVpnConnectionOptions, in place, disruptive", () => {
  const values: Record<string, string> = {
    localIpv4NetworkCidr: "10.0.0.0/8",
    remoteIpv4NetworkCidr: "10.20.0.0/16",
    localIpv6NetworkCidr: "fd00:1::/48",
    remoteIpv6NetworkCidr: "fd00:2::/48",
  };
  for (const [property, value] of Object.entries(values)) {
    const d = diffRuns(world(), withInput(world(), T.vpn, "vpn-1", property, value), labels);
    assert.equal(find(d, T.vpn, "vpn-1")?.kind, "update", property);
    assert.deepEqual(effectOf(d, T.vpn, "vpn-1", property), ["update", true], property);
    assert.match(find(d, T.vpn, "vpn-1")?.changes[0]?.source ?? "", /ModifyVpnConnectionOptions/, property);
  }
});

for (const [property, from, to] of [
  ["outsideIpAddressType", "PublicIpv4", "PrivateIpv4"],
  ["transportTransitGatewayAttachmentId", "tgw-attach-dx-1", "tgw-attach-dx-2"],
] as const) {
  test(`VPN connection: a change of ${property} on an existing connection is refused (the provider would ignore it)`, () => {
    const d = diffRuns(world({ vpnInputs: { [property]: from } }), world({ vpnInputs: { [property]: to } }), labels);
    const vpn = find(d, T.vpn, "vpn-1");
    assert.equal(vpn?.kind, "update");
    assert.deepEqual(effectOf(d, T.vpn, "vpn-1", property), ["refused", false]);
    assert.deepEqual(
      d.refused.map((r) => [r.name, r.properties]),
      [["vpn-1", [property]]],
    );
    assert.equal(exitCodeFor(d), 1);
    const markdown = renderDiffMarkdown(d);
    assert.match(markdown, /\*\*REFUSED: 1 change/);
    assert.match(
      markdown,
      new RegExp(
        `## Refused \\(1\\)[\\s\\S]*\\| VpnConnection \\| vpn-1 \\| ${property}: ${from} -> ${to}: the provider neither updates nor replaces`,
      ),
    );
    assert.match(markdown, /rename the connection to have it replaced/);
    // Not listed as an update: it would not be applied.
    assert.doesNotMatch(markdown, /## Updated in place/);
    const json = JSON.parse(renderDiffJson(d)) as { ok: boolean; refused: { name: string; properties: string[]; message: string }[] };
    assert.equal(json.ok, false);
    assert.deepEqual(json.refused[0]?.properties, [property]);
    assert.match(json.refused[0]?.message ?? "", /rename/);
  });
}

test("a refused input is not refused when the connection is replaced anyway (renamed, or a create-time option changed)", () => {
  const before = world({ vpnInputs: { outsideIpAddressType: "PublicIpv4" } });
  const accelerated = world({ acceleration: true, vpnInputs: { outsideIpAddressType: "PrivateIpv4" } });
  const d = diffRuns(before, accelerated, labels);
  assert.equal(find(d, T.vpn, "vpn-1")?.kind, "replace");
  assert.deepEqual(d.refused, []);
  assert.equal(exitCodeFor(d), 0);
  assert.doesNotMatch(renderDiffMarkdown(d), /REFUSED/);
  assert.deepEqual(effectOf(d, T.vpn, "vpn-1", "outsideIpAddressType"), ["update", false]);

  // Renamed: a new URN, so Pulumi deletes the old connection and creates one with the new type.
  const renamed = world({ vpnInputs: { outsideIpAddressType: "PrivateIpv4" } });
  renamed.resources = renamed.resources.map((x) =>
    x.type === T.vpn ? { ...x, name: "vpn-1b", urn: x.urn.replace(/vpn-1$/, "vpn-1b") } : x,
  );
  const r = diffRuns(before, renamed, labels);
  assert.equal(find(r, T.vpn, "vpn-1b")?.kind, "create");
  assert.ok(r.changes.some((c) => c.kind === "delete" && c.name === "vpn-1"));
  assert.deepEqual(r.refused, []);
});

test("a diff with nothing refused exits 0, whatever it replaces", () => {
  assert.equal(exitCodeFor(diffRuns(world(), world({ acceleration: true }), labels)), 0);
  assert.equal(exitCodeFor(diffRuns(world(), world(), labels)), 0);
  assert.deepEqual(JSON.parse(renderDiffJson(diffRuns(world(), world(), labels))).refused, []);
});

test("a replaced customer gateway: the connection moves to the new one in place (disruptive), it is not replaced", () => {
  const d = diffRuns(world(), world({ bgpAsn: 65020 }), labels);
  assert.equal(find(d, T.cgw, "cgw-primary")?.kind, "replace");
  const vpn = find(d, T.vpn, "vpn-1");
  assert.equal(vpn?.kind, "update");
  assert.deepEqual(effectOf(d, T.vpn, "vpn-1", "customerGatewayId"), ["update", true]);
  assert.match(vpn?.changes.find((c) => c.property === "customerGatewayId")?.after as string, /new value from replaced cgw-primary/);
  assert.equal(find(d, T.assoc, "vpn-1-assoc"), undefined, "the attachment id does not change");
});

test("what the provider forces new still replaces: create-time VPN options, customer gateway, VPC, subnet, VPC attachment", () => {
  const cases: [string, string, string, unknown][] = [
    [T.vpn, "vpn-1", "tunnelBandwidth", "large"],
    [T.vpn, "vpn-1", "staticRoutesOnly", true],
    [T.vpn, "vpn-1", "tunnelInsideIpVersion", "ipv6"],
    [T.vpn, "vpn-1", "enableAcceleration", true],
    [T.vpn, "vpn-1", "type", "ipsec.2"],
    [T.cgw, "cgw-primary", "ipAddress", "203.0.113.99"],
    [T.cgw, "cgw-primary", "deviceName", "edge-2"],
    [T.vpc, "development-vpc", "cidrBlock", "10.21.0.0/16"],
    [T.subnet, "development-transit-a", "availabilityZone", "eu-west-1b"],
    [T.subnet, "development-transit-a", "cidrBlock", "10.20.192.16/28"],
    [T.attach, "development-attachment", "vpcId", "vpc-elsewhere"],
    [T.attach, "development-attachment", "transitGatewayId", "tgw-elsewhere"],
  ];
  for (const [type, name, property, value] of cases) {
    const d = diffRuns(world(), withInput(world(), type, name, property, value), labels);
    const c = find(d, type, name);
    assert.equal(c?.kind, "replace", `${name}.${property}`);
    assert.match(c?.reasons[0] ?? "", new RegExp(`^${property} changed`), `${name}.${property}`);
  }
});

test("tunnel inside CIDRs stay in-place, disruptive updates (ModifyVpnTunnelOptions)", () => {
  for (const property of ["tunnel1InsideCidr", "tunnel2InsideCidr", "tunnel1InsideIpv6Cidr", "tunnel2InsideIpv6Cidr"]) {
    const d = diffRuns(world(), withInput(world(), T.vpn, "vpn-1", property, "169.254.99.0/30"), labels);
    assert.deepEqual(effectOf(d, T.vpn, "vpn-1", property), ["update", true], property);
  }
});

test("tunnelBandwidth is Optional+Computed: an unset input keeps the state's value (no change); set where the state differs, it replaces", () => {
  const withBandwidth = (value: string | undefined) =>
    world({ acceleration: true, vpnInputs: value === undefined ? {} : { tunnelBandwidth: value } });
  // The accelerated prod connections: "standard" sent before, nothing now. The provider's state keeps "standard".
  assert.equal(find(diffRuns(withBandwidth("standard"), withBandwidth(undefined), labels), T.vpn, "vpn-1"), undefined);
  assert.equal(find(diffRuns(withBandwidth("large"), withBandwidth(undefined), labels), T.vpn, "vpn-1"), undefined);
  // A connection created without it holds the provider's default ("standard") in state.
  assert.equal(find(diffRuns(withBandwidth(undefined), withBandwidth("standard"), labels), T.vpn, "vpn-1"), undefined);
  const toLarge = find(diffRuns(withBandwidth(undefined), withBandwidth("large"), labels), T.vpn, "vpn-1");
  assert.equal(toLarge?.kind, "replace");
  const change = toLarge?.changes.find((c) => c.property === "tunnelBandwidth");
  assert.deepEqual([change?.before, change?.after], ["standard", "large"]);
  assert.equal(find(diffRuns(withBandwidth("standard"), withBandwidth("large"), labels), T.vpn, "vpn-1")?.kind, "replace");
});

test("network ACL: new or changed rules and subnets are in-place updates (entries replaced, not the ACL); another VPC replaces it", () => {
  const acl = (inputs: Record<string, unknown>) =>
    world({ extra: (add) => add({ type: "aws:ec2/networkAcl:NetworkAcl", name: "development-workloads", inputs }) });
  const deny = { ruleNo: 100, action: "deny", protocol: "-1", cidrBlock: "10.110.0.0/16", fromPort: 0, toPort: 0 };
  const allow = { ruleNo: 32000, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 };
  const before = acl({ vpcId: "vpc-1", subnetIds: ["subnet-a"], ingress: [deny, allow], egress: [allow] });
  const after = acl({ vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], ingress: [deny, allow], egress: [deny, allow] });
  const d = diffRuns(before, after, labels);
  const change = find(d, "aws:ec2/networkAcl:NetworkAcl", "development-workloads");
  assert.equal(change?.kind, "update");
  assert.equal(change?.rulesUnknown, undefined, "the type has rules: the in-place update is predicted, not guessed");
  assert.deepEqual(change?.changes.map((c) => [c.property, c.effect]).sort(), [
    ["egress", "update"],
    ["subnetIds", "update"],
  ]);
  const moved = find(
    diffRuns(before, acl({ vpcId: "vpc-2", subnetIds: ["subnet-a"], ingress: [deny, allow], egress: [allow] }), labels),
    "aws:ec2/networkAcl:NetworkAcl",
    "development-workloads",
  );
  assert.equal(moved?.kind, "replace");
});
