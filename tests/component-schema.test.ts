/**
 * The component package (PulumiPlugin.yaml, infra/provider.ts): the schema that `pulumi package add`
 * generates the C# SDK from. Offline, no Pulumi CLI, no program run: the provider entry is started in
 * its own process and asked GetSchema over gRPC, as the CLI does; meanwhile the same analyzer
 * (@pulumi/pulumi/provider/experimental) runs here over the served components, to check their args
 * and outputs field by field.
 *
 * The analyzer throws on the first args or output shape it cannot express (a string-literal union,
 * an intersection type, a reference to one of our own component classes); every test then fails
 * with its message, which names the component and the property.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { parse } from "yaml";
import { IngressProtocol, NatGatewayPlacement, SpokeEgress } from "../infra/components/spoke-vpc";
import { AlarmSubscriptionProtocol, FlowLogDestination, FlowLogTarget, FlowLogTrafficType } from "../infra/components/observability";
import { packageComponents, packageName } from "../infra/package-components";
import { configSchema } from "../infra/settings/schema";
import { providerProto, schemaAnalyzer } from "../infra/lib/sdk-internals";
import type { AnalyzeResult, PropertyDefinition, TypeDefinition } from "../infra/lib/sdk-internals";
import { tsEntryArgs } from "../plan/runtime/entries";

const root = join(__dirname, "..");
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  main: string;
  version: string;
  description: string;
};

/**
 * The components the package must serve: the hub and its share accepter, the VPN, spokes, central
 * egress, segment routing, and the operations components (flow logs, dashboard, alarm subscriptions,
 * blackhole-drop alarms).
 */
const expectedComponents = [
  "AlarmSubscriptions",
  "BlackholeDropAlarms",
  "CentralEgressVpc",
  "FlowLogs",
  "NetworkDashboard",
  "SegmentRouting",
  "SiteToSiteVpn",
  "SpokeVpc",
  "TransitGatewayHub",
  "TransitGatewayShareAccepter",
];

let analysis: AnalyzeResult;
const componentNames = packageComponents.map((c) => c.name);

/** The schema the provider entry (infra/provider.ts) answers to GetSchema, in its own process. */
let servedSchema: Promise<string>;
let providerProcess: ChildProcess | undefined;

function fetchServedSchema(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsEntryArgs(join(root, "infra", "provider.ts")), {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    providerProcess = child;
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => reject(new Error(`the provider exited (${code}) before answering: ${stderr}`)));
    child.stdout.once("data", (d: Buffer) => {
      // The provider prints its port, as the Pulumi CLI expects of a plugin.
      const port = d.toString().trim();
      // The SDK's own gRPC client library and generated stubs.
      const sdk = dirname(require.resolve("@pulumi/pulumi"));
      /* eslint-disable @typescript-eslint/no-require-imports */
      const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdk] })) as typeof import("@grpc/grpc-js");
      /* eslint-enable @typescript-eslint/no-require-imports */
      const proto = providerProto();
      const client = new proto.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      client.getSchema(new proto.GetSchemaRequest(), (err, res) => {
        client.close();
        if (err) reject(err);
        else resolve(res.getSchema());
      });
    });
  });
}

after(() => providerProcess?.kill());

before(() => {
  servedSchema = fetchServedSchema();
  servedSchema.catch(() => undefined); // awaited by its test
  analysis = new (schemaAnalyzer())(root, packageName, packageJson, new Set(componentNames)).analyze();
});

/** The analyzer's result for one component; fails the test when it is missing. */
function component(name: string): AnalyzeResult["components"][string] {
  const c = analysis.components[name];
  assert.ok(c, `the analyzer found no component ${name}`);
  return c;
}

/** An entry of a record; fails the test, naming it, when it is missing. */
function entry<T>(record: Record<string, T>, key: string, what: string): T {
  const value = record[key];
  assert.ok(value !== undefined, `no ${what} ${key}`);
  return value;
}

