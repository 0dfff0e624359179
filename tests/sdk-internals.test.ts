/**
 * The private modules of the Pulumi SDK are reached through one file (infra/lib/sdk-internals.ts),
 * checked against one SDK version: an upgrade fails here first, with what to re-check, instead of
 * somewhere deep in a mocked run. The lint config keeps every other file off those modules.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { ESLint } from "eslint";
import * as internals from "../infra/lib/sdk-internals";
import { projectRoot } from "../plan/runtime/stack-config";

test("the installed Pulumi SDK is the version the internals were checked against", () => {
  const installed = internals.installedSdkVersion();
  assert.equal(
    installed,
    internals.checkedSdkVersion,
    `@pulumi/pulumi is ${installed}, but infra/lib/sdk-internals.ts was checked against ${internals.checkedSdkVersion}: ` +
      "re-read each private module it names in the new SDK's source, run tests/offline-speed.test.ts and " +
      "tests/lazy-outputs.test.ts, then set checkedSdkVersion to the new version",
  );
});

test("every private entry still has the shape the project uses", () => {
  const settings = internals.runtimeSettings();
  assert.equal(typeof settings.getMonitor, "function", "runtime/settings getMonitor");
  assert.equal(typeof settings.waitForRPCs, "function", "runtime/settings waitForRPCs");
  assert.equal(typeof internals.runtimeResource().registerResource, "function", "runtime/resource registerResource");
  assert.equal(typeof internals.runtimeRpc().transferProperties, "function", "runtime/rpc transferProperties");
  assert.equal(typeof internals.runtimeDebuggable().debuggablePromise, "function", "runtime/debuggable debuggablePromise");
  assert.equal(typeof internals.resourceClass().Resource.callsites, "function", "resource Resource.callsites");
  const proto = internals.providerProto();
  assert.equal(typeof proto.ResourceProviderClient, "function", "proto ResourceProviderClient");
  assert.equal(typeof proto.GetSchemaRequest, "function", "proto GetSchemaRequest");
  assert.equal(typeof internals.schemaAnalyzer(), "function", "provider/experimental/analyzer Analyzer");
});

test("isConfigSecret tells the secret config keys from the plain ones", () => {
  pulumi.runtime.setAllConfig({ "proj:key": "a", "proj:plain": "b" }, ["proj:key"]);
  assert.equal(internals.isConfigSecret("proj:key"), true);
  assert.equal(internals.isConfigSecret("proj:plain"), false);
  assert.equal(internals.isConfigSecret("proj:absent"), false);
});

test("lint refuses a private SDK module anywhere but the internals file (the check can fail)", async () => {
  // The project's config without its type-aware rules: the probe file exists only in memory, outside the TypeScript project.
  const eslint = new ESLint({
    cwd: projectRoot,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { "@typescript-eslint/no-floating-promises": "off", "@typescript-eslint/no-misused-promises": "off" },
    },
  });
  const code = [
    'import { getMonitor } from "@pulumi/pulumi/runtime/settings";',
    'import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";',
    "export const rpc: unknown = getMonitor;",
    "export const host: unknown = componentProviderHost;",
    "",
  ].join("\n");
  const [elsewhere] = await eslint.lintText(code, { filePath: join(projectRoot, "plan", "runtime", "example.ts") });
  const restricted = elsewhere?.messages.filter((m) => m.ruleId === "no-restricted-imports") ?? [];
  assert.deepEqual(
    restricted.map((m) => m.line),
    [1],
    "only the private runtime module is refused; the documented component-package entry is allowed",
  );
  assert.match(restricted[0]?.message ?? "", /infra\/lib\/sdk-internals\.ts/);
  const [inside] = await eslint.lintText(code, { filePath: join(projectRoot, "infra", "lib", "sdk-internals.ts") });
  assert.deepEqual(
    inside?.messages.filter((m) => m.ruleId === "no-restricted-imports"),
    [],
    "the internals file itself may load them",
  );
});
