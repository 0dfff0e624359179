/** Reads the stack config from the Pulumi runtime (as the CLI, or the offline plan, set it). */
import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "./load";
import type { NetworkSettings } from "./types";

const secretKeysEntry = "PULUMI_CONFIG_SECRET_KEYS";

export function readSettings(): NetworkSettings {
  const all = { ...pulumi.runtime.allConfig() };
  const secretKeys = JSON.parse(all[secretKeysEntry] ?? "[]") as string[];
  delete all[secretKeysEntry];
  return loadSettings({ values: all, secretKeys }, { project: pulumi.getProject(), stack: pulumi.getStack() });
}
