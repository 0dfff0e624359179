/** Helpers for settings tests: load a stack document (edited) straight through the settings loader. */
import { loadSettings } from "../infra/settings/load";
import { SettingsError } from "../infra/settings/errors";
import type { SettingsIssue } from "../infra/settings/errors";
import type { NetworkSettings } from "../infra/settings/types";
import { rawConfigFrom } from "../plan/runtime/stack-config";
import { project, stackDocument } from "./harness";

/** Loads Pulumi.<stack>.yaml, edited, as the settings of stack `stackName` (default: the same name). */
export function load(
  stack: string,
  edit?: (c: Record<string, unknown>) => void,
  secrets: Record<string, string> = {},
  stackName = stack,
): NetworkSettings {
  const config = structuredClone(stackDocument(stack));
  edit?.(config);
  const raw = rawConfigFrom(config, project);
  for (const [k, v] of Object.entries(secrets)) {
    raw.values[`${project}:${k}`] = v;
    raw.secretKeys.push(`${project}:${k}`);
  }
  return loadSettings(raw, { project, stack: stackName });
}

/** The issues a broken config produces; fails when it loads. */
export function issuesOf(stack: string, edit: (c: Record<string, unknown>) => void, secrets: Record<string, string> = {}): SettingsIssue[] {
  try {
    load(stack, edit, secrets);
  } catch (e) {
    if (e instanceof SettingsError) return e.issues;
    throw e;
  }
  throw new Error("expected the configuration to be rejected, but it loaded");
}

/** Finds a named item in a config list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function item(config: Record<string, unknown>, list: string, name: string): any {
  const items = (
    list.includes(".") ? list.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], config) : config[list]
  ) as { name: string }[];
  const found = items.find((i) => i.name === name);
  if (!found) throw new Error(`no ${name} in ${list}`);
  return found;
}
