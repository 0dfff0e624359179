/**
 * The component package (PulumiPlugin.yaml, infra/provider.ts): the schema that `pulumi package add`
 * generates the C# SDK from. Offline, no Pulumi CLI, no program run: the provider entry is started in
 * its own process and asked GetSchema over gRPC, as the CLI does; meanwhile the same analyzer
 * (@pulumi/pulumi/provider/experimental) runs here over every component, including those the package
 * does not serve yet, to check their args and outputs.
 *
 * The analyzer stops at the first args shape it cannot express (string-literal unions, intersection
 * types, references to our own component classes). To list them all, the analysis below records a
 * rejected property and goes on; `knownRejections` is the list the component owners still have to
 * change (a new rejection fails, and so does a fixed one still listed, so the list stays true).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { after, before, test } from "node:test";
import { parse } from "yaml";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import type { AnalyzeResult, PropertyDefinition } from "@pulumi/pulumi/provider/experimental/analyzer";
import { allComponents, packageComponents, packageName } from "../infra/package-components";

const root = join(__dirname, "..");
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  main: string;
  version: string;
  description: string;
};

interface Rejection {
  /** Source file of the property, relative to the project. */
  file: string;
  /** `<Interface or class>.<property>`. */
  field: string;
  reason: string;
}

/** Args and outputs the analyzer rejects today, for the component owners to change. */
const knownRejections: Rejection[] = [
  { file: "infra/components/spoke.ts", field: "SpokeVpcArgs.egress", reason: "Union types are not supported" },
  { file: "infra/components/spoke.ts", field: "SpokeVpcArgs.natGateways", reason: "Union types are not supported" },
  { file: "infra/settings/types.ts", field: "SpokeIngressRule.protocol", reason: "Union types are not supported" },
];

/**
 * Properties the analyzer types as Any without rejecting them: an interface that `extends Omit<...>`
 * inherits mapped properties with no declaration, which the analyzer cannot type.
 */
const knownUntyped: string[] = [];

/** Component inputs/outputs without a doc comment (the C# SDK's XML docs come from them). */
const knownUndescribed: Record<string, string[]> = {
  CentralEgressVpc: ["out:vpcId", "out:attachmentId", "out:transitSubnetIds", "out:natGatewayIds"],
  SegmentRouting: ["out:routeTableId"],
  SpokeVpc: ["out:vpcId", "out:attachmentId", "out:transitSubnetIds", "out:securityGroupId"],
  SiteToSiteVpn: [],
  TransitGatewayHub: [],
};

/** Components whose class has no doc comment (the schema's resource description). */
const knownWithoutDescription = ["CentralEgressVpc", "SegmentRouting", "SpokeVpc"];

let analysis: AnalyzeResult;
const rejections: Rejection[] = [];
const componentNames = allComponents.map((c) => c.name);

/** The schema the provider entry (infra/provider.ts) answers to GetSchema, in its own process. */
let servedSchema: Promise<string>;
let providerProcess: ChildProcess | undefined;

