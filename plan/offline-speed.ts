/**
 * Offline-only speedups for runs under the recording mocks (docs/benchmark.md). Most of a mocked
 * run's time goes into stack traces the Pulumi SDK records for every resource and promise, each
 * frame mapped back to TypeScript:
 *  - debuggablePromise records `new Error().stack` per promise (only read by the promise-leak
 *    report): Error.stackTraceLimit = 0 records none;
 *  - Resource.callsites() captures the full stack of every resource for its source position, which
 *    the engine shows in diagnostics and the mock monitor discards: an empty list skips it.
 *  - debuggablePromise also tags each promise and tracks it in a set for the promise-leak report
 *    printed at exit: the offline run does not need that report, so promises pass through;
 *  - a resource's output properties become Outputs when first read (plan/lazy-outputs.ts), not all
 *    of them at construction.
 * Together they cut the program phase three- to fourfold and its memory about half. Error messages are kept; set
 * PLAN_STACK_TRACES=1 to keep the traces when debugging a program error. Never call this from the
 * deployed program (infra/index.ts): there the source positions and error stacks are worth having.
 */
import { installLazyOutputs } from "./lazy-outputs";

export function applyOfflineSpeedups(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PLAN_STACK_TRACES) return false;
  Error.stackTraceLimit = 0;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resource } = require("@pulumi/pulumi/resource") as { Resource: { callsites?: () => unknown[] } };
  if (typeof Resource.callsites === "function") Resource.callsites = () => [];
  // debuggablePromise tags every SDK promise for the promise-leak report printed at exit; the
  // offline run reads no such report, so its promises go untagged.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
  debuggable.debuggablePromise = (p) => p;
  installLazyOutputs();
  return true;
}
