/**
 * How the offline tooling runs TypeScript, in this process and in the child processes it starts:
 *  - an entry (plan, capture, bench, diagrams; the component provider in its schema test) runs
 *    through plan/commands/launch.cjs, which compiles it and the project modules it imports into one bundle;
 *  - code that requires the project's modules one by one (the test runner, `node -e`) loads
 *    esbuild-register, which compiles each .ts file as it is required and leaves node_modules alone.
 */
import { join } from "node:path";
import { projectRoot } from "./stack-config";

/** The launcher of this checkout. */
export const launcher = join(projectRoot, "plan", "commands", "launch.cjs");

/** Node arguments that run the TypeScript file `entry` as a program: `node ...tsEntryArgs(entry) args`. */
export function tsEntryArgs(entry: string): string[] {
  return [launcher, entry];
}

/** Node arguments for code that requires the project's .ts modules itself. */
export const tsLoaderArgs: readonly string[] = ["--require", "esbuild-register"];
