/**
 * The Site-to-Site VPN on the prod stack: two customer gateways, four BGP connections (two
 * accelerated, two with allocated inside CIDRs), generated keys, logs, alarms, the attachments'
 * association and propagations, protection, secrecy, outputs, ECMP sizing and the report section.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { hardenedTunnelOptions } from "../infra/settings/defaults";
import { presharedKeyProblem } from "../infra/settings/rules/tunnels";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { buildReport } from "../plan/report/build";
import { summariseVpn } from "../plan/report/sections/vpn";
import { byId, byName, entry, first, ofType, parentOf, planOk, types, under } from "./harness";

const tagType = "aws:ec2/tag:Tag";
const vpnRouteType = "aws:ec2/vpnConnectionRoute:VpnConnectionRoute";
const connectionType = "hybrid-network:vpn:Connection";
const vpnComponentType = "hybrid-network:vpn:SiteToSiteVpn";
const names = ["vpn-1", "vpn-2", "vpn-3", "vpn-4"];

/** Every tunnel option and the provider input it must reach (suffix after `tunnel<n>`). */
const optionInputs = {
  ikeVersions: "IkeVersions",
  phase1EncryptionAlgorithms: "Phase1EncryptionAlgorithms",
  phase2EncryptionAlgorithms: "Phase2EncryptionAlgorithms",
  phase1IntegrityAlgorithms: "Phase1IntegrityAlgorithms",
  phase2IntegrityAlgorithms: "Phase2IntegrityAlgorithms",
  phase1DhGroupNumbers: "Phase1DhGroupNumbers",
  phase2DhGroupNumbers: "Phase2DhGroupNumbers",
  phase1LifetimeSeconds: "Phase1LifetimeSeconds",
  phase2LifetimeSeconds: "Phase2LifetimeSeconds",
  dpdTimeoutSeconds: "DpdTimeoutSeconds",
  dpdTimeoutAction: "DpdTimeoutAction",
  rekeyMarginTimeSeconds: "RekeyMarginTimeSeconds",
  rekeyFuzzPercentage: "RekeyFuzzPercentage",
  replayWindowSize: "ReplayWindowSize",
  startupAction: "StartupAction",
  enableTunnelLifecycleControl: "EnableTunnelLifecycleControl",
} as const;

let prod: CapturedRun;
let vpn: (name: string) => CapturedResource;
before(async () => {
  prod = await planOk("prod");
  vpn = (name) => byName(prod, types.vpn, name);
});

function onAttachment(type: string, attachmentId: unknown): CapturedResource[] {
  return ofType(prod, type).filter((r) => r.inputs.transitGatewayAttachmentId === attachmentId);
}

test("prod: two customer gateways from config, 2-byte ASNs in bgpAsn, protected, in the VPN component", () => {
  const gateways = ofType(prod, types.cgw);
  assert.deepEqual(gateways.map((g) => g.name).sort(), ["cgw-primary", "cgw-secondary"]);
  const primary = byName(prod, types.cgw, "cgw-primary");
  assert.equal(primary.inputs.ipAddress, "203.0.113.10");
  assert.equal(primary.inputs.bgpAsn, "65010");
  assert.equal(primary.inputs.bgpAsnExtended, undefined);
  assert.equal(primary.inputs.deviceName, "dc1-edge-1");
  assert.equal(primary.inputs.type, "ipsec.1");
  assert.equal(byName(prod, types.cgw, "cgw-secondary").inputs.deviceName, "dc2-edge-1");
  for (const g of gateways) {
    assert.equal(g.protect, true);
    assert.equal(parentOf(prod, g)?.type, vpnComponentType);
  }
});

