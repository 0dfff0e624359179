/**
 * The VPN components used directly (as a C# program would, without the settings): args that AWS or
 * the provider would refuse are refused at construction, before any resource is registered; an
 * accelerated connection sends no tunnelBandwidth.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { SiteToSiteVpn } from "../infra/components/vpn";
import type { SiteToSiteVpnArgs, VpnConnectionItem } from "../infra/components/vpn";
import { hardenedTunnelOptions } from "../infra/settings/defaults";

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

before(() =>
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    true,
  ),
);

const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0c1d2e3f";

function connection(overrides: Partial<VpnConnectionItem> = {}): VpnConnectionItem {
  return {
    name: "vpn-1",
    customerGateway: "cgw-1",
    routing: "bgp",
    acceleration: false,
    tunnelBandwidth: "standard",
    outsideIpAddressType: "PublicIpv4",
    tunnelInsideIpVersion: "ipv4",
    presharedKeyStorage: "Standard",
    tunnelOptions: hardenedTunnelOptions,
    tunnel1: { insideCidr: "169.254.10.0/30", presharedKeySource: "aws" },
    tunnel2: { insideCidr: "169.254.10.4/30", presharedKeySource: "aws" },
    staticRoutes: {},
    ...overrides,
  };
}

function args(c: VpnConnectionItem, gateway: { certificateArn?: string } = {}): SiteToSiteVpnArgs {
  return {
    transitGatewayId: "tgw-1",
    onPremRouteTableId: "rtb-onprem",
    segmentRouteTableIds: {},
    customerGateways: [{ name: "cgw-1", ipAddress: "203.0.113.10", bgpAsn: 65010, ...gateway }],
    connections: [c],
    logging: { enabled: false, retentionDays: 0, format: "json", groupNamePrefix: "/aws/vendedlogs/test" },
    alarms: { enabled: false, evaluationPeriods: 3, createTopic: false },
    protect: false,
    tags: {},
  };
}

/** Lets the mock monitor record what was registered so far. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

test("a certificate gateway's tunnel with a key source other than certificate is refused, nothing registered", async () => {
  assert.throws(
    () => new SiteToSiteVpn("cert-with-key", args(connection(), { certificateArn })),
    /vpn-1 tunnel 1: presharedKeySource "aws", but customer gateway cgw-1 authenticates with its certificate/,
  );
  assert.throws(
    () =>
      new SiteToSiteVpn(
        "key-without-cert",
        args(connection({ tunnel2: { insideCidr: "169.254.10.4/30", presharedKeySource: "certificate" } })),
      ),
    /vpn-1 tunnel 2: presharedKeySource "certificate", but customer gateway cgw-1 has no certificateArn/,
  );
  await settle();
  assert.deepEqual(
    registered.filter((r) => r.type.startsWith("aws:")),
    [],
  );
});

test("large tunnels cannot be accelerated", () => {
  assert.throws(
    () => new SiteToSiteVpn("accelerated-large", args(connection({ acceleration: true, tunnelBandwidth: "large" }))),
    /vpn-1: tunnelBandwidth "large" cannot be accelerated/,
  );
});

test("certificate tunnels send no key; an accelerated connection sends no tunnelBandwidth", async () => {
  const certificate = { insideCidr: "169.254.10.0/30", presharedKeySource: "certificate" } as const;
  new SiteToSiteVpn(
    "ok",
    args(connection({ acceleration: true, tunnel1: certificate, tunnel2: { ...certificate, insideCidr: "169.254.10.4/30" } }), {
      certificateArn,
    }),
  );
  await settle();
  const vpn = registered.find((r) => r.type === "aws:ec2/vpnConnection:VpnConnection");
  assert.ok(vpn);
  assert.equal(vpn.inputs.enableAcceleration, true);
  assert.equal("tunnelBandwidth" in vpn.inputs, false);
  assert.equal("tunnel1PresharedKey" in vpn.inputs, false);
  assert.equal("tunnel2PresharedKey" in vpn.inputs, false);
  assert.equal(registered.find((r) => r.type === "aws:ec2/customerGateway:CustomerGateway")?.inputs.certificateArn, certificateArn);
});
