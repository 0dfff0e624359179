/**
 * What AWS or the provider would refuse (or silently drop) at deploy time is refused at plan time:
 * the startup action and IKE version, certificate gateways (ARN, no pre-shared key), the customer
 * gateway's address against the connection's outside IP type, an IPv4 inside CIDR on an IPv6
 * tunnel. Each error names the key, the rule and the value; one program run shows them all at once
 * with nothing registered, the other cases go straight through the settings loader.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { SettingsIssue } from "../infra/settings/errors";
import type { RunResult } from "../plan/runtime/run";
import { isSettingsError } from "../plan/runtime/run";
import { planStack } from "./harness";
import { issuesOf, item, load } from "./settings-helpers";

type Config = Record<string, unknown>;

const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f";

function hit(issues: SettingsIssue[], path: string, rule: string): SettingsIssue {
  const found = issues.find((i) => i.path === path && i.rule === rule);
  assert.ok(found, `expected ${rule} at ${path}; got ${issues.map((i) => `${i.path} [${i.rule}] ${i.message}`).join("; ")}`);
  return found;
}

function none(issues: SettingsIssue[], rule: string): void {
  assert.deepEqual(
    issues.filter((i) => i.rule === rule),
    [],
  );
}

/** The issues of an edited prod stack; [] when it loads. */
function issuesOrNone(edit: (c: Config) => void, stack = "prod"): SettingsIssue[] {
  try {
    load(stack, edit);
    return [];
  } catch {
    return issuesOf(stack, edit);
  }
}

let result: RunResult;
before(async () => {
  result = await planStack("prod", {
    edit: (c) => {
      item(c, "vpnConnections", "vpn-1").tunnelOptions = { startupAction: "start", ikeVersions: ["ikev1"] };
      item(c, "customerGateways", "cgw-primary").ipAddress = "10.1.2.3";
      item(c, "customerGateways", "cgw-secondary").certificateArn = "arn:aws:iam::123456789012:server-certificate/vpn";
      item(c, "vpnConnections", "vpn-4").tunnel2 = { presharedKey: { source: "generated" } };
      Object.assign(item(c, "vpnConnections", "vpn-2"), {
        tunnelInsideIpVersion: "ipv6",
        tunnel1: { insideCidr: "169.254.10.8/30", insideIpv6Cidr: "fd00:10::/126" },
        tunnel2: { insideIpv6Cidr: "fd00:10::4/126" },
      });
      (c.customerGateways as unknown[]).push({ name: "cgw-dx", ipAddress: "198.51.100.40", bgpAsn: 65030 });
      (c.vpnConnections as unknown[]).push({
        name: "vpn-dx",
        customerGateway: "cgw-dx",
        outsideIpAddressType: "PrivateIpv4",
        transportTransitGatewayAttachmentId: "tgw-attach-0123456789abcdef0",
      });
      (c.vpn as Config).logging = { retentionDays: "never" };
    },
  });
});

test("program run: every gap at once, each naming key, rule and value, and nothing registered", () => {
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.run.resources.map((r) => r.type),
    ["pulumi:pulumi:Stack"],
    "no provider, component or AWS resource is registered",
  );
  assert.ok(!result.ok && isSettingsError(result.error));
  const issues = result.error.issues;
  assert.match(
    hit(issues, "vpnConnections[vpn-1].tunnelOptions.startupAction", "startup-action-needs-ikev2").message,
    /"start" with ikeVersions \["ikev1"\]/,
  );
  assert.match(hit(issues, "customerGateways[cgw-primary].ipAddress", "cgw-ip-not-public").message, /"10\.1\.2\.3".*vpn-1, vpn-3/);
  assert.match(
    hit(issues, "customerGateways[cgw-secondary].certificateArn", "cgw-certificate-arn").message,
    /"arn:aws:iam::123456789012:server-certificate\/vpn" is not an ACM certificate ARN/,
  );
  assert.match(
    hit(issues, "vpnConnections[vpn-4].tunnel2.presharedKey", "certificate-gateway-preshared-key").message,
    /\{"source":"generated"\}.*cgw-secondary.*remove presharedKey/,
  );
  assert.match(
    hit(issues, "vpnConnections[vpn-2].tunnel1.insideCidr", "tunnel-inside-cidr-needs-ipv4").message,
    /"169\.254\.10\.8\/30".*tunnelInsideIpVersion "ipv6"/,
  );
  assert.match(hit(issues, "customerGateways[cgw-dx].ipAddress", "cgw-ip-not-private").message, /"198\.51\.100\.40".*vpn-dx/);
  assert.equal(issues.length, 6, issues.map((i) => `${i.path} [${i.rule}]`).join("; "));
});