test("prod: four VPN connections on the hub's TGW, each on its customer gateway, BGP, protected, in its own component", () => {
  assert.deepEqual(
    ofType(prod, types.vpn)
      .map((v) => v.name)
      .sort(),
    names,
  );
  const tgw = byName(prod, types.tgw, "hub");
  const cgwOf: Record<string, string> = {
    "vpn-1": "cgw-primary",
    "vpn-2": "cgw-secondary",
    "vpn-3": "cgw-primary",
    "vpn-4": "cgw-secondary",
  };
  for (const name of names) {
    const v = vpn(name);
    assert.equal(v.inputs.transitGatewayId, tgw.id);
    assert.equal(byId(prod, v.inputs.customerGatewayId)?.name, cgwOf[name]);
    assert.equal(v.inputs.type, "ipsec.1");
    assert.equal(v.inputs.staticRoutesOnly, false);
    // The provider does not support tunnelBandwidth with acceleration: the accelerated ones send none.
    assert.equal(v.inputs.tunnelBandwidth, v.inputs.enableAcceleration === true ? undefined : "standard", `${name} tunnelBandwidth`);
    assert.ok(v.inputs.enableAcceleration === true ? !("tunnelBandwidth" in v.inputs) : true, `${name}: no tunnelBandwidth key`);
    assert.equal(v.inputs.outsideIpAddressType, "PublicIpv4");
    assert.equal(v.inputs.presharedKeyStorage, "Standard");
    assert.equal(v.protect, true, `${name} protected`);
    const parent = parentOf(prod, v);
    assert.equal(parent?.type, connectionType);
    assert.equal(parent?.name, name);
    assert.equal(parentOf(prod, parent!)?.type, vpnComponentType);
  }
  assert.deepEqual(
    names.map((n) => vpn(n).inputs.enableAcceleration),
    [false, false, true, true],
  );
});

// The hardened defaults written out here, not imported: a weakened default must fail this test.
const hardened = {
  ikeVersions: ["ikev2"],
  phase1EncryptionAlgorithms: ["AES256-GCM-16", "AES256"],
  phase2EncryptionAlgorithms: ["AES256-GCM-16", "AES256"],
  phase1IntegrityAlgorithms: ["SHA2-384", "SHA2-512"],
  phase2IntegrityAlgorithms: ["SHA2-384", "SHA2-512"],
  phase1DhGroupNumbers: [19, 20, 21],
  phase2DhGroupNumbers: [19, 20, 21],
  phase1LifetimeSeconds: 28800,
  phase2LifetimeSeconds: 3600,
  dpdTimeoutSeconds: 30,
  dpdTimeoutAction: "restart",
  rekeyMarginTimeSeconds: 270,
  rekeyFuzzPercentage: 100,
  replayWindowSize: 1024,
  startupAction: "add",
  enableTunnelLifecycleControl: false,
};

test("prod: every tunnel option reaches both tunnels of every connection (hardened defaults)", () => {
  assert.equal(Object.keys(optionInputs).length, 16);
  assert.deepEqual(Object.keys(optionInputs).sort(), Object.keys(hardened).sort());
  assert.deepEqual(Object.keys(hardenedTunnelOptions).sort(), Object.keys(hardened).sort(), "every option has a default");
  for (const name of names) {
    const settings = prod.settings!.vpnConnections.find((c) => c.name === name)!;
    for (const n of [1, 2]) {
      for (const [option, suffix] of Object.entries(optionInputs)) {
        const expected = hardened[option as keyof typeof hardened];
        assert.deepEqual(vpn(name).inputs[`tunnel${n}${suffix}`], expected, `${name} tunnel${n}${suffix}`);
        assert.deepEqual(settings.tunnelOptions[option as keyof typeof optionInputs], expected);
      }
    }
  }
  // Spot-check the hardened choices themselves, so a weakened default is noticed.
  const v = vpn("vpn-1").inputs;
  assert.deepEqual(v.tunnel2IkeVersions, ["ikev2"]);
  assert.deepEqual(v.tunnel2Phase1DhGroupNumbers, [19, 20, 21]);
  assert.equal(v.tunnel2DpdTimeoutAction, "restart");
  assert.equal(v.tunnel2DpdTimeoutSeconds, 30);
});

