/**
 * Reads the stack config from the Pulumi runtime (as the CLI, or the offline plan, set it). Keeps
 * nothing: the offline plan loads the settings itself from the config it gave the program.
 */
import * as pulumi from "@pulumi/pulumi";
import { isConfigSecret } from "../lib/sdk-internals";
import { loadSettings } from "./load";
import type { NetworkSettings } from "./types";

export function readSettings(): NetworkSettings {
  const values = pulumi.runtime.allConfig();
  const secretKeys = Object.keys(values).filter((k) => isConfigSecret(k));
  return loadSettings({ values, secretKeys }, { project: pulumi.getProject(), stack: pulumi.getStack() });
}

/**
 * Pre-shared keys that tunnels take from config (`presharedKey: {source: config, configKey}`),
 * read as secrets: config key -> secret Output. The settings only name the keys; the values never
 * enter NetworkSettings.
 */
export function readPresharedKeys(settings: NetworkSettings): Record<string, pulumi.Output<string>> {
  const config = new pulumi.Config();
  const keys: Record<string, pulumi.Output<string>> = {};
  for (const connection of settings.vpnConnections) {
    for (const tunnel of connection.tunnels) {
      if (tunnel.presharedKey.source === "config")
        keys[tunnel.presharedKey.configKey] ??= config.requireSecret(tunnel.presharedKey.configKey);
    }
  }
  return keys;
}
