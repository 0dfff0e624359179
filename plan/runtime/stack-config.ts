/**
 * Reads Pulumi.<stack>.yaml the way the Pulumi CLI hands it to a program: fully qualified keys,
 * objects as JSON text, secure values marked secret. Offline there is no key to decrypt a secure
 * value, so it becomes a placeholder that obeys AWS's pre-shared key rules.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import type { RawConfig } from "../../infra/settings/load";

/** The directory holding Pulumi.yaml, above this module (also when it runs inside a bundle, plan/commands/launch.cjs). */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "Pulumi.yaml"))) return dir;
    if (dirname(dir) === dir) return join(from, "..");
  }
}

export const projectRoot = findProjectRoot(__dirname);

/** Stands in for a secure config value offline: valid as a pre-shared key, obviously not real. */
export const offlineSecretPlaceholder = "OfflinePlaceholderKey";

export function readProjectName(root = projectRoot): string {
  const project = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { name: string };
  return project.name;
}

/** Turns a parsed stack document's `config:` map into engine-style raw config. */
export function rawConfigFrom(config: Record<string, unknown>, project: string): RawConfig {
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(config ?? {})) {
    const fullKey = key.includes(":") ? key : `${project}:${key}`;
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      values[fullKey] = offlineSecretPlaceholder;
      secretKeys.push(fullKey);
    } else {
      values[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { values, secretKeys };
}

export function stackFilePath(stack: string, root = projectRoot): string {
  return join(root, `Pulumi.${stack}.yaml`);
}

/** Loads Pulumi.<stack>.yaml from the project root. */
export function loadStackConfig(stack: string, root = projectRoot): RawConfig {
  const text = readFileSync(stackFilePath(stack, root), "utf8");
  return parseStackConfig(text, readProjectName(root));
}

export function parseStackConfig(text: string, project: string): RawConfig {
  const doc = (parse(text) ?? {}) as { config?: Record<string, unknown> };
  return rawConfigFrom(doc.config ?? {}, project);
}
