/**
 * Test harness: runs the real program under the recording mocks with a real stack file (or a
 * modified copy of one), and helpers to query what was registered.
 * Pulumi's runtime state is global to the process: runs go one after the other, never two at once
 * (each run resets it: tests/program-reruns.test.ts).
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { awsTypes } from "../plan/runtime/types";
import type { CapturedResource, CapturedRun } from "../plan/runtime/captured-run";
import { applyOfflineSpeedups } from "../plan/sdk/offline-speed";
import { runProgram } from "../plan/runtime/run";
import type { RunResult } from "../plan/runtime/run";
import { rawConfigFrom, readProjectName, stackFilePath } from "../plan/runtime/stack-config";

// Mocked runs use the plan command's offline speedups (PLAN_STACK_TRACES=1 turns them off).
applyOfflineSpeedups();

export const project = readProjectName();

/** The `config:` map of a real stack file, keys unqualified for the project's own keys. */
export function stackDocument(stack: string): Record<string, unknown> {
  const doc = parse(readFileSync(stackFilePath(stack), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k.startsWith(`${project}:`) ? k.slice(project.length + 1) : k, v]));
}

export interface PlanOptions {
  /** Change the stack document before the run (it is a deep copy). */
  edit?: (config: Record<string, unknown>) => void;
  /** Secret config values, as `pulumi config set --secret` would give them to the program. */
  secrets?: Record<string, string>;
}

/** Runs the program with Pulumi.<stack>.yaml (optionally edited). Call once per test file. */
export async function planStack(stack: string, options: PlanOptions = {}): Promise<RunResult> {
  const config = structuredClone(stackDocument(stack));
  options.edit?.(config);
  const raw = rawConfigFrom(config, project);
  for (const [key, value] of Object.entries(options.secrets ?? {})) {
    raw.values[`${project}:${key}`] = value;
    raw.secretKeys.push(`${project}:${key}`);
  }
  return runProgram({ stack, config: raw, project });
}

/** Runs and fails loudly when the program did not succeed. */
export async function planOk(stack: string, options: PlanOptions = {}): Promise<CapturedRun> {
  const result = await planStack(stack, options);
  if (!result.ok) throw result.error;
  return result.run;
}

export function ofType(run: CapturedRun, type: string): CapturedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function byName(run: CapturedRun, type: string, name: string): CapturedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}; have: ${ofType(run, type)
        .map((r) => r.name)
        .join(", ")}`,
    );
  return found;
}

/** The resource whose mock id is `id` (ids chain one resource's output into another's input). */
export function byId(run: CapturedRun, id: unknown): CapturedResource | undefined {
  return run.resources.find((r) => r.id === id && r.custom);
}

export function parentOf(run: CapturedRun, r: CapturedResource): CapturedResource | undefined {
  return run.resources.find((p) => p.urn === r.parent);
}

/** Custom resources whose parent is the component `component` (by type and name). */
export function childrenOf(run: CapturedRun, componentType: string, componentName: string, type?: string): CapturedResource[] {
  const component = run.resources.find((r) => r.type === componentType && r.name === componentName);
  if (!component) throw new Error(`no ${componentType} named ${componentName}`);
  return run.resources.filter((r) => r.parent === component.urn && (type === undefined || r.type === type));
}

/** Custom resources of `type` registered anywhere under a component of `componentType` (a parent, or a parent's parent...). */
export function under(run: CapturedRun, componentType: string, type: string): CapturedResource[] {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const isUnder = (r: CapturedResource): boolean => {
    for (let p = byUrn.get(r.parent); p; p = byUrn.get(p.parent)) if (p.type === componentType) return true;
    return false;
  };
  return ofType(run, type).filter(isUnder);
}

/** Name of the explicit provider of a resource (`aws-test`), or "" for the default provider. */
export function providerName(r: CapturedResource): string {
  if (!r.provider) return "";
  const urn = r.provider.split("::").slice(0, -1).join("::");
  return urn.split("::").pop() ?? "";
}

/** Type tokens by short name. */
export const types = awsTypes;

/** The first item of a list; fails the test, saying what was looked for, when the list is empty. */
export function first<T>(items: readonly T[], what = "item"): T {
  const item = items[0];
  if (item === undefined) throw new Error(`expected at least one ${what}, found none`);
  return item;
}

/** The value under `key`; fails the test, naming the key, when it is absent. */
export function entry<T>(record: Readonly<Record<string, T>> | readonly T[], key: string | number, what = "entry"): T {
  const value = (record as Record<string | number, T | undefined>)[key];
  if (value === undefined) throw new Error(`no ${what} ${String(key)}`);
  return value;
}