test("prod: inside CIDRs pinned on both tunnels: configured ones kept, others allocated, all distinct", () => {
  assert.equal(vpn("vpn-1").inputs.tunnel1InsideCidr, "169.254.10.0/30");
  assert.equal(vpn("vpn-1").inputs.tunnel2InsideCidr, "169.254.10.4/30");
  assert.equal(vpn("vpn-2").inputs.tunnel1InsideCidr, "169.254.10.8/30");
  assert.equal(vpn("vpn-2").inputs.tunnel2InsideCidr, "169.254.10.12/30");
  const all = names.flatMap((n) => [vpn(n).inputs.tunnel1InsideCidr, vpn(n).inputs.tunnel2InsideCidr]);
  assert.equal(new Set(all).size, 8);
  for (const n of ["vpn-3", "vpn-4"]) {
    const settings = prod.settings!.vpnConnections.find((c) => c.name === n)!;
    assert.ok(settings.tunnels.every((t) => t.insideCidrAllocated));
    assert.deepEqual(
      [vpn(n).inputs.tunnel1InsideCidr, vpn(n).inputs.tunnel2InsideCidr],
      settings.tunnels.map((t) => t.insideCidr),
    );
  }
});

test("prod: generated keys: a letter then 31 letters/digits/'.'/'_', secret on both tunnels", () => {
  const passwords = ofType(prod, types.password);
  assert.equal(passwords.length, 16);
  for (const name of names) {
    const v = vpn(name);
    for (const n of [1, 2]) {
      const first = byName(prod, types.password, `${name}-tunnel${n}-psk-first`);
      const body = byName(prod, types.password, `${name}-tunnel${n}-psk`);
      assert.deepEqual(
        { length: first.inputs.length, numeric: first.inputs.numeric, special: first.inputs.special },
        { length: 1, numeric: false, special: false },
      );
      assert.equal(first.inputs.upper, true);
      assert.equal(first.inputs.lower, true);
      assert.equal(body.inputs.length, 31);
      assert.equal(body.inputs.special, true);
      assert.equal(body.inputs.overrideSpecial, "._");
      assert.equal(parentOf(prod, body)?.name, name);
      const key = v.inputs[`tunnel${n}PresharedKey`];
      assert.equal(key, `${String(first.outputs.result)}${String(body.outputs.result)}`);
      assert.equal(presharedKeyProblem(key as string), undefined);
      assert.ok(v.secretInputs.includes(`tunnel${n}PresharedKey`), `${name} tunnel${n} key secret`);
      assert.ok(v.dependencies.includes(first.urn) && v.dependencies.includes(body.urn));
    }
  }
});

test("prod: a log group per tunnel with the configured retention, wired into both tunnels' log options", () => {
  assert.equal(under(prod, vpnComponentType, types.logGroup).length, 8);
  for (const name of names) {
    for (const n of [1, 2]) {
      const group = byName(prod, types.logGroup, `${name}-tunnel${n}-logs`);
      assert.equal(group.inputs.retentionInDays, 365);
      assert.equal(group.inputs.name, `/aws/vendedlogs/hybrid-network/prod/vpn/${name}/tunnel${n}`);
      assert.deepEqual(vpn(name).inputs[`tunnel${n}LogOptions`], {
        cloudwatchLogOptions: { logEnabled: true, logGroupArn: group.outputs.arn, logOutputFormat: "json" },
      });
    }
  }
});

