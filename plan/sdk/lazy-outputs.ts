/**
 * Offline only: a resource's output properties become Pulumi Outputs when the program first reads
 * them, not when the resource is constructed.
 *
 * The SDK gives every custom resource one Output per property of its type at construction
 * (runtime/rpc.js `transferProperties`): about twenty for a route, each with a dozen promises, two
 * sets and a proxy, while the program reads one or two of them. Under mocks nearly all of a large
 * run's time goes into allocating and garbage-collecting those (docs/benchmark.md). This
 * replacement keeps the SDK's contract: the same own, enumerable property per key, the same
 * resolver per key, and on first read the same `Output` built from the same four promises, already
 * settled when the registration has come back and settled by the resolver otherwise.
 *
 * A test (tests/offline-speed.test.ts) checks that the offline plan of each stack is identical with
 * and without it.
 */

import * as pulumi from "@pulumi/pulumi";
import { runtimeRpc } from "../../infra/lib/sdk-internals";

interface Settled {
  value: unknown;
  isKnown: boolean;
  isSecret: boolean;
  deps: unknown[];
  err?: unknown;
}

type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: unknown) => void;

interface Pending {
  resolve(s: Settled): void;
  reject(err: unknown): void;
}

type OutputConstructor = new (
  resources: unknown,
  promise: Promise<unknown>,
  isKnown: Promise<boolean>,
  isSecret: Promise<boolean>,
  allResources: Promise<unknown[]>,
) => object;

/** Four promises settled together, as the SDK's transferProperties makes them. */
function pendingPromises(): { pending: Pending; promises: [Promise<unknown>, Promise<boolean>, Promise<boolean>, Promise<unknown[]>] } {
  const resolvers: ((v: never) => void)[] = [];
  const rejecters: ((e: unknown) => void)[] = [];
  const make = <T>() =>
    new Promise<T>((resolve, reject) => {
      resolvers.push(resolve as (v: never) => void);
      rejecters.push(reject);
    });
  const promises = [make<unknown>(), make<boolean>(), make<boolean>(), make<unknown[]>()] as const;
  const pending: Pending = {
    resolve: (s) => [s.value, s.isKnown, s.isSecret, s.deps].forEach((v, i) => resolvers[i]?.(v as never)),
    reject: (err) => rejecters.forEach((r) => r(err)),
  };
  return { pending, promises: [...promises] };
}

function settledPromises(s: Settled): [Promise<unknown>, Promise<boolean>, Promise<boolean>, Promise<unknown[]>] {
  if (s.err !== undefined) return [Promise.reject(s.err), Promise.reject(s.err), Promise.reject(s.err), Promise.reject(s.err)];
  return [Promise.resolve(s.value), Promise.resolve(s.isKnown), Promise.resolve(s.isSecret), Promise.resolve(s.deps)];
}

/** Installs the lazy transfer in the SDK's rpc module. Returns false when the SDK has no such hook. */
export function installLazyOutputs(): boolean {
  const rpc = runtimeRpc();
  // The public Output class; its constructor (resources and four promises) is what transferProperties uses.
  const Output = pulumi.Output as unknown as OutputConstructor;
  if (typeof rpc.transferProperties !== "function") return false;

  rpc.transferProperties = function lazyTransferProperties(onto: object, label: string, props: Record<string, unknown>) {
    const resolvers: Record<string, Resolver> = {};
    for (const key of Object.keys(props)) {
      // The SDK handles "id" and "urn" itself.
      if (key === "id" || key === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, key)) throw new Error(`Property '${key}' is already initialized on target '${label}`);
      let settled: Settled | undefined;
      let pending: Pending | undefined;
      let output: object | undefined;
      resolvers[key] = (value, isKnown, isSecret, deps = [], err) => {
        // As the SDK: a failed RPC leaves the outputs unresolved (the run is ending).
        if (err && pulumi.isGrpcError(err as Error)) return;
        // As the SDK's promises: the first call settles the output, later ones change nothing.
        if (settled) return;
        settled = { value, isKnown, isSecret, deps, err: err || undefined };
        if (!pending) return;
        if (settled.err !== undefined) pending.reject(settled.err);
        else pending.resolve(settled);
      };
      Object.defineProperty(onto, key, {
        configurable: true,
        enumerable: true,
        get() {
          if (output === undefined) {
            let promises: ReturnType<typeof settledPromises>;
            if (settled) promises = settledPromises(settled);
            else ({ pending, promises } = pendingPromises());
            output = new Output(onto, ...promises);
          }
          return output;
        },
        set(value: unknown) {
          Object.defineProperty(onto, key, { value, writable: true, configurable: true, enumerable: true });
        },
      });
    }
    return resolvers;
  };
  return true;
}
