/**
 * Every module of the Pulumi SDK that is not its public API (`@pulumi/pulumi/<internal module>`)
 * and that this project touches, in one file. Nothing else may require such a path (the lint
 * config enforces it). Each entry says who uses it and why no public API does the job.
 *
 * They were checked against one SDK version, `checkedSdkVersion`. An SDK upgrade can move or
 * change any of them without notice: tests/sdk-internals.test.ts fails, naming this file, when the
 * installed version differs, and checks that each entry still has the shape used here. After an
 * upgrade: re-read each entry's SDK source, run the equivalence tests of the offline speedups
 * (tests/offline-speed.test.ts, tests/lazy-outputs.test.ts), then raise `checkedSdkVersion`.
 *
 * Modules are loaded on first use, so the deployed program loads only the config module.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** The @pulumi/pulumi version every entry below was read against. */
export const checkedSdkVersion = "3.276.0";

/** The installed @pulumi/pulumi version. */
export function installedSdkVersion(): string {
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

/**
 * runtime/config `isConfigSecret` (marked internal): whether the engine handed a config key to the
 * program as a secret. The deployed program (infra/settings/from-pulumi.ts) needs it to refuse a
 * pre-shared key kept in plain text; the public Config API has no such predicate.
 */
export function isConfigSecret(key: string): boolean {
  return (require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean }).isConfigSecret(key);
}

/** The register request the mock monitor receives (a generated protobuf message), as read by the recording mocks. */
export interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getProtect(): boolean;
  getDeletebeforereplace(): boolean;
  getProvider(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  /** The `import` resource option: the id of an existing resource to adopt ("" when not set). */
  getImportid(): string;
  /** The `ignoreChanges` resource option. */
  getIgnorechangesList(): string[];
  /** The `retainOnDelete` resource option. */
  getRetainondelete(): boolean;
}

/** The mock monitor `setMocks` installs (runtime/mocks.js MockMonitor). */
export interface MockMonitor {
  registerResource(req: RegisterRequest, callback: (err: unknown, resp: unknown) => void): Promise<void>;
  newUrn(parent: string, type: string, name: string): string;
  resources: Map<string, { urn: string; id: string | null; state: Record<string, unknown> }>;
}

/**
 * runtime/settings: `getMonitor` (the mock monitor, whose register call the recording mocks wrap
 * to see parent, dependencies, protection and secrecy, which the public Mocks interface does not
 * pass) and `waitForRPCs` (to know every registration has come back before reading the record).
 */
export function runtimeSettings(): { getMonitor(): MockMonitor; waitForRPCs(): Promise<void> } {
  return require("@pulumi/pulumi/runtime/settings") as { getMonitor(): MockMonitor; waitForRPCs(): Promise<void> };
}

/** The SDK's registration entry, called synchronously by every resource constructor. */
export type RegisterResourceFn = (res: unknown, ...rest: unknown[]) => unknown;

/**
 * runtime/resource `registerResource`, replaced by the recording mocks with a wrapper that records
 * the program's construction order (completion order follows promise timing). Patching the module
 * object is the only way: resource.js calls it through that object.
 */
export function runtimeResource(): { registerResource: RegisterResourceFn } {
  return require("@pulumi/pulumi/runtime/resource") as { registerResource: RegisterResourceFn };
}

/** The SDK's own `registerResource`, kept on the wrapper that replaces it (so wrapping twice wraps the original). */
const originalKey = Symbol.for("hybrid-network.sdkRegisterResource");

/**
 * Replaces runtime/resource `registerResource` with `wrap(original)`. The original travels on the
 * installed function itself, not in a module variable: a second install (a second run in one
 * process) wraps the SDK's function again, never the previous wrapper.
 */