test("prod: TunnelState alarms per tunnel and per connection, notifying the created topic", () => {
  const topic = first(ofType(prod, types.topic));
  assert.equal(ofType(prod, types.topic).length, 1);
  assert.equal(topic.name, "vpn-alarms");
  assert.equal(under(prod, vpnComponentType, types.alarm).length, 16);
  for (const name of names) {
    const v = vpn(name);
    const alarm = (suffix: string) => byName(prod, types.alarm, `${name}-${suffix}`);
    for (const a of ["tunnel1-down", "tunnel2-down", "degraded", "down"].map(alarm)) {
      assert.equal(a.inputs.namespace, "AWS/VPN");
      assert.equal(a.inputs.metricName, "TunnelState");
      assert.equal(a.inputs.period, 300);
      assert.equal(a.inputs.evaluationPeriods, 3);
      assert.deepEqual(a.inputs.alarmActions, [topic.outputs.arn]);
      assert.deepEqual(a.inputs.okActions, [topic.outputs.arn]);
      assert.equal((a.inputs.dimensions as Record<string, string>).VpnId, v.id);
      assert.equal(parentOf(prod, a)?.name, name);
    }
    for (const n of [1, 2]) {
      const a = alarm(`tunnel${n}-down`);
      assert.deepEqual(a.inputs.dimensions, { VpnId: v.id, TunnelIpAddress: v.outputs[`tunnel${n}Address`] });
      assert.deepEqual([a.inputs.statistic, a.inputs.comparisonOperator, a.inputs.threshold], ["Maximum", "LessThanThreshold", 1]);
    }
    assert.deepEqual(alarm("degraded").inputs.dimensions, { VpnId: v.id });
    assert.deepEqual(
      [alarm("degraded").inputs.statistic, alarm("degraded").inputs.comparisonOperator, alarm("degraded").inputs.threshold],
      ["Average", "LessThanThreshold", 1],
    );
    assert.deepEqual(
      [alarm("down").inputs.statistic, alarm("down").inputs.comparisonOperator, alarm("down").inputs.threshold],
      ["Maximum", "LessThanOrEqualToThreshold", 0],
    );
  }
});

test("prod: each VPN attachment is named, associated with the on-prem table and propagates into every segment table", () => {
  const onprem = byName(prod, types.tgwRouteTable, "hub-onprem");
  const segments = ["hub-development", "hub-production", "hub-test"];
  for (const name of names) {
    const attachment = vpn(name).outputs.transitGatewayAttachmentId;
    const tag = first(ofType(prod, tagType).filter((t) => t.name === `${name}-attachment-name`));
    assert.deepEqual([tag.inputs.resourceId, tag.inputs.key, tag.inputs.value], [attachment, "Name", name]);
    const associations = onAttachment(types.tgwAssociation, attachment);
    assert.deepEqual(
      associations.map((a) => [a.name, a.inputs.transitGatewayRouteTableId]),
      [[`${name}-onprem`, onprem.id]],
    );
    // Every propagation of the attachment is the VPN component's own: nothing else duplicates one.
    const propagations = onAttachment(types.tgwPropagation, attachment);
    assert.ok(propagations.every((p) => parentOf(prod, p)?.type === connectionType));
    assert.deepEqual(propagations.map((p) => byId(prod, p.inputs.transitGatewayRouteTableId)?.name).sort(), segments);
    assert.deepEqual(propagations.map((p) => p.name).sort(), segments.map((s) => `${name}-to-${s.slice(4)}`).sort());
    assert.equal(onAttachment(types.tgwRoute, attachment).filter((r) => parentOf(prod, r)?.type === connectionType).length, 0);
  }
  assert.equal(ofType(prod, vpnRouteType).length, 0);
});

