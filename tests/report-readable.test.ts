/**
 * What a network engineer reads in the plan report (one process, program runs one after the other):
 *  - values the offline run made up (ids, ARNs, AWS's outside addresses) read `(known after deploy)`
 *    in the tunnel table, the resources' key inputs and the stack outputs, markdown and JSON alike,
 *    while values that come from the config (inside CIDRs and addresses, ASNs, the customer gateway's
 *    address, an adopted VPC's ids) are printed;
 *  - where each tunnel's key comes from, per tunnel;
 *  - a summary first: resources by component, the intent verdict, capacity with one tunnel down,
 *    what needs attention; a `summary` key in the JSON.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { buildReport } from "../plan/report/build";
import type { BuiltReport } from "../plan/report/build";
import { knownAfterDeploy, placeholdersOf } from "../plan/report/placeholders";
import { summariseVpn } from "../plan/report/sections/vpn";
import { byName, planOk, types } from "./harness";
import { without } from "./analysis-fixtures";
import { item } from "./settings-helpers";

let dev: CapturedRun;
let prod: CapturedRun;
let devReport: BuiltReport;
let brownfield: CapturedRun;
let mixedKeys: CapturedRun;
let broken: BuiltReport;

before(async () => {
  dev = await planOk("dev");
  devReport = buildReport(dev);
  brownfield = await planOk("brownfield");
  prod = await planOk("prod");
  mixedKeys = await planOk("dev", {
    edit: (c) => {
      const vpn1 = item(c, "vpnConnections", "vpn-1");
      vpn1.tunnel1 = { insideCidr: "169.254.10.0/30", presharedKey: { source: "config", configKey: "vpn1Tunnel1Psk" } };
      (c.vpnConnections as unknown[]).push({
        name: "vpn-2",
        customerGateway: "cgw-primary",
        tunnel1: { insideCidr: "169.254.11.0/30" },
        tunnel2: { insideCidr: "169.254.11.4/30", presharedKey: { source: "config", configKey: "vpn2Tunnel2Psk" } },
      });
    },
    secrets: { vpn1Tunnel1Psk: "Abc.def_12345678", vpn2Tunnel2Psk: "Xyz.uvw_87654321" },
  });
  // development loses its routes to dev-data: it may reach the zone, but no route leads there (a
  // network the settings would not build: the run is edited after the program).
  broken = buildReport(without(dev, (r) => r.type === types.route && r.inputs.destinationCidrBlock === "10.103.0.0/16"));
});

/** The markdown body of a section, by its heading. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}`);
  assert.ok(start >= 0, `no section ${title}`);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

test("the mocks mark what they made up: created ids, ARNs, outside addresses; not inside addresses, ASNs or imported ids", () => {
  const vpn = byName(dev, types.vpn, "vpn-1");
  assert.deepEqual(
    [...(vpn.placeholders ?? [])].sort(),
    ["arn", "customerGatewayConfiguration", "id", "transitGatewayAttachmentId", "tunnel1Address", "tunnel2Address"].sort(),
  );
  const importedVpc = brownfield.resources.find((r) => r.type === types.vpc && r.importId !== undefined);
  assert.ok(importedVpc, "the brownfield stack imports its VPC");
  assert.ok(!(importedVpc.placeholders ?? []).includes("id"), "an imported id is the real one");
  const eip = brownfield.resources.find((r) => r.type === types.eip && r.importId !== undefined);
  assert.deepEqual(eip?.placeholders, ["arn", "publicIp"], "an imported Elastic IP's allocationId is its id");
});

test("the tunnel table reads (known after deploy) for AWS's outside IPs and prints what the config decides", () => {
  const tunnels = section(devReport.markdown, "Site-to-Site VPN");
  const vpn = byName(dev, types.vpn, "vpn-1");
  for (const n of [1, 2])
    assert.ok(!tunnels.includes(String(vpn.outputs[`tunnel${n}Address`])), `tunnel ${n}: the mock outside IP is printed`);
  assert.match(
    tunnels,
    /\| vpn-1 \| 1 \| cgw-primary \| \(known after deploy\) \| 169\.254\.10\.0\/30 \| 169\.254\.10\.1 \| 169\.254\.10\.2 \| 64512 \| 65010 \|/,
  );
  const json = JSON.parse(devReport.json) as { vpn: { tunnels: { outsideIp: string }[]; connections: { attachmentId: string }[] } };
  assert.deepEqual(
    json.vpn.tunnels.map((t) => t.outsideIp),
    [knownAfterDeploy, knownAfterDeploy],
  );
  assert.deepEqual(
    json.vpn.connections.map((c) => c.attachmentId),
    [knownAfterDeploy],
  );
});

test("no made-up value is printed anywhere in the report, markdown or JSON; the captured run keeps its mock ids", () => {
  // Values of a few characters (the one-letter first part of a generated key, a secret) match anywhere.
  const made = [...placeholdersOf(dev).keys()].filter((v) => v.length >= 8);
  assert.ok(made.length > 50, `${made.length} made-up values`);
  const leaked = made.filter((v) => devReport.markdown.includes(v) || devReport.json.includes(`"${v}"`));
  assert.deepEqual(leaked, []);
  // The resources table says what a made-up id refers to.
  assert.match(
    section(devReport.markdown, "Resources"),
    /\| RouteTableAssociation \| vpn-1-onprem \| transitGatewayAttachmentId=transitGatewayAttachmentId of vpn-1 \(known after deploy\); transitGatewayRouteTableId=id of hub-onprem \(known after deploy\) \|/,
  );
  const outputs = JSON.parse(devReport.json) as { outputs: Record<string, unknown> };
  assert.equal(outputs.outputs.transitGatewayId, knownAfterDeploy);
  assert.deepEqual(outputs.outputs.vpnCapacity, dev.outputs.vpnCapacity, "values from the config are kept");
  assert.match(section(devReport.markdown, "Stack outputs"), /"customerInsideAddress": "169\.254\.10\.2"/);
  // The captured run itself keeps its mock ids: the analysis and the diff match on them.
  assert.match(String(dev.outputs.transitGatewayId), /^tgw-[0-9a-f]{17}$/);
});

test("an adopted VPC's ids come from the config and are printed as they are", () => {
  const report = buildReport(brownfield);
  const imported = brownfield.resources.filter((r) => r.importId !== undefined).map((r) => r.importId ?? "");
  assert.ok(imported.length > 10);
  const outputs = section(report.markdown, "Stack outputs");
  const vpcId = brownfield.resources.find((r) => r.type === types.vpc)?.importId ?? "";
  assert.ok(outputs.includes(`"vpcId": "${vpcId}"`), "the adopted VPC's id is printed");
  assert.ok(outputs.includes(`"attachmentId": "${knownAfterDeploy}"`), "the created attachment's id is not");
});

test("an account named in the config is no placeholder: the RAM principals and a spoke account's ARNs built from names are printed", () => {
  const report = buildReport(prod);
  const resources = section(report.markdown, "Resources");
  assert.match(resources, /\| PrincipalAssociation \| hub-share-222222222222 \| principal=222222222222 \|/);
  // A spoke's flow log group lives in the spoke's account (its provider's allowedAccountIds): its ARN is known.
  const outputs = section(report.markdown, "Stack outputs");
  assert.match(outputs, /"test": "arn:aws:logs:eu-west-1:222222222222:log-group:\/hybrid-network\/prod\/flow-logs\/vpc\/test"/);
  // The credentials' account is not known offline: the hub's ARN is a placeholder.
  assert.match(outputs, /"transitGatewayArn": "\(known after deploy\)"/);
  assert.ok(!report.markdown.includes("111111111111"), "the mocks' own account is never printed");
});

test("where each tunnel's key comes from is said per tunnel: config on one, generated on the other", () => {
  const keys = summariseVpn(mixedKeys).tunnels.map((t) => [t.connection, t.tunnel, t.key]);
  assert.deepEqual(keys, [
    ["vpn-1", 1, "from config (secret)"],
    ["vpn-1", 2, "generated"],
    ["vpn-2", 1, "generated"],
    ["vpn-2", 2, "from config (secret)"],
  ]);
});

test("the report starts with a one-screen summary: resources by component, intent, capacity, what needs attention", () => {
  const md = devReport.markdown;
  assert.ok(md.indexOf("\n## Summary") < md.indexOf("\n## Resources"), "the summary comes first");
  const summary = section(md, "Summary");
  assert.ok(summary.split("\n").length <= 40, `the summary has ${summary.split("\n").length} lines`);
  assert.match(summary, /\*\*Intent check: passed\*\*/);
  assert.match(summary, /An example state of stack `prod` \(`exampleOf`\): planned and tested, never deployed/);
  // Resources by component, adding up to the resources section's total.
  const json = JSON.parse(devReport.json) as {
    summary: {
      ok: boolean;
      resources: { total: number; byComponent: { component: string; names: string[]; resources: number }[] };
      intent: { ok: boolean; violations: number };
      capacity: { gbpsOneTunnelDown: number; gbpsAllUp: number; scope: string };
      attention: string[];
    };
    resources: { total: number };
  };
  const s = json.summary;
  assert.equal(s.resources.total, json.resources.total);
  assert.equal(
    s.resources.byComponent.reduce((n, c) => n + c.resources, 0),
    json.resources.total,
  );
  assert.deepEqual(
    s.resources.byComponent.map((c) => [c.component, c.names]),
    [
      ["TransitGatewayHub", ["hub"]],
      ["SiteToSiteVpn", ["vpn"]],
      ["SpokeVpc", ["development"]],
      ["SegmentRouting", ["hub-development", "hub-onprem"]],
      // Operations (docs/operations.md), after the network's own components.
      ["BlackholeDropAlarms", ["blackhole-alarms"]],
      ["FlowLogs", ["development-vpc-flow-logs", "hub-tgw-flow-logs"]],
      ["NetworkDashboard", ["network-dashboard"]],
    ],
  );
  assert.match(summary, /\| SpokeVpc \| development \| 37 \|/);
  assert.deepEqual([s.ok, s.intent.ok, s.intent.violations], [true, true, 0]);
  assert.deepEqual([s.capacity.gbpsAllUp, s.capacity.gbpsOneTunnelDown], [2.5, 1.25]);
  assert.match(summary, /Capacity with one tunnel down: 1\.25 Gbps/);
  // What needs attention: the single VPN connection and gateway, the addresses known after deploy, protection off.
  for (const re of [
    /vpn vpn-1 is a single point of failure: 8 flows lost/,
    /customer-gateway cgw-primary is a single point of failure: 8 flows lost/,
    /outside IPs of 2 tunnels are known after deploy/,
    /not protected/,
  ]) {
    assert.ok(
      s.attention.some((a) => re.test(a)),
      `attention lacks ${re}: ${s.attention.join(" | ")}`,
    );
    assert.match(summary, re);
  }
});

test("a broken intent is the summary's first line, with its violations", () => {
  const summary = section(broken.markdown, "Summary");
  assert.equal(broken.ok, false);
  assert.match(summary, /\*\*Intent check: FAILED, \d+ violations?\*\*/);
  assert.match(summary, /must-reach: development -> dev-data/);
  const json = JSON.parse(broken.json) as { ok: boolean; summary: { ok: boolean; intent: { ok: boolean; violations: number } } };
  assert.deepEqual([json.ok, json.summary.ok, json.summary.intent.ok], [false, false, false]);
  assert.ok(json.summary.intent.violations > 0);
});
