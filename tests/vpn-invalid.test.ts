/**
 * Invalid VPN configurations are rejected before anything is registered, each error naming the
 * config key and the rule. One program run (several errors at once); the other cases go straight
 * through the settings loader.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { SettingsIssue } from "../infra/settings/errors";
import type { RunResult } from "../plan/runtime/run";
import { isSettingsError } from "../plan/runtime/run";
import { planStack } from "./harness";
import { issuesOf, item } from "./settings-helpers";

type Config = Record<string, unknown>;

function has(issues: SettingsIssue[], path: string, rule: string): void {
  assert.ok(
    issues.some((i) => i.path === path && i.rule === rule),
    `expected ${rule} at ${path}; got ${issues.map((i) => `${i.path} [${i.rule}]`).join("; ")}`,
  );
}

let result: RunResult;
before(async () => {
  result = await planStack("prod", {
    edit: (c) => {
      Object.assign(item(c, "vpnConnections", "vpn-3"), { tunnelBandwidth: "large" });
      item(c, "customerGateways", "cgw-secondary").bgpAsn = 7224;
      (c.vpn as Config).tunnelOptions = { dpdTimeoutSeconds: 10 };
    },
  });
});

test("program run: every error listed by key and rule, and nothing registered", () => {
  assert.equal(result.ok, false);
  // The engine's own stack resource is all there is: no provider, component or AWS resource.
  assert.deepEqual(
    result.run.resources.map((r) => r.type),
    ["pulumi:pulumi:Stack"],
  );
  assert.ok(!result.ok && isSettingsError(result.error));
  const issues = !result.ok && isSettingsError(result.error) ? result.error.issues : [];
  has(issues, "vpnConnections[vpn-3].acceleration", "acceleration-with-large-tunnels");
  has(issues, "customerGateways[cgw-secondary].bgpAsn", "cgw-asn-reserved");
  has(issues, "vpn.tunnelOptions.dpdTimeoutSeconds", "tunnel-dpdTimeoutSeconds-range");
  assert.equal(issues.length, 3);
});

test("ASN: above 4,294,967,295, equal to the TGW's, or reserved in the region", () => {
  has(
    issuesOf("prod", (c) => (item(c, "customerGateways", "cgw-primary").bgpAsn = 4294967296)),
    "customerGateways[cgw-primary].bgpAsn",
    "cgw-asn-range",
  );
  has(
    issuesOf("prod", (c) => (item(c, "customerGateways", "cgw-primary").bgpAsn = 64512)),
    "customerGateways[cgw-primary].bgpAsn",
    "cgw-asn-equals-tgw-asn",
  );
  has(
    issuesOf("prod", (c) => (item(c, "customerGateways", "cgw-primary").bgpAsn = 9059)),
    "customerGateways[cgw-primary].bgpAsn",
    "cgw-asn-reserved",
  );
});

test("two gateways with the same IP and ASN need distinct device names", () => {
  const issues = issuesOf("prod", (c) => {
    Object.assign(item(c, "customerGateways", "cgw-secondary"), { ipAddress: "203.0.113.10", deviceName: "dc1-edge-1" });
  });
  has(issues, "customerGateways[cgw-secondary].deviceName", "cgw-duplicate-identity");
});

test("static routing with ECMP over several connections is rejected", () => {
  has(
    issuesOf("prod", (c) => (item(c, "vpnConnections", "vpn-2").routing = "static")),
    "vpnConnections[vpn-2].routing",
    "ecmp-needs-bgp",
  );
});

test("too few connections for the required bandwidth with one tunnel down", () => {
  const issues = issuesOf("prod", (c) => ((c.vpn as Config).requiredBandwidthGbps = 10));
  has(issues, "vpn.requiredBandwidthGbps", "capacity-connections");
  assert.match(issues.find((i) => i.rule === "capacity-connections")!.message, /needs 5 standard connections/);
});

test("acceleration needs public IPv4; private IPv4 needs the Direct Connect transport attachment", () => {
  const issues = issuesOf("prod", (c) => (item(c, "vpnConnections", "vpn-4").outsideIpAddressType = "PrivateIpv4"));
  has(issues, "vpnConnections[vpn-4].acceleration", "acceleration-needs-public-ip");
  has(issues, "vpnConnections[vpn-4].transportTransitGatewayAttachmentId", "private-ip-needs-transport");
});

test("inside CIDRs: reserved, outside 169.254.0.0/16, reused across connections or within one", () => {
  has(
    issuesOf("prod", (c) => (item(c, "vpnConnections", "vpn-3").tunnel1 = { insideCidr: "169.254.5.0/30" })),
    "vpnConnections[vpn-3].tunnel1.insideCidr",
    "tunnel-inside-cidr-reserved",
  );
  has(
    issuesOf("prod", (c) => (item(c, "vpnConnections", "vpn-3").tunnel1 = { insideCidr: "10.0.0.0/30" })),
    "vpnConnections[vpn-3].tunnel1.insideCidr",
    "tunnel-inside-cidr-range",
  );
  has(
    issuesOf("prod", (c) => (item(c, "vpnConnections", "vpn-2").tunnel1 = { insideCidr: "169.254.10.0/30" })),
    "vpnConnections[vpn-2].tunnel1.insideCidr",
    "tunnel-inside-cidr-unique",
  );
  has(
    issuesOf("prod", (c) => (item(c, "vpnConnections", "vpn-1").tunnel2 = { insideCidr: "169.254.10.0/30" })),
    "vpnConnections[vpn-1].tunnel2.insideCidr",
    "tunnel-inside-cidr-same-connection",
  );
});

test("pre-shared key from config: missing, not secret, or breaking AWS's rules (value never shown)", () => {
  const useKey = (c: Config) => (item(c, "vpnConnections", "vpn-1").tunnel1 = { presharedKey: { source: "config", configKey: "psk1" } });
  const path = "vpnConnections[vpn-1].tunnel1.presharedKey.configKey";
  has(issuesOf("prod", useKey), path, "preshared-key-config-missing");
  has(
    issuesOf("prod", (c) => {
      useKey(c);
      c.psk1 = "Plaintext_key_123";
    }),
    path,
    "preshared-key-not-secret",
  );
  for (const bad of ["0leadingZero", "short", "has-dash-1234", "x".repeat(65)]) {
    const issues = issuesOf("prod", useKey, { psk1: bad });
    has(issues, path, "preshared-key-format");
    assert.ok(!JSON.stringify(issues).includes(bad), "the key is not echoed");
  }
});

test("tunnel options outside AWS's ranges", () => {
  const at = (options: Config) => issuesOf("prod", (c) => ((c.vpn as Config).tunnelOptions = options));
  has(at({ phase1LifetimeSeconds: 600 }), "vpn.tunnelOptions.phase1LifetimeSeconds", "tunnel-phase1LifetimeSeconds-range");
  has(
    at({ phase1LifetimeSeconds: 3000, phase2LifetimeSeconds: 3600 }),
    "vpn.tunnelOptions.phase2LifetimeSeconds",
    "tunnel-phase2-below-phase1",
  );
  has(at({ rekeyMarginTimeSeconds: 2000 }), "vpn.tunnelOptions.rekeyMarginTimeSeconds", "tunnel-rekeyMarginTimeSeconds-range");
  has(at({ replayWindowSize: 32 }), "vpn.tunnelOptions.replayWindowSize", "tunnel-replayWindowSize-range");
  has(at({ rekeyFuzzPercentage: 150 }), "vpn.tunnelOptions.rekeyFuzzPercentage", "tunnel-rekeyFuzzPercentage-range");
  has(at({ phase1DhGroupNumbers: [5] }), "vpn.tunnelOptions.phase1DhGroupNumbers", "tunnel-phase1DhGroupNumbers");
  has(at({ dpdTimeoutAction: "reset" }), "vpn.tunnelOptions.dpdTimeoutAction", "schema");
  has(
    issuesOf("prod", (c) => (item(c, "vpnConnections", "vpn-2").tunnelOptions = { ikeVersions: ["ikev3"] })),
    "vpnConnections[vpn-2].tunnelOptions.ikeVersions[0]",
    "schema",
  );
});

test("log retention must be a CloudWatch Logs value", () => {
  has(
    issuesOf("prod", (c) => ((c.vpn as Config).logging = { retentionDays: 100 })),
    "vpn.logging.retentionDays",
    "log-retention",
  );
});
