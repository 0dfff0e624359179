/**
 * How the offline tooling runs TypeScript, in this process and in the child processes it starts:
 *  - an entry (plan, capture, bench, diagrams; the component provider in its schema test) runs
 *    through plan/commands/launch.cjs, which compiles it and the project modules it imports into one bundle;
 *  - code that requires the project's modules one by one (the test runner, `node -e`) loads
 *    esbuild-register, which compiles each .ts file as it is required and leaves node_modules alone.
 */
import { totalmem } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./stack-config";

/** The launcher of this checkout. */
export const launcher = join(projectRoot, "plan", "commands", "launch.cjs");

/**
 * The heap an offline run may use: three quarters of the machine's memory. V8's default limit
 * (about 4 GiB) is below what the SDK keeps for a stack of thousands of spokes (about 45 KiB a
 * resource, docs/benchmark.md); the `plan` npm script passes the same share
 * (`--max-old-space-size-percentage=75`).
 */
export function heapArgs(): string[] {
  return [`--max-old-space-size=${Math.floor((totalmem() * 0.75) / 2 ** 20)}`];
}

/** Node arguments that run the TypeScript file `entry` as a program: `node ...tsEntryArgs(entry) args`. */
export function tsEntryArgs(entry: string): string[] {
  return [...heapArgs(), launcher, entry];
}

/** Node arguments for code that requires the project's .ts modules itself. */
export const tsLoaderArgs: readonly string[] = ["--require", "esbuild-register"];
