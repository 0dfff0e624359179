/**
 * The VPN's less common paths, on an edited dev stack (one program run): a static VPN with a key
 * from a config secret, an AWS-generated key, keys in Secrets Manager, an allocated inside CIDR and
 * non-default values for every tunnel option; a 4-byte ASN; a second BGP connection with large
 * tunnels; text logs; alarms to an existing SNS topic; no ECMP on the hub.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { TunnelOptions } from "../infra/settings/types";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { summariseVpn } from "../plan/report/sections/vpn";
import { byId, byName, entry, ofType, parentOf, planOk, types, under } from "./harness";
import { item } from "./settings-helpers";

const existingTopic = "arn:aws:sns:eu-west-1:111111111111:network-oncall";
const configKey = "vpn1Tunnel1Psk";
const configSecret = "Abc.def_12345678";

/** Non-default values for every option, so a dropped option cannot pass as the provider's default. */
const options: TunnelOptions = {
  ikeVersions: ["ikev1", "ikev2"],
  phase1EncryptionAlgorithms: ["AES128"],
  phase2EncryptionAlgorithms: ["AES128-GCM-16"],
  phase1IntegrityAlgorithms: ["SHA2-256"],
  phase2IntegrityAlgorithms: ["SHA2-512"],
  phase1DhGroupNumbers: [14, 24],
  phase2DhGroupNumbers: [5, 22],
  phase1LifetimeSeconds: 14400,
  phase2LifetimeSeconds: 1800,
  dpdTimeoutSeconds: 45,
  dpdTimeoutAction: "clear",
  rekeyMarginTimeSeconds: 300,
  rekeyFuzzPercentage: 50,
  replayWindowSize: 2048,
  startupAction: "start",
  enableTunnelLifecycleControl: true,
};

let run: CapturedRun;
let vpn1: CapturedResource;
let vpn2: CapturedResource;
before(async () => {
  run = await planOk("dev", {
    edit: (c) => {
      (c.hub as Record<string, unknown>).ecmp = false;
      item(c, "customerGateways", "cgw-primary").bgpAsn = 4200000001;
      (c.customerGateways as unknown[]).push({ name: "cgw-backup", ipAddress: "198.51.100.30", bgpAsn: 65020 });
      const v1 = item(c, "vpnConnections", "vpn-1");
      Object.assign(v1, {
        routing: "static",
        staticRouteZones: ["corporate-clients", "shared-infra", "prod-services"],
        presharedKeyStorage: "SecretsManager",
        tunnelOptions: options,
        tunnel1: { presharedKey: { source: "config", configKey } },
        tunnel2: { insideCidr: "169.254.10.4/30", presharedKey: { source: "aws" } },
      });
      (c.vpnConnections as unknown[]).push({ name: "vpn-2", customerGateway: "cgw-backup", tunnelBandwidth: "large" });
      // vpn-2 (BGP) carries the zones vpn-1 does not hold statically: on-prem announces only those.
      (c.onPrem as { advertises: Record<string, unknown> }).advertises.zones = ["builder-services", "dev-data", "prod-data"];
      c.vpn = {
        logging: { retentionDays: 30, format: "text" },
        alarms: { snsTopicArn: existingTopic, createTopic: false, evaluationPeriods: 2 },
      };
    },
    secrets: { [configKey]: configSecret },
  });
  vpn1 = byName(run, types.vpn, "vpn-1");
  vpn2 = byName(run, types.vpn, "vpn-2");
});

test("a 4-byte ASN goes to bgpAsnExtended, a 2-byte one to bgpAsn, never both", () => {
  const primary = byName(run, types.cgw, "cgw-primary");
  assert.equal(primary.inputs.bgpAsnExtended, "4200000001");
  assert.equal(primary.inputs.bgpAsn, undefined);
  const backup = byName(run, types.cgw, "cgw-backup");
  assert.equal(backup.inputs.bgpAsn, "65020");
  assert.equal(backup.inputs.bgpAsnExtended, undefined);
  assert.equal(backup.inputs.deviceName, undefined);
  const row = summariseVpn(run).customerGateways.find((g) => g.name === "cgw-primary");
  assert.deepEqual([row?.bgpAsn, row?.asnField], ["4200000001", "bgpAsnExtended"]);
});

test("every non-default tunnel option reaches both tunnels of the connection", () => {
  const suffix = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
  assert.equal(Object.keys(options).length, 16);
  for (const n of [1, 2]) {
    for (const [key, value] of Object.entries(options)) {
      assert.deepEqual(vpn1.inputs[`tunnel${n}${suffix(key)}`], value, `tunnel${n}${suffix(key)}`);
    }
  }
  // The other connection keeps the hardened defaults.
  assert.deepEqual(vpn2.inputs.tunnel1IkeVersions, ["ikev2"]);
  assert.equal(vpn2.inputs.tunnel2DpdTimeoutAction, "restart");
});

