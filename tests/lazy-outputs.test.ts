/**
 * Lazy output properties (plan/sdk/lazy-outputs.ts): a custom resource's outputs are created on first
 * read and behave as the SDK's eager ones do. First the replacement against the SDK's own
 * transferProperties, resolver by resolver (value, known, secret, dependencies, errors, repeated
 * calls; read before or after the resolver ran), then through resources under Pulumi's mocks.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { runtimeRpc } from "../infra/lib/sdk-internals";
import type { OutputResolver, TransferProperties } from "../infra/lib/sdk-internals";
import { applyOfflineSpeedups } from "../plan/sdk/offline-speed";

type Resolver = OutputResolver;
type Transfer = TransferProperties;
const rpc = runtimeRpc();
const sdkTransfer = rpc.transferProperties;
// As the plan runs: the SDK's promises untracked (an output left unresolved on purpose, below, would
// otherwise count as a leak at exit), and the lazy outputs installed.
assert.ok(applyOfflineSpeedups({}), "the offline speedups apply");
const lazyTransfer = rpc.transferProperties;
assert.notEqual(lazyTransfer, sdkTransfer);

type Call = Parameters<Resolver>;

/** What a program can see of the output `p` after the resolver is called with `calls`, read first or last. */
async function observe(transfer: Transfer, readFirst: boolean, calls: Call[]) {
  const onto = { name: "onto" };
  const resolvers = transfer(onto, "test", { p: undefined, id: undefined, urn: undefined });
  const read = () => (onto as unknown as Record<string, unknown>).p as pulumi.Output<unknown>;
  const out = readFirst ? read() : undefined;
  const resolve = resolvers.p;
  assert.ok(resolve, "a resolver for p");
  for (const call of calls) resolve(...call);
  const o = (out ?? read()) as unknown as {
    promise(withUnknowns?: boolean): Promise<unknown>;
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    allResources(): Promise<Set<{ name: string }>>;
  };
  const settle = <T>(p: Promise<T>) =>
    Promise.race([
      p.then(
        (v) => ({ ok: v }),
        (e: unknown) => ({ rejected: String(e) }),
      ),
      new Promise((resolve) => setTimeout(() => resolve("still pending"), 20)),
    ]);
  return {
    keys: Object.keys(onto),
    value: await settle(o.promise(true)),
    known: await settle(o.isKnown),
    secret: await settle(o.isSecret),
    resources: await settle(o.allResources().then((r) => [...r].map((x) => x.name).sort())),
  };
}

const grpcUnavailable = Object.assign(new Error("monitor gone"), { code: 14 });
const cases: Record<string, Call[]> = {
  "a known value": [["v", true, false, []]],
  "a secret": [["s", true, true, []]],
  "an unknown (preview)": [[undefined, false, false, []]],
  dependencies: [["v", true, false, [{ name: "dep-a" }, { name: "dep-b" }]]],
  "an error": [[undefined, true, false, [], new Error("boom")]],
  "a null error (none)": [["v", true, false, [], null]],
  "a gRPC shutdown (left unresolved)": [[undefined, true, false, [], grpcUnavailable]],
  "two calls (the first wins)": [
    ["first", true, false, []],
    ["second", false, true, [{ name: "dep" }]],
  ],
  "an error then a value": [
    [undefined, true, false, [], new Error("boom")],
    ["late", true, false, []],
  ],
};

for (const [name, calls] of Object.entries(cases)) {
  for (const readFirst of [true, false]) {
    test(`as the SDK: ${name}, read ${readFirst ? "before" : "after"} the resolver ran`, async () => {
      const [lazy, sdk] = await Promise.all([observe(lazyTransfer, readFirst, calls), observe(sdkTransfer, readFirst, calls)]);
      assert.deepEqual(lazy, sdk);
    });
  }
}