export function wrapRegisterResource(wrap: (original: RegisterResourceFn) => RegisterResourceFn): void {
  const runtime = runtimeResource();
  const current = runtime.registerResource as RegisterResourceFn & { [originalKey]?: RegisterResourceFn };
  const original = current[originalKey] ?? current;
  const wrapper = wrap(original) as RegisterResourceFn & { [originalKey]?: RegisterResourceFn };
  wrapper[originalKey] = original;
  runtime.registerResource = wrapper;
}

/**
 * An output's value with unknowns and whether it is known: OutputImpl's internal `promise(true)`
 * and `isKnown`. In preview an unknown value never reaches `apply`, so a stack output left unknown
 * would hang a reader that waits for it.
 */
export function outputWithUnknowns(out: unknown): { value: Promise<unknown>; known: Promise<boolean> } {
  const internal = out as { promise(withUnknowns?: boolean): Promise<unknown>; isKnown: Promise<boolean> };
  return { value: internal.promise(true), known: internal.isKnown };
}

/** A resource's URN as a plain promise (OutputImpl's internal `promise()`), unknown or not. */
export function urnPromise(resource: { urn: unknown }): Promise<string> {
  return (resource.urn as { promise(): Promise<string> }).promise();
}

/** A resolver of one output property, as runtime/rpc's transferProperties returns them. */
export type OutputResolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: unknown) => void;

/** runtime/rpc transferProperties: makes a resource's output properties and their resolvers. */
export type TransferProperties = (onto: object, label: string, props: Record<string, unknown>) => Record<string, OutputResolver>;

/**
 * runtime/rpc `transferProperties`, replaced offline by lazy outputs (plan/sdk/lazy-outputs.ts) and
 * put back by a benchmark lever. Resource construction calls it through the module object.
 */
export function runtimeRpc(): { transferProperties: TransferProperties } {
  return require("@pulumi/pulumi/runtime/rpc") as { transferProperties: TransferProperties };
}

/** runtime/debuggable `debuggablePromise`: tags every SDK promise for the leak report; offline it passes promises through. */
export function runtimeDebuggable(): { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> } {
  return require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
}

/** resource `Resource.callsites` (a private static): the stack captured per resource; offline it returns none. */
export function resourceClass(): { Resource: { callsites?: () => unknown[] } } {
  return require("@pulumi/pulumi/resource") as { Resource: { callsites?: () => unknown[] } };
}

/** The generated gRPC client of the provider protocol, for the component package's schema test. */
export interface ProviderProto {
  ResourceProviderClient: new (
    address: string,
    credentials: unknown,
  ) => {
    getSchema(req: unknown, cb: (err: Error | null, res: { getSchema(): string }) => void): void;
    close(): void;
  };
  GetSchemaRequest: new () => unknown;
}

/** proto/provider_grpc_pb and proto/provider_pb: the Pulumi CLI's side of GetSchema, which no public API offers. */
export function providerProto(): ProviderProto {
  const stubs = require("@pulumi/pulumi/proto/provider_grpc_pb") as Pick<ProviderProto, "ResourceProviderClient">;
  const messages = require("@pulumi/pulumi/proto/provider_pb") as Pick<ProviderProto, "GetSchemaRequest">;
  return { ResourceProviderClient: stubs.ResourceProviderClient, GetSchemaRequest: messages.GetSchemaRequest };
}

/** provider/experimental/analyzer: the analyzer that infers the component package schema from the TypeScript sources. */
export type { AnalyzeResult, PropertyDefinition, TypeDefinition } from "@pulumi/pulumi/provider/experimental/analyzer";

/**
 * The schema analyzer class (provider/experimental/analyzer), which componentProviderHost (the
 * documented entry, provider/experimental) runs internally: the schema test runs it directly to
 * read what C# consumers will see.
 */
export function schemaAnalyzer(): typeof import("@pulumi/pulumi/provider/experimental/analyzer").Analyzer {
  return (require("@pulumi/pulumi/provider/experimental/analyzer") as typeof import("@pulumi/pulumi/provider/experimental/analyzer"))
    .Analyzer;
}