function fetchServedSchema(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "infra", "provider.ts")], {
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
      const stubs = require("@pulumi/pulumi/proto/provider_grpc_pb") as {
        ResourceProviderClient: new (
          address: string,
          credentials: unknown,
        ) => {
          getSchema(req: unknown, cb: (err: Error | null, res: { getSchema(): string }) => void): void;
          close(): void;
        };
      };
      const messages = require("@pulumi/pulumi/proto/provider_pb") as { GetSchemaRequest: new () => unknown };
      /* eslint-enable @typescript-eslint/no-require-imports */
      const client = new stubs.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      client.getSchema(new messages.GetSchemaRequest(), (err, res) => {
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
  type AnalyzeSymbol = (this: unknown, context: { component: string; property: string; typeName?: string }, symbol: unknown) => unknown;
  const proto = Analyzer.prototype as unknown as { analyzeSymbol: AnalyzeSymbol };
  const original = proto.analyzeSymbol;
  proto.analyzeSymbol = function (context, symbol) {
    try {
      return original.call(this, context, symbol);
    } catch (e) {
      const declaration = (symbol as { valueDeclaration?: { getSourceFile(): { fileName: string } } }).valueDeclaration;
      rejections.push({
        file: declaration ? relative(root, declaration.getSourceFile().fileName) : "?",
        field: `${context.typeName ?? context.component}.${context.property}`,
        reason: e instanceof Error ? e.message : String(e),
      });
      return { $ref: "pulumi.json#/Any" };
    }
  };
  try {
    analysis = new Analyzer(root, packageName, packageJson, new Set(componentNames)).analyze();
  } finally {
    proto.analyzeSymbol = original;
  }
});

const key = (r: Pick<Rejection, "file" | "field">) => `${r.file} ${r.field}`;
const rejected = (component: string, property: string, typeName?: string) =>
  rejections.some((r) => r.field === `${typeName ?? component}.${property}`);

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

test("every component is found, with args and outputs", () => {
  assert.deepEqual(Object.keys(analysis.components).sort(), [...componentNames].sort());
  for (const name of componentNames) {
    const c = analysis.components[name];
    assert.ok(Object.keys(c.inputs).length > 0, `${name} has no inputs`);
    assert.ok(Object.keys(c.outputs).length > 0, `${name} has no outputs`);
  }
  assert.deepEqual(
    componentNames.filter((n) => !analysis.components[n].description).sort(),
    [...knownWithoutDescription].sort(),
    "components without a class doc comment",
  );
});

test("the analyzer rejects exactly the known args shapes (file, field, reason)", () => {
  const actual = new Map(rejections.map((r) => [key(r), r]));
  const known = new Map(knownRejections.map((r) => [key(r), r]));
  const unexpected = [...actual.values()].filter((r) => !known.has(key(r)));
  const fixed = [...known.values()].filter((r) => !actual.has(key(r)));
  assert.deepEqual(unexpected, [], "new rejections: change the args shape or list it");
  assert.deepEqual(fixed, [], "fixed: remove from knownRejections");
  for (const r of knownRejections) assert.ok(actual.get(key(r))?.reason.includes(r.reason), `${key(r)}: ${actual.get(key(r))?.reason}`);
});

test("every input and output is typed: a schema type or a reference, not Any", () => {
  const typed = (p: PropertyDefinition): boolean =>
    ("type" in p && !!p.type) || ("$ref" in p && !!p.$ref && p.$ref !== "pulumi.json#/Any") || false;
  const untyped: string[] = [];
  for (const name of componentNames) {
    const c = analysis.components[name];
    for (const [prop, def] of [...Object.entries(c.inputs), ...Object.entries(c.outputs)]) {
      if (!typed(def) && !rejected(name, prop) && !rejected(name, prop, `${name}Args`)) untyped.push(`${name}.${prop}`);
    }
  }
  for (const [typeName, t] of Object.entries(analysis.typeDefinitions)) {
    for (const [prop, def] of Object.entries(t.properties ?? {})) {
      if (!typed(def) && !rejected("", prop, typeName)) untyped.push(`${typeName}.${prop}`);
    }
  }
  assert.deepEqual(untyped.sort(), [...knownUntyped].sort(), "properties the schema would type as Any (C#: object)");
});

test("every input and output is described (the C# SDK's doc comments)", () => {
  for (const name of componentNames) {
    const c = analysis.components[name];
    const missing = [
      ...Object.entries(c.inputs)
        .filter(([p, d]) => !d.description && !rejected(name, p, `${name}Args`))
        .map(([p]) => `in:${p}`),
      ...Object.entries(c.outputs)
        .filter(([p, d]) => !d.description && !rejected(name, p))
        .map(([p]) => `out:${p}`),
    ];
    assert.deepEqual(missing.sort(), [...(knownUndescribed[name] ?? [])].sort(), `${name}: undescribed inputs/outputs`);
  }
});

test("the package serves every component the analyzer fully accepts, and only those", () => {
  const clean = componentNames.filter((n) => !rejections.some((r) => rejectionOwner(r) === n));
  assert.deepEqual(packageComponents.map((c) => c.name).sort(), clean.sort());
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
        inputProperties: Record<string, unknown>;
        properties: Record<string, unknown>;
        requiredInputs: string[];
      }
    >;
    dependencies: { name: string }[];
  };
  assert.equal(schema.name, packageName);
  assert.equal(schema.version, packageJson.version);
  assert.deepEqual(Object.keys(schema.resources).sort(), packageComponents.map((c) => `${packageName}:index:${c.name}`).sort());
  for (const c of packageComponents) {
    const resource = schema.resources[`${packageName}:index:${c.name}`];
    assert.ok(resource.isComponent, `${c.name} is not a component`);
    assert.deepEqual(Object.keys(resource.inputProperties).sort(), Object.keys(analysis.components[c.name].inputs).sort());
    assert.deepEqual(Object.keys(resource.properties).sort(), Object.keys(analysis.components[c.name].outputs).sort());
  }
  const hub = schema.resources[`${packageName}:index:TransitGatewayHub`];
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
  // The hub's outputs reference AWS resources: the package depends on the aws package.
  assert.ok(schema.dependencies.some((d) => d.name === "aws"));
});

/** The component whose args or outputs hold the rejected field (by the analyzer's error context). */
function rejectionOwner(r: Rejection): string | undefined {
  return componentNames.find((n) => r.reason.includes(`component '${n}'`));
}
