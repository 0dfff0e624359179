/**
 * Imported first by the offline entries (plan, capture, bench), before anything heavy is loaded:
 *  - V8's compile cache for the modules that follow (Node's module.enableCompileCache; a directory in
 *    the OS temp folder, off with NODE_DISABLE_COMPILE_CACHE=1): the SDK and the provider modules
 *    are compiled once, not on every plan;
 *  - no source-map lookups: esbuild-register (the loader of the tests, plan/runtime/entries.ts) turns them
 *    on, and Node then scans every loaded module that names a map, which the offline run never reads
 *    (its stack traces are off, plan/sdk/offline-speed.ts).
 * PLAN_STACK_TRACES=1 keeps source maps, for debugging a program error.
 */
import { enableCompileCache } from "node:module";

enableCompileCache?.();
if (!process.env.PLAN_STACK_TRACES) process.setSourceMapsEnabled(false);
