import type { TunnelBandwidth } from "../vocabulary/vpn";
import type { TunnelOptionsInput } from "./schema";
import type { TunnelOptions } from "./types";

/**
 * Hardened tunnel defaults. AWS's own defaults accept IKEv1, SHA1 and DH group 2; these do not.
 * The network team configures the customer device to match (docs/vpn.md, "Tunnel options to configure on the device").
 * Every option is set, and each value is one the stack config accepts (`satisfies`).
 */
export const hardenedTunnelOptions: TunnelOptions = {
  ikeVersions: ["ikev2"],
  phase1EncryptionAlgorithms: ["AES256-GCM-16", "AES256"],
  phase2EncryptionAlgorithms: ["AES256-GCM-16", "AES256"],
  phase1IntegrityAlgorithms: ["SHA2-384", "SHA2-512"],
  phase2IntegrityAlgorithms: ["SHA2-384", "SHA2-512"],
  phase1DhGroupNumbers: [19, 20, 21],
  phase2DhGroupNumbers: [19, 20, 21],
  phase1LifetimeSeconds: 28800,
  phase2LifetimeSeconds: 3600,
  dpdTimeoutSeconds: 30,
  // restart: AWS re-initiates IKE when DPD fires, so a tunnel recovers without waiting for the device.
  dpdTimeoutAction: "restart",
  rekeyMarginTimeSeconds: 270,
  rekeyFuzzPercentage: 100,
  replayWindowSize: 1024,
  startupAction: "add",
  enableTunnelLifecycleControl: false,
} satisfies Required<TunnelOptionsInput>;

/** Per-tunnel bandwidth in Gbps (S2S VPN quotas; "large" tunnels: TGW or Cloud WAN only). */
export const tunnelGbps = { standard: 1.25, large: 5 } as const satisfies Record<TunnelBandwidth, number>;

/** Most availability zones a spoke uses; the subnet layout reserves room for this many. */
export const maxAvailabilityZones = 4;

/**
 * `vpn.logging.retentionDays` for logs that never expire: CloudWatch Logs keeps a group's events
 * forever when it has no retention policy (the provider's `retentionInDays: 0`).
 */
export const neverExpire = "never";

/**
 * The dashboard's name when none is configured: `<project>-<stack>`, with every character that
 * PutDashboard refuses (it takes letters, digits, '-' and '_') replaced by '-' (a stack name may hold '.').
 */
export function defaultDashboardName(project: string, stack: string): string {
  return `${project}-${stack}`.replace(/[^A-Za-z0-9_-]/g, "-");
}