test("startupAction start needs IKEv2, wherever the two options are set", () => {
  const at = (edit: (c: Config) => void) => issuesOrNone(edit);
  hit(
    at((c) => ((c.vpn as Config).tunnelOptions = { startupAction: "start", ikeVersions: ["ikev1"] })),
    "vpn.tunnelOptions.startupAction",
    "startup-action-needs-ikev2",
  );
  // The connection narrows the IKE versions under a stack-wide start: reported where it narrows.
  hit(
    at((c) => {
      (c.vpn as Config).tunnelOptions = { startupAction: "start" };
      item(c, "vpnConnections", "vpn-3").tunnelOptions = { ikeVersions: ["ikev1"] };
    }),
    "vpnConnections[vpn-3].tunnelOptions.ikeVersions",
    "startup-action-needs-ikev2",
  );
  none(
    at((c) => ((c.vpn as Config).tunnelOptions = { startupAction: "start", ikeVersions: ["ikev1", "ikev2"] })),
    "startup-action-needs-ikev2",
  );
  none(
    at((c) => ((c.vpn as Config).tunnelOptions = { startupAction: "start" })),
    "startup-action-needs-ikev2",
  );
  none(
    at((c) => ((c.vpn as Config).tunnelOptions = { startupAction: "add", ikeVersions: ["ikev1"] })),
    "startup-action-needs-ikev2",
  );
});

test("startupAction start needs the customer gateway's IP address: it is required for every gateway", () => {
  const issues = issuesOf("prod", (c) => {
    (c.vpn as Config).tunnelOptions = { startupAction: "start" };
    delete item(c, "customerGateways", "cgw-primary").ipAddress;
  });
  hit(issues, "customerGateways[cgw-primary].ipAddress", "required");
});

test("certificateArn: an ACM certificate ARN in any partition, nothing else", () => {
  const at = (arn: string) => issuesOrNone((c) => (item(c, "customerGateways", "cgw-primary").certificateArn = arn));
  for (const good of [certificateArn, "arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/abc-123"]) {
    none(at(good), "cgw-certificate-arn");
  }
  for (const bad of [
    "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0c1d2e3f",
    "arn:aws:acm:eu-west-1:12345:certificate/0c1d2e3f",
    "arn:aws:acm::123456789012:certificate/0c1d2e3f",
    "0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f",
  ]) {
    assert.match(hit(at(bad), "customerGateways[cgw-primary].certificateArn", "cgw-certificate-arn").message, new RegExp(bad.slice(0, 12)));
  }
});

test("a certificate gateway's tunnels take no pre-shared key: left out, they authenticate with the certificate", () => {
  const settings = load("prod", (c) => (item(c, "customerGateways", "cgw-primary").certificateArn = certificateArn));
  const onCert = settings.vpnConnections.filter((v) => v.customerGateway === "cgw-primary");
  assert.deepEqual(
    onCert.map((v) => v.name),
    ["vpn-1", "vpn-3"],
  );
  for (const v of onCert)
    assert.deepEqual(
      v.tunnels.map((t) => t.presharedKey.source),
      ["certificate", "certificate"],
    );
  const other = settings.vpnConnections.find((v) => v.name === "vpn-2");
  assert.deepEqual(
    other?.tunnels.map((t) => t.presharedKey.source),
    ["generated", "generated"],
  );

  for (const key of [{ source: "generated" }, { source: "aws" }, { source: "config", configKey: "vpn1Psk" }]) {
    const issues = issuesOf(
      "prod",
      (c) => {
        item(c, "customerGateways", "cgw-primary").certificateArn = certificateArn;
        item(c, "vpnConnections", "vpn-1").tunnel1 = { insideCidr: "169.254.10.0/30", presharedKey: key };
      },
      key.source === "config" ? { vpn1Psk: "Abcdefgh_1234" } : {},
    );
    const issue = hit(issues, "vpnConnections[vpn-1].tunnel1.presharedKey", "certificate-gateway-preshared-key");
    assert.match(issue.message, new RegExp(`"source":"${key.source}"`));
    assert.match(issue.message, /authenticates with its certificate.*remove presharedKey/);
    assert.equal(issues.length, 1, issues.map((i) => i.rule).join(", "));
  }
});

