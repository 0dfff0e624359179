/**
 * The customer-gateway kit: from a captured run (and, after deploy, the stack's outputs), the files
 * that configure each customer gateway as a Linux router with strongSwan and FRR. Pure: the command
 * (plan/commands/cgw.ts) writes them, the lab (tests/lab/) proves them.
 */
import type { CapturedRun } from "../runtime/captured-run";
import type { GatewayPlan } from "./model";
import { gatewayPlans } from "./model";
import type { DeployedConnections } from "./outputs";
import { renderFillKeys } from "./render-keys";
import { renderFrr } from "./render-frr";
import { renderInterfaces } from "./render-interfaces";
import { renderReadme } from "./render-readme";
import { renderStrongswan } from "./render-strongswan";
import { renderSwanctl } from "./render-swanctl";

export type { GatewayPlan, TunnelPlan, ConnectionPlan } from "./model";
export { parseStackOutputs } from "./outputs";
export type { DeployedConnections } from "./outputs";
export { keyPlaceholderPrefix, placeholdersIn } from "./placeholders";

/** The files of one gateway's kit, by file name. */
export const kitFiles = ["README.md", "swanctl.conf", "strongswan-aws.conf", "interfaces.sh", "fill-keys.sh", "frr.conf"] as const;
export type KitFile = (typeof kitFiles)[number];

export interface GatewayKit {
  gateway: GatewayPlan;
  files: Record<KitFile, string>;
}

export interface KitOptions {
  /** Render only this gateway. */
  gateway?: string;
  /** AWS's outside addresses etc. from `pulumi stack output --json`. */
  deployed?: DeployedConnections;
}

export function renderGatewayKit(gateway: GatewayPlan): GatewayKit {
  return {
    gateway,
    files: {
      "README.md": renderReadme(gateway),
      "swanctl.conf": renderSwanctl(gateway),
      "strongswan-aws.conf": renderStrongswan(gateway),
      "interfaces.sh": renderInterfaces(gateway),
      "fill-keys.sh": renderFillKeys(gateway),
      "frr.conf": renderFrr(gateway),
    },
  };
}

/** The kit of every customer gateway with at least one VPN connection (or of the one named). Throws naming the known gateways on an unknown name. */
export function renderKits(run: CapturedRun, options: KitOptions = {}): GatewayKit[] {
  const plans = gatewayPlans(run, options.deployed);
  let chosen = plans;
  if (options.gateway !== undefined) {
    chosen = plans.filter((g) => g.name === options.gateway);
    if (chosen.length === 0) {
      throw new Error(
        `no customer gateway ${options.gateway} in stack ${run.stack}; known: ${plans.map((g) => g.name).join(", ") || "none"}`,
      );
    }
  }
  return chosen.filter((g) => g.connections.length > 0).map(renderGatewayKit);
}