test("as the SDK: id and urn are left to the caller; a property already on the target is refused", () => {
  for (const transfer of [lazyTransfer, sdkTransfer]) {
    assert.deepEqual(Object.keys(transfer({}, "t", { id: undefined, urn: undefined, a: undefined })), ["a"]);
    assert.throws(() => transfer({ taken: 1 }, "t", { taken: undefined }), /^Error: Property 'taken' is already initialized on target 't/);
  }
});

class Thing extends pulumi.CustomResource {
  declare readonly label: pulumi.Output<string>;
  declare readonly computed: pulumi.Output<string>;
  declare readonly password: pulumi.Output<string>;
  declare readonly unread: pulumi.Output<string>;
  constructor(name: string, args: { label: pulumi.Input<string>; password?: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, { ...args, computed: undefined, unread: undefined }, opts);
  }
}

const failing = "broken";
// Installed before the first test runs (a file-level hook: registration needs the mock monitor).
before(() =>
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (args.name === failing) throw new Error(`mock refuses ${args.name}`);
        return { id: `${args.name}-id`, state: { ...args.inputs, computed: `computed-${args.name}`, unread: "never read" } };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    true,
  ),
);

function read<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean; resources: string[] }> {
  const internal = o as unknown as { promise(): Promise<T>; allResources(): Promise<Set<pulumi.Resource>> };
  return Promise.all([internal.promise(), pulumi.isSecret(o), internal.allResources()]).then(async ([value, secret, resources]) => ({
    value,
    secret,
    resources: await Promise.all([...resources].map((r) => new Promise<string>((res) => r.urn.apply(res)))),
  }));
}

test("an output is a getter until read, then the same Output on every read", () => {
  const a = new Thing("getter", { label: "x" });
  assert.equal(typeof Object.getOwnPropertyDescriptor(a, "computed")?.get, "function");
  assert.ok(Object.keys(a).includes("computed"), "own, enumerable");
  assert.ok(pulumi.Output.isInstance(a.computed));
  assert.equal(a.computed, a.computed);
});

test("read before and after registration: the mock's value, known, depending on the resource", async () => {
  const early = new Thing("early", { label: "e" });
  const earlyComputed = early.computed;
  const late = new Thing("late", { label: "l" });
  await new Promise<void>((resolve) => late.urn.apply(() => resolve()));
  await new Promise((resolve) => setImmediate(resolve));
  for (const [t, o, name] of [
    [early, earlyComputed, "early"],
    [late, late.computed, "late"],
  ] as const) {
    const r = await read(o);
    assert.equal(r.value, `computed-${name}`);
    assert.equal(r.secret, false);
    assert.deepEqual(r.resources, [await new Promise<string>((res) => t.urn.apply(res))]);
    assert.equal(await (o as unknown as { isKnown: Promise<boolean> }).isKnown, true);
  }
});

test("a secret input gives a secret output; an output passed on carries its resource as a dependency", async () => {
  const a = new Thing("secretive", { label: "s", password: pulumi.secret("hunter2") });
  const r = await read(a.password);
  assert.deepEqual([r.value, r.secret], ["hunter2", true]);
  const b = new Thing("follower", { label: a.computed });
  const rb = await read(b.label);
  assert.equal(rb.value, "computed-secretive");
});

test("assigning a property replaces the getter", () => {
  const a = new Thing("assigned", { label: "a" });
  (a as unknown as { unread: unknown }).unread = "set by hand";
  assert.equal((a as unknown as { unread: unknown }).unread, "set by hand");
});

test("a failed registration rejects the outputs read before and after it failed", async () => {
  // The SDK leaves the failed resource's own promises (urn, id, the registration) unhandled, eager
  // outputs or lazy: those rejections, and only those, are expected here.
  const listeners = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  const unexpected: unknown[] = [];
  process.on("unhandledRejection", (e) => {
    if (!/mock refuses broken/.test(String(e))) unexpected.push(e);
  });
  try {
    const b = new Thing(failing, { label: "b" });
    const early = b.computed;
    await assert.rejects((early as unknown as { promise(): Promise<unknown> }).promise(), /mock refuses broken/);
    await assert.rejects((b.label as unknown as { promise(): Promise<unknown> }).promise(), /mock refuses broken/);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeAllListeners("unhandledRejection");
    for (const l of listeners) process.on("unhandledRejection", l);
  }
  assert.deepEqual(unexpected, []);
});
