/** Reads the stack config from the Pulumi runtime (as the CLI, or the offline plan, set it). */
import * as pulumi from "@pulumi/pulumi";
import { isConfigSecret } from "../lib/sdk-internals";
import { loadSettings } from "./load";
import type { NetworkSettings } from "./types";

let lastRead: NetworkSettings | undefined;

export function readSettings(): NetworkSettings {
  const values = pulumi.runtime.allConfig();
  const secretKeys = Object.keys(values).filter((k) => isConfigSecret(k));
  lastRead = loadSettings({ values, secretKeys }, { project: pulumi.getProject(), stack: pulumi.getStack() });
  return lastRead;
}

/** The settings the program last read in this process: the offline plan takes its intent from here. */
export function settingsReadByProgram(): NetworkSettings | undefined {
  return lastRead;
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