test("key from a config secret on tunnel 1, left to AWS on tunnel 2, stored in Secrets Manager", () => {
  assert.equal(vpn1.inputs.tunnel1PresharedKey, configSecret);
  assert.deepEqual(vpn1.secretInputs, ["tunnel1PresharedKey"]);
  assert.equal("tunnel2PresharedKey" in vpn1.inputs, false);
  assert.equal(vpn1.inputs.presharedKeyStorage, "SecretsManager");
  assert.equal(ofType(run, types.password).filter((p) => parentOf(run, p)?.name === "vpn-1").length, 0);
  assert.equal(ofType(run, types.password).filter((p) => parentOf(run, p)?.name === "vpn-2").length, 4);
  const out = entry(run.outputs.vpnConnections as Record<string, Record<string, unknown>>, "vpn-1", "connection output");
  assert.equal(out.presharedKeyArn, vpn1.outputs.presharedKeyArn);
  assert.match(String(out.presharedKeyArn), /^arn:aws:secretsmanager:/);
  assert.ok(!JSON.stringify(run.outputs).includes(configSecret));
  const rows = summariseVpn(run).tunnels.filter((t) => t.connection === "vpn-1");
  assert.deepEqual(
    rows.map((r) => r.key),
    ["from config (secret), kept in Secrets Manager", "generated by AWS, kept in Secrets Manager"],
  );
});

test("an unconfigured inside CIDR is allocated and pinned, a configured one kept", () => {
  const allocated = run.settings!.vpnConnections.find((c) => c.name === "vpn-1")!.tunnels[0];
  assert.equal(allocated.insideCidrAllocated, true);
  assert.equal(vpn1.inputs.tunnel1InsideCidr, allocated.insideCidr);
  assert.equal(vpn1.inputs.tunnel2InsideCidr, "169.254.10.4/30");
  assert.notEqual(vpn1.inputs.tunnel1InsideCidr, vpn1.inputs.tunnel2InsideCidr);
});

test("static VPN: staticRoutesOnly, static TGW routes only for the zones the segment may reach, no VpnConnectionRoute", () => {
  assert.equal(vpn1.inputs.staticRoutesOnly, true);
  assert.equal(vpn2.inputs.staticRoutesOnly, false);
  const attachment = vpn1.outputs.transitGatewayAttachmentId;
  const development = byName(run, types.tgwRouteTable, "hub-development");
  const routes = ofType(run, types.tgwRoute).filter((r) => r.inputs.transitGatewayAttachmentId === attachment);
  // prod-services is in staticRouteZones but development may not reach it: no route (its blackhole stays).
  assert.deepEqual(routes.map((r) => [r.name, r.inputs.destinationCidrBlock, r.inputs.transitGatewayRouteTableId]).sort(), [
    ["vpn-1-development-10-100-0-0-16", "10.100.0.0/16", development.id],
    ["vpn-1-development-10-101-0-0-16", "10.101.0.0/16", development.id],
  ]);
  assert.ok(routes.every((r) => parentOf(run, r)?.name === "vpn-1"));
  assert.equal(ofType(run, "aws:ec2/vpnConnectionRoute:VpnConnectionRoute").length, 0);
  // Still associated with on-prem and propagating (ECMP-ready when moved to BGP).
  const tablesOf = (type: string) =>
    ofType(run, type)
      .filter((r) => r.inputs.transitGatewayAttachmentId === attachment)
      .map((r) => byId(run, r.inputs.transitGatewayRouteTableId)?.name);
  assert.deepEqual(tablesOf(types.tgwAssociation), ["hub-onprem"]);
  assert.deepEqual(tablesOf(types.tgwPropagation), ["hub-development"]);
});

test("large tunnels and text logs with the configured retention", () => {
  assert.equal(vpn2.inputs.tunnelBandwidth, "large");
  assert.equal(vpn2.inputs.enableAcceleration, false);
  for (const v of [vpn1, vpn2]) {
    for (const n of [1, 2]) {
      const group = byName(run, types.logGroup, `${v.name}-tunnel${n}-logs`);
      assert.equal(group.inputs.retentionInDays, 30);
      assert.deepEqual(v.inputs[`tunnel${n}LogOptions`], {
        cloudwatchLogOptions: { logEnabled: true, logGroupArn: group.outputs.arn, logOutputFormat: "text" },
      });
    }
  }
});

test("alarms notify the existing topic; none is created", () => {
  assert.equal(ofType(run, types.topic).length, 0);
  const alarms = under(run, "hybrid-network:vpn:SiteToSiteVpn", types.alarm);
  assert.equal(alarms.length, 8);
  for (const a of alarms) {
    assert.deepEqual(a.inputs.alarmActions, [existingTopic]);
    assert.equal(a.inputs.evaluationPeriods, 2);
  }
  assert.equal(run.outputs.vpnAlarmTopicArn, existingTopic);
});

test("without ECMP one tunnel carries the traffic: sizing by the largest tunnel", () => {
  assert.deepEqual(run.outputs.vpnCapacity, { connections: 2, tunnels: 4, gbpsAllUp: 5, gbpsOneTunnelDown: 5 });
  const summary = summariseVpn(run);
  assert.equal(summary.capacity.ecmp, false);
  assert.deepEqual(summary.problems, []);
});
