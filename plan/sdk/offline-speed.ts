/**
 * Offline-only speedups for runs under the recording mocks (docs/benchmark.md). Most of a mocked
 * run's time goes into work the Pulumi SDK does for every resource and promise that the offline run
 * never reads:
 *  - a resource's output properties become Outputs when first read (plan/sdk/lazy-outputs.ts), not all
 *    of them at construction: the largest saving, in time and memory;
 *  - debuggablePromise records `new Error().stack` per promise (only read by the promise-leak
 *    report): Error.stackTraceLimit = 0 records none;
 *  - debuggablePromise also tags each promise and tracks it in a set for that report, printed at
 *    exit: the offline run does not need it, so promises pass through;
 *  - Resource.callsites() captures the full stack of every resource for its source position, which
 *    the engine shows in diagnostics and the mock monitor discards: an empty list skips it.
 * Together they cut the program phase three- to fivefold and a large run's peak memory by 40-60 %; the
 * captured runs are identical with and without them (tests/offline-speed.test.ts). Error messages
 * are kept; PLAN_STACK_TRACES=1 turns every speedup off (the SDK's defaults, with stack traces), for
 * debugging a program error. Never call this from the deployed program (infra/index.ts): there the
 * source positions and error stacks are worth having.
 */
import { resourceClass, runtimeDebuggable } from "../../infra/lib/sdk-internals";
import { installLazyOutputs } from "./lazy-outputs";

export function applyOfflineSpeedups(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PLAN_STACK_TRACES) return false;
  Error.stackTraceLimit = 0;
  const { Resource } = resourceClass();
  if (typeof Resource.callsites === "function") Resource.callsites = () => [];
  // debuggablePromise tags every SDK promise for the promise-leak report printed at exit; the
  // offline run reads no such report, so its promises go untagged.
  const debuggable = runtimeDebuggable();
  debuggable.debuggablePromise = (p) => p;
  installLazyOutputs();
  return true;
}
