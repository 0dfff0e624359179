/**
 * docs/csharp.md's C# examples name only what they declare or what the component package's
 * schema gives a C# program (tests/csharp-example.ts reads them): every component, args class,
 * input type, enum member, property and output they use exists under its generated C# name, and
 * every variable is declared in the same block, so each block stands on its own.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { schemaAnalyzer } from "../infra/lib/sdk-internals";
import { packageComponents, packageName } from "../infra/package-components";
import { checkCsharpBlock, csharpBlocks } from "./csharp-example";
import type { CsharpSchema } from "./csharp-example";

const root = join(__dirname, "..");
const doc = readFileSync(join(root, "docs", "csharp.md"), "utf8");
let schema: CsharpSchema;

before(() => {
  const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
  const analysis = new (schemaAnalyzer())(root, packageName, packageJson, new Set(packageComponents.map((c) => c.name))).analyze();
  const types = Object.values(analysis.typeDefinitions);
  const required = (props: Record<string, { optional?: boolean }>) =>
    Object.fromEntries(Object.entries(props).map(([name, d]) => [name, d.optional !== true]));
  schema = {
    components: Object.fromEntries(
      Object.entries(analysis.components).map(([name, c]) => [name, { inputs: required(c.inputs), outputs: Object.keys(c.outputs) }]),
    ),
    objectTypes: Object.fromEntries(types.filter((t) => !t.enum).map((t) => [t.name, required(t.properties ?? {})])),
    enums: Object.fromEntries(types.filter((t) => t.enum).map((t) => [t.name, (t.enum ?? []).map((m) => m.name ?? "")])),
  };
});

test("every C# block of docs/csharp.md uses only names it declares or the schema gives C#", () => {
  const blocks = csharpBlocks(doc);
  assert.ok(blocks.length >= 3, `${blocks.length} C# blocks`);
  const problems = blocks.flatMap((b) => checkCsharpBlock(b.source, schema).map((p) => `block at docs/csharp.md:${b.line}, ${p}`));
  assert.deepEqual(problems, []);
});

test("the complete example builds the hub, the VPN, a spoke and both sides of its routing in one program", () => {
  const full = csharpBlocks(doc).filter((b) => /Deployment\.RunAsync/.test(b.source));
  const constructs = (source: string) => [...source.matchAll(/new HybridNetwork\.(\w+)\("/g)].map((m) => m[1]);
  assert.ok(
    full.some((b) => ["TransitGatewayHub", "SiteToSiteVpn", "SpokeVpc", "SegmentRouting"].every((c) => constructs(b.source).includes(c))),
    "no single program constructs TransitGatewayHub, SiteToSiteVpn, SpokeVpc and SegmentRouting",
  );
});

test("the reader reports what a C# compiler, or Pulumi at run time, would refuse", () => {
  // A small schema of the same shape as the package's.
  const small: CsharpSchema = {
    components: {
      TransitGatewayHub: { inputs: { ecmp: true, description: false }, outputs: ["transitGatewayId"] },
      SiteToSiteVpn: { inputs: { transitGatewayId: true, connections: true, customerGateways: true, logging: true }, outputs: [] },
    },
    objectTypes: { CustomerGateway: { name: true, ipAddress: true }, VpnLogging: { format: true, enabled: false } },
    enums: { LogOutputFormat: ["Json", "Text"] },
  };
  const program = [
    "using HybridNetwork = Pulumi.HybridNetwork;",
    'var hub = new HybridNetwork.TransitGatewayHub("hub", new HybridNetwork.TransitGatewayHubArgs { Ecmp = true, Colour = "blue" });',
    'var vpn = new HybridNetwork.SiteToSiteVpn("vpn", new HybridNetwork.SiteToSiteVpnArgs',
    "{",
    "    TransitGatewayId = hub.TransitGatewayIdentifier,",
    "    Connections = { vpn1 },",
    '    CustomerGateways = { new HybridNetwork.Inputs.CustomerGatewayArgsArgs { Name = "cgw" } },',
    "    Logging = new HybridNetwork.Inputs.VpnLoggingArgs { Format = HybridNetwork.LogOutputFormat.Yaml, Colour = 1 },",
    "});",
    'var other = new HybridNetwork.SiteToSiteVpn("other", new HybridNetwork.SiteToSiteVpnArgs { TransitGatewayId = "tgw-1", Connections = new() });',
  ].join("\n");
  const expected = [
    /line 2: TransitGatewayHubArgs has no property Colour/,
    /line 5: hub\.TransitGatewayIdentifier: TransitGatewayHub has no output TransitGatewayIdentifier/,
    /line 6: vpn1 is used but neither declared/,
    /line 7: HybridNetwork\.Inputs\.CustomerGatewayArgsArgs: no input type CustomerGatewayArgs/,
    /line 8: HybridNetwork\.LogOutputFormat\.Yaml: LogOutputFormat has no member Yaml/,
    /line 8: Inputs\.VpnLoggingArgs has no property Colour/,
    /line 10: SiteToSiteVpnArgs lacks the required CustomerGateways, Logging/,
  ];
  const problems = checkCsharpBlock(program, small);
  assert.equal(problems.length, expected.length, problems.join("\n"));
  expected.forEach((re, i) => assert.match(problems[i] ?? "", re));
  // Corrected, it passes: the same reader accepts what it should.
  const fixed = program
    .replace(', Colour = "blue"', "")
    .replace("TransitGatewayIdentifier", "TransitGatewayId")
    .replace("{ vpn1 }", "{ }")
    .replace('CustomerGatewayArgsArgs { Name = "cgw" }', 'CustomerGatewayArgs { Name = "cgw", IpAddress = "203.0.113.10" }')
    .replace("LogOutputFormat.Yaml, Colour = 1", "LogOutputFormat.Json")
    .replace(
      "Connections = new() }",
      "Connections = new(), CustomerGateways = new(), Logging = new HybridNetwork.Inputs.VpnLoggingArgs { Format = HybridNetwork.LogOutputFormat.Text } }",
    );
  assert.deepEqual(checkCsharpBlock(fixed, small), []);
});