test("prod: outputs per connection: ids, outside IPs, inside addresses, ASNs; configuration and keys secret", () => {
  assert.ok(prod.secretOutputs.includes("vpnCustomerGatewayConfigurations"));
  assert.ok(prod.secretOutputs.includes("vpnPresharedKeys"));
  assert.equal(prod.outputs.vpnCustomerGatewayConfigurations, "[secret]");
  assert.ok(!prod.secretOutputs.includes("vpnConnections"));
  assert.deepEqual(prod.outputs.customerGatewayIds, {
    "cgw-primary": byName(prod, types.cgw, "cgw-primary").id,
    "cgw-secondary": byName(prod, types.cgw, "cgw-secondary").id,
  });
  const connections = prod.outputs.vpnConnections as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(connections).sort(), names);
  for (const name of names) {
    const v = vpn(name);
    const out = entry(connections, name, "connection output");
    assert.equal(out.vpnConnectionId, v.id);
    assert.equal(out.transitGatewayAttachmentId, v.outputs.transitGatewayAttachmentId);
    assert.equal((prod.outputs.vpnAttachmentIds as Record<string, string>)[name], v.outputs.transitGatewayAttachmentId);
    assert.equal(out.customerBgpAsn, 65010);
    const tunnels = out.tunnels as Record<string, string>[];
    for (const n of [1, 2]) {
      const t = entry(tunnels, n - 1, "tunnel");
      assert.equal(t.outsideAddress, v.outputs[`tunnel${n}Address`]);
      assert.equal(t.insideCidr, v.inputs[`tunnel${n}InsideCidr`]);
      assert.equal(t.awsInsideAddress, v.outputs[`tunnel${n}VgwInsideAddress`]);
      assert.equal(t.customerInsideAddress, v.outputs[`tunnel${n}CgwInsideAddress`]);
      assert.equal(t.awsBgpAsn, "64512");
    }
    assert.notEqual(entry(tunnels, 0, "tunnel").awsInsideAddress, entry(tunnels, 1, "tunnel").awsInsideAddress);
  }
  // No key anywhere in the readable outputs.
  const readable = JSON.stringify(prod.outputs);
  for (const v of ofType(prod, types.vpn)) {
    assert.ok(!readable.includes(String(v.inputs.tunnel1PresharedKey)));
    assert.ok(!readable.includes(String(v.inputs.tunnel2PresharedKey)));
  }
});

test("prod: ECMP sizing in the outputs: 4 connections, 8 tunnels, 10 Gbps, 8.75 with one down, 3 needed for 5 Gbps", () => {
  assert.deepEqual(prod.outputs.vpnCapacity, {
    requiredGbps: 5,
    connectionsNeeded: 3,
    connections: 4,
    tunnels: 8,
    gbpsAllUp: 10,
    gbpsOneTunnelDown: 8.75,
  });
});

test("prod: the report's VPN section: gateways, connections, a row per tunnel without keys, sizing, no problems", () => {
  const summary = summariseVpn(prod);
  assert.deepEqual(summary.problems, []);
  assert.equal(summary.customerGateways.length, 2);
  assert.equal(summary.connections.length, 4);
  assert.equal(summary.tunnels.length, 8);
  assert.deepEqual(
    { ...summary.capacity },
    { requiredGbps: 5, connectionsNeeded: 3, connections: 4, tunnels: 8, gbpsAllUp: 10, gbpsOneTunnelDown: 8.75, ecmp: true },
  );
  const row = summary.tunnels.find((t) => t.connection === "vpn-2" && t.tunnel === 2)!;
  assert.deepEqual(
    [row.outsideIp, row.insideCidr, row.awsInsideAddress, row.customerInsideAddress, row.awsAsn, row.customerAsn, row.key],
    // AWS assigns the outside IP at deploy: offline it is no address (tests/report-readable.test.ts).
    ["(known after deploy)", "169.254.10.12/30", "169.254.10.13", "169.254.10.14", "64512", "65010", "generated"],
  );
  assert.equal(row.ikeVersions, "ikev2");
  assert.match(row.phase1, /AES256-GCM-16\/AES256; SHA2-384\/SHA2-512; DH 19\/20\/21; 28800 s/);
  assert.equal(row.dpd, "30 s, restart");

  const report = buildReport(prod);
  assert.equal(report.ok, true);
  const section = report.sections.find((s) => s.title === "Site-to-Site VPN");
  assert.ok(section);
  assert.match(section.markdown, /\| 4 \| 8 \| on \| 10 \| 8\.75 \| 5 \| 3 \|/);
  for (const v of ofType(prod, types.vpn)) {
    for (const text of [report.markdown, report.json]) {
      assert.ok(!text.includes(String(v.inputs.tunnel1PresharedKey)), "no key in the report");
      assert.ok(!text.includes(String(v.inputs.tunnel2PresharedKey)), "no key in the report");
    }
  }
});