test("the gateway's address: public for PublicIpv4 connections, RFC 1918 / RFC 6598 for PrivateIpv4 ones", () => {
  const publicAt = (ip: string) => issuesOrNone((c) => (item(c, "customerGateways", "cgw-primary").ipAddress = ip));
  // Documentation ranges stand in for public addresses in the example stacks: accepted as public.
  for (const ip of ["203.0.113.10", "198.51.100.20", "192.0.2.1", "52.1.2.3"]) none(publicAt(ip), "cgw-ip-not-public");
  for (const ip of ["10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "127.0.0.1", "169.254.1.1", "224.0.0.1", "0.1.2.3"]) {
    assert.match(hit(publicAt(ip), "customerGateways[cgw-primary].ipAddress", "cgw-ip-not-public").message, new RegExp(`"${ip}"`));
  }
  const privateAt = (ip: string) =>
    issuesOrNone((c) => {
      (c.customerGateways as unknown[]).push({ name: "cgw-dx", ipAddress: ip, bgpAsn: 65030 });
      (c.vpnConnections as unknown[]).push({
        name: "vpn-dx",
        customerGateway: "cgw-dx",
        outsideIpAddressType: "PrivateIpv4",
        transportTransitGatewayAttachmentId: "tgw-attach-0123456789abcdef0",
      });
    });
  for (const ip of ["10.1.2.3", "172.31.255.254", "192.168.0.10", "100.127.0.1"]) none(privateAt(ip), "cgw-ip-not-private");
  for (const ip of ["203.0.113.10", "52.1.2.3", "169.254.1.1", "100.128.0.1"]) {
    assert.match(hit(privateAt(ip), "customerGateways[cgw-dx].ipAddress", "cgw-ip-not-private").message, /RFC 1918.*RFC 6598/);
  }
});

test("a pinned IPv4 inside CIDR on an IPv6 tunnel is refused, not dropped", () => {
  const issues = issuesOf("prod", (c) =>
    Object.assign(item(c, "vpnConnections", "vpn-1"), {
      tunnelInsideIpVersion: "ipv6",
      tunnel1: { insideCidr: "169.254.10.0/30", insideIpv6Cidr: "fd00:10::/126" },
      tunnel2: { insideCidr: "169.254.10.4/30", insideIpv6Cidr: "fd00:10::4/126" },
    }),
  );
  hit(issues, "vpnConnections[vpn-1].tunnel1.insideCidr", "tunnel-inside-cidr-needs-ipv4");
  hit(issues, "vpnConnections[vpn-1].tunnel2.insideCidr", "tunnel-inside-cidr-needs-ipv4");
  // Unpinned, an IPv6 connection is fine.
  const settings = load("prod", (c) =>
    Object.assign(item(c, "vpnConnections", "vpn-1"), {
      tunnelInsideIpVersion: "ipv6",
      tunnel1: { insideIpv6Cidr: "fd00:10::/126" },
      tunnel2: { insideIpv6Cidr: "fd00:10::4/126" },
    }),
  );
  assert.equal(settings.vpnConnections[0]?.tunnelInsideIpVersion, "ipv6");
});

test("log retention: a CloudWatch Logs value or never (no expiry); 0 is not how to say never", () => {
  const at = (days: unknown) => issuesOrNone((c) => ((c.vpn as Config).logging = { retentionDays: days }));
  none(at("never"), "log-retention");
  none(at(3653), "log-retention");
  assert.equal(load("prod", (c) => ((c.vpn as Config).logging = { retentionDays: "never" })).vpn.logging.retentionDays, "never");
  assert.match(hit(at(0), "vpn.logging.retentionDays", "log-retention").message, /0 is not a CloudWatch Logs retention.*or "never"/);
  hit(at("forever"), "vpn.logging.retentionDays", "schema");
});