/** A schema type all the way down: arrays and maps by their items, references not to Any. */
function typed(p: PropertyDefinition): boolean {
  if ("$ref" in p) return !!p.$ref && p.$ref !== "pulumi.json#/Any";
  if (p.type === "array") return !!p.items && typed(p.items);
  if (p.type === "object") return !!p.additionalProperties && typed(p.additionalProperties);
  return !!p.type;
}

/** Every input and output of the components (`<Component>.in:<p>`, `.out:<p>`) and every field of their types. */
function allProperties(): [string, PropertyDefinition][] {
  return [
    ...componentNames.flatMap((name) => {
      const c = component(name);
      return [
        ...Object.entries(c.inputs).map(([p, d]): [string, PropertyDefinition] => [`${name}.in:${p}`, d]),
        ...Object.entries(c.outputs).map(([p, d]): [string, PropertyDefinition] => [`${name}.out:${p}`, d]),
      ];
    }),
    ...Object.entries(analysis.typeDefinitions).flatMap(([typeName, t]) =>
      Object.entries(t.properties ?? {}).map(([p, d]): [string, PropertyDefinition] => [`${typeName}.${p}`, d]),
    ),
  ];
}

/** `#/types/hybrid-network:index:SpokeEgress` -> the analyzer's type definition. */
function referencedType(p: PropertyDefinition): TypeDefinition {
  assert.ok("$ref" in p, `not a reference: ${JSON.stringify(p)}`);
  const prefix = `#/types/${packageName}:index:`;
  assert.ok(p.$ref.startsWith(prefix), p.$ref);
  const t = analysis.typeDefinitions[p.$ref.slice(prefix.length)];
  assert.ok(t, `no type ${p.$ref}`);
  return t;
}

test("package.json, PulumiPlugin.yaml and the provider entry name the same package and entry", () => {
  assert.equal(packageJson.name, packageName);
  assert.equal(packageJson.main, "infra/provider.ts");
  const plugin = parse(readFileSync(join(root, "PulumiPlugin.yaml"), "utf8")) as { runtime: string; main: string };
  assert.deepEqual(plugin, { runtime: "nodejs", main: "infra/provider.ts" });
  assert.match(
    readFileSync(join(root, "infra/provider.ts"), "utf8"),
    /componentProviderHost\(\{ components: packageComponents, name: packageName/,
  );
});

test("the package serves the hub, share accepter, VPN, spoke, central egress, segment routing and operations components", () => {
  assert.deepEqual([...componentNames].sort(), expectedComponents);
  assert.deepEqual(Object.keys(analysis.components).sort(), expectedComponents);
});

test("every component has args, outputs and a class doc comment", () => {
  for (const name of componentNames) {
    const c = component(name);
    assert.ok(Object.keys(c.inputs).length > 0, `${name} has no inputs`);
    assert.ok(Object.keys(c.outputs).length > 0, `${name} has no outputs`);
    assert.ok(c.description?.trim(), `${name} has no class doc comment`);
  }
});

test("every input, output and type field is typed: a schema type or a reference, not Any", () => {
  const untyped = allProperties()
    .filter(([, d]) => !typed(d))
    .map(([p]) => p);
  assert.deepEqual(untyped, [], "properties the schema would type as Any (C#: object)");
  for (const [name, t] of Object.entries(analysis.typeDefinitions)) {
    assert.ok(t.enum ? t.enum.length > 0 : t.type === "object", `${name}: neither an enum nor an object type`);
  }
});

test("every input, output and type field is described (the C# SDK's doc comments)", () => {
  const undescribed = allProperties()
    .filter(([, d]) => !d.description?.trim())
    .map(([p]) => p);
  assert.deepEqual(undescribed, []);
  const enums = Object.values(analysis.typeDefinitions).filter((t) => t.enum);
  assert.deepEqual(
    enums.filter((t) => !t.description?.trim()).map((t) => t.name),
    [],
    "enums without a doc comment",
  );
});

/**
 * Pulumi's .NET code generation names an object type `T` used as an input `Inputs.TArgs`: a type
 * already named `...Args` would read `CustomerGatewayArgsArgs` in C#. Only a component's own args
 * interface ends in Args (it is not a schema type: its fields are the component's inputs).
 */
test("no schema type name ends in Args, so the generated C# input classes read TArgs, not TArgsArgs", async () => {
  assert.deepEqual(
    Object.keys(analysis.typeDefinitions).filter((name) => name.endsWith("Args")),
    [],
  );
  const served = JSON.parse(await servedSchema) as { types: Record<string, unknown> };
  assert.ok(Object.keys(served.types).length > 10, "the served schema has its types");
  assert.deepEqual(
    Object.keys(served.types).filter((token) => token.endsWith("Args")),
    [],
  );
});

test("SpokeVpc's choices are enums whose values are exactly the ones the stack config accepts", () => {
  const spoke = component("SpokeVpc");
  const spokeConfig = configSchema.shape.spokes.unwrap().element.shape;
  const portConfig = spokeConfig.ingress.unwrap().element.shape.ports.element.shape;
  const enumValues = (t: TypeDefinition) => (t.enum ?? []).map((m) => m.value).sort();
  const ingress = entry(spoke.inputs, "ingress", "SpokeVpc input");
  assert.ok("type" in ingress && ingress.type === "array" && ingress.items, "ingress: an array");
  const ingressRule = referencedType(ingress.items);
  assert.equal(ingressRule.name, "SpokeIngressRule");
  const protocol = ingressRule.properties?.protocol;
  assert.ok(protocol, "SpokeIngressRule.protocol");
  const cases: [TypeDefinition, Record<string, string>, readonly string[]][] = [
    [referencedType(entry(spoke.inputs, "egress", "SpokeVpc input")), SpokeEgress, spokeConfig.egress.unwrap().options],
    [referencedType(entry(spoke.inputs, "natGateways", "SpokeVpc input")), NatGatewayPlacement, spokeConfig.natGateways.unwrap().options],
    [referencedType(protocol), IngressProtocol, portConfig.protocol.unwrap().options],
  ];
  assert.deepEqual(
    cases.map(([t]) => t.name),
    ["SpokeEgress", "NatGatewayPlacement", "IngressProtocol"],
  );
  for (const [t, constObject, accepted] of cases) {
    assert.equal(t.type, "string");
    // The config's values, so a C# program passes what a TypeScript stack would.
    assert.deepEqual(enumValues(t), [...accepted].sort(), `${t.name} values`);
    // C# member names are the `as const` keys.
    assert.deepEqual(
      (t.enum ?? []).map((m) => [m.name, m.value]),
      Object.entries(constObject),
      `${t.name} members`,
    );
  }
  assert.equal(entry(analysis.typeDefinitions, "SpokeEgress", "type").enum?.find((m) => m.value === "onprem")?.name, "OnPrem");
  // The spoke's outputs: ids, maps by availability zone, and an optional security group.
  const securityGroupId = entry(spoke.outputs, "securityGroupId", "SpokeVpc output");
  assert.ok("type" in securityGroupId && securityGroupId.type === "string" && securityGroupId.optional, "securityGroupId: optional string");
  assert.equal(entry(spoke.outputs, "vpcId", "SpokeVpc output").optional, undefined);
  for (const out of ["privateSubnetIds", "transitSubnetIds", "publicSubnetIds", "natGatewayIds"]) {
    const d = entry(spoke.outputs, out, "SpokeVpc output");
    assert.ok("type" in d && d.type === "object" && d.additionalProperties && "type" in d.additionalProperties, out);
    assert.equal(d.additionalProperties.type, "string", out);
  }
});

test("the operations components' choices are enums with the values the stack config accepts", () => {
  const flowLogs = component("FlowLogs");
  const flowLogConfig = configSchema.shape.flowLogs.unwrap().shape;
  const subscriptions = entry(component("AlarmSubscriptions").inputs, "subscriptions", "AlarmSubscriptions input");
  assert.ok("type" in subscriptions && subscriptions.type === "array" && subscriptions.items, "subscriptions: an array");
  const protocol = referencedType(subscriptions.items).properties?.protocol;
  assert.ok(protocol, "AlarmSubscription.protocol");
  const subscriptionConfig = configSchema.shape.vpn.unwrap().shape.alarms.unwrap().shape.subscriptions.unwrap().element.shape;
  const cases: [TypeDefinition, Record<string, string>, readonly string[] | undefined][] = [
    [
      referencedType(entry(flowLogs.inputs, "destination", "FlowLogs input")),
      FlowLogDestination,
      flowLogConfig.destination.unwrap().options,
    ],
    [
      referencedType(entry(flowLogs.inputs, "trafficType", "FlowLogs input")),
      FlowLogTrafficType,
      flowLogConfig.trafficType.unwrap().options,
    ],
    // The target is the wiring's choice per resource, not a config value.
    [referencedType(entry(flowLogs.inputs, "target", "FlowLogs input")), FlowLogTarget, undefined],
    [referencedType(protocol), AlarmSubscriptionProtocol, subscriptionConfig.protocol.options],
  ];
  assert.deepEqual(
    cases.map(([t]) => t.name),
    ["FlowLogDestination", "FlowLogTrafficType", "FlowLogTarget", "AlarmSubscriptionProtocol"],
  );
  for (const [t, constObject, accepted] of cases) {
    assert.equal(t.type, "string");
    assert.deepEqual(
      (t.enum ?? []).map((m) => [m.name, m.value]),
      Object.entries(constObject),
      `${t.name} members`,
    );
    if (accepted) assert.deepEqual((t.enum ?? []).map((m) => m.value).sort(), [...accepted].sort(), `${t.name} values`);
  }
  // Destination-specific args are optional; the dashboard's lines are typed lists.
  for (const optional of ["logGroupName", "retentionInDays", "kmsKeyArn", "s3DestinationArn"]) {
    assert.equal(entry(flowLogs.inputs, optional, "FlowLogs input").optional, true, optional);
  }
  const tunnels = entry(component("NetworkDashboard").inputs, "tunnels", "NetworkDashboard input");
  assert.ok("type" in tunnels && tunnels.type === "array" && tunnels.items, "tunnels: an array");
  assert.deepEqual(Object.keys(referencedType(tunnels.items).properties ?? {}).sort(), [
    "connection",
    "outsideIpAddress",
    "tunnel",
    "vpnId",
  ]);
});

test("SpokeVpc takes an optional existing VPC to adopt, as typed records a C# program can fill", () => {
  const spoke = component("SpokeVpc");
  const existing = entry(spoke.inputs, "existing", "SpokeVpc input");
  assert.equal(existing.optional, true, "absent: the component builds the VPC");
  /** A record type's fields: name -> optional or not. */
  const fields = (t: TypeDefinition) => Object.fromEntries(Object.entries(t.properties ?? {}).map(([k, d]) => [k, d.optional === true]));
  const vpc = referencedType(existing);
  assert.equal(vpc.name, "ExistingVpc");
  assert.deepEqual(fields(vpc), {
    vpcId: false,
    enableDnsSupport: false,
    enableDnsHostnames: false,
    internetGatewayId: true,
    subnets: false,
    routeTables: false,
    natGateways: false,
    attachmentSubnets: false,
  });
  const items = (list: string) => {
    const d = entry(vpc.properties ?? {}, list, "ExistingVpc field");
    assert.ok("type" in d && d.type === "array" && d.items, `${list}: an array`);
    return referencedType(d.items);
  };
  assert.deepEqual(
    [items("subnets"), items("routeTables"), items("natGateways"), items("attachmentSubnets")].map((t) => [t.name, fields(t)]),
    [
      [
        "ExistingSubnet",
        { name: false, id: false, cidr: false, availabilityZone: false, public: false, mapPublicIpOnLaunch: false, routeTable: false },
      ],
      ["ExistingRouteTable", { name: false, id: false, natGateway: true }],
      ["ExistingNatGateway", { name: false, id: false, subnet: false, allocationId: false }],
      ["AttachmentSubnet", { availabilityZone: false, cidr: false }],
    ],
  );
});

test("the provider entry serves the schema over gRPC, as `pulumi package add` asks for it", async () => {
  const schema = JSON.parse(await servedSchema) as {
    name: string;
    version: string;
    resources: Record<
      string,
      {
        isComponent: boolean;
        description?: string;
        inputProperties: Record<string, { $ref?: string; description?: string }>;
        properties: Record<string, unknown>;
        requiredInputs: string[];
        required?: string[];
      }
    >;
    types: Record<string, { type: string; enum?: { name: string; value: string }[] }>;
    dependencies: { name: string }[];
  };
  assert.equal(schema.name, packageName);
  assert.equal(schema.version, packageJson.version);
  assert.deepEqual(Object.keys(schema.resources).sort(), packageComponents.map((c) => `${packageName}:index:${c.name}`).sort());
  const resource = (name: string) => entry(schema.resources, `${packageName}:index:${name}`, "resource");
  for (const c of packageComponents) {
    const served = resource(c.name);
    const analysed = component(c.name);
    assert.ok(served.isComponent, `${c.name} is not a component`);
    assert.equal(served.description, analysed.description, `${c.name} description`);
    assert.deepEqual(Object.keys(served.inputProperties).sort(), Object.keys(analysed.inputs).sort());
    assert.deepEqual(Object.keys(served.properties).sort(), Object.keys(analysed.outputs).sort());
  }
  const hub = resource("TransitGatewayHub");
  assert.match(hub.description ?? "", /Transit Gateway hub/);
  assert.deepEqual(hub.requiredInputs, [
    "allowExternalPrincipals",
    "amazonSideAsn",
    "description",
    "dnsSupport",
    "ecmp",
    "protect",
    "segments",
    "sharePrincipals",
    "tags",
  ]);
  // SpokeVpc: every arg required; its choices served as enum types (C#: SpokeEgress.Central...).
  const spoke = resource("SpokeVpc");
  assert.match(spoke.description ?? "", /Workload VPC attached to the Transit Gateway/);
  assert.deepEqual(spoke.requiredInputs, [
    "cidr",
    "crossAccount",
    "denyInboundFrom",
    "denyOutboundTo",
    "egress",
    "ingress",
    "natGateways",
    "protectAttachment",
    "subnets",
    "tags",
    "transitGatewayId",
    "transitRoutes",
  ]);
  assert.ok(!(spoke.required ?? []).includes("securityGroupId"), "securityGroupId is absent without ingress rules");
  assert.equal(spoke.inputProperties.egress?.$ref, `#/types/${packageName}:index:SpokeEgress`);
  assert.equal(spoke.inputProperties.natGateways?.$ref, `#/types/${packageName}:index:NatGatewayPlacement`);
  assert.deepEqual(
    schema.types[`${packageName}:index:SpokeEgress`]?.enum?.map((m) => [m.name, m.value]),
    Object.entries(SpokeEgress),
  );
  assert.deepEqual(
    schema.types[`${packageName}:index:IngressProtocol`]?.enum?.map((m) => [m.name, m.value]),
    Object.entries(IngressProtocol),
  );
  // The hub's outputs reference AWS resources: the package depends on the aws package.
  assert.ok(schema.dependencies.some((d) => d.name === "aws"));
});
