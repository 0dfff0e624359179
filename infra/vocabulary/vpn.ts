// The VPN's choices and tunnel options, defined once for the stack config (settings/schema.ts
// accepts exactly these values, settings/types.ts holds them) and for the VPN components' args
// (components/vpn/, published in the component package).
//
// A choice the component package carries is an `as const` object, not a bare list: Pulumi's schema
// analyzer turns it into an enum (C#: an enum type; its members are the object's keys), and it reads
// the object literal itself, so it stays a literal here rather than being computed. The zod schema
// takes the same object (`z.enum(VpnRouting)`), and the TypeScript union is its values' type.
// Sources: S2S VPN User Guide, "Tunnel options for your Site-to-Site VPN connection"; EC2 API
// reference, VpnTunnelOptionsSpecification.
// (Line comments: a /** */ block here would join the first enum's description in the package schema.)

/** IKE versions a tunnel may accept (a list option; the package carries it as strings). */
export const ikeVersions = ["ikev1", "ikev2"] as const;
export type IkeVersion = (typeof ikeVersions)[number];

/** Phase 1 and phase 2 encryption algorithms. */
export const encryptionAlgorithms = ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"] as const;
export type EncryptionAlgorithm = (typeof encryptionAlgorithms)[number];

/** Phase 1 and phase 2 integrity algorithms. */
export const integrityAlgorithms = ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"] as const;
export type IntegrityAlgorithm = (typeof integrityAlgorithms)[number];

/** Diffie-Hellman groups AWS accepts in phase 1 (2, 14-24) and phase 2 (also 5). */
export const phase1DhGroups = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
export const phase2DhGroups = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;

/** `bgp` (dynamic, needed for ECMP) or `static` (staticRoutesOnly). */
export const VpnRouting = { Bgp: "bgp", Static: "static" } as const;
export type VpnRouting = (typeof VpnRouting)[keyof typeof VpnRouting];

/** `standard` (up to 1.25 Gbps per tunnel) or `large` (up to 5 Gbps per tunnel, not with acceleration). */
export const TunnelBandwidth = { Standard: "standard", Large: "large" } as const;
export type TunnelBandwidth = (typeof TunnelBandwidth)[keyof typeof TunnelBandwidth];

/** Outside addresses of the tunnels: public IPv4, or private IPv4 over Direct Connect. */
export const OutsideIpAddressType = { PublicIpv4: "PublicIpv4", PrivateIpv4: "PrivateIpv4" } as const;
export type OutsideIpAddressType = (typeof OutsideIpAddressType)[keyof typeof OutsideIpAddressType];

/** Inside addressing of the tunnels. */
export const TunnelInsideIpVersion = { Ipv4: "ipv4", Ipv6: "ipv6" } as const;
export type TunnelInsideIpVersion = (typeof TunnelInsideIpVersion)[keyof typeof TunnelInsideIpVersion];

/** Where AWS keeps the pre-shared keys: in the VPN service, or in AWS Secrets Manager. */
export const PresharedKeyStorage = { Standard: "Standard", SecretsManager: "SecretsManager" } as const;
export type PresharedKeyStorage = (typeof PresharedKeyStorage)[keyof typeof PresharedKeyStorage];

/** Tunnel log line format. */
export const LogOutputFormat = { Json: "json", Text: "text" } as const;
export type LogOutputFormat = (typeof LogOutputFormat)[keyof typeof LogOutputFormat];

/** What AWS does when dead peer detection times out. */
export const DpdTimeoutAction = { Clear: "clear", None: "none", Restart: "restart" } as const;
export type DpdTimeoutAction = (typeof DpdTimeoutAction)[keyof typeof DpdTimeoutAction];

/** Who starts IKE: the customer device (`add`) or AWS (`start`). */
export const StartupAction = { Add: "add", Start: "start" } as const;
export type StartupAction = (typeof StartupAction)[keyof typeof StartupAction];

/**
 * IKE/IPsec options of a tunnel (S2S VPN User Guide, "Tunnel options"), applied to both tunnels:
 * the component's arg type, and the settings' resolved options (every field set; the hardened
 * defaults are in settings/defaults.ts). The algorithm lists are `string[]`, not the unions of
 * this file: the C# component package's schema is read from these types by Pulumi's analyzer,
 * which rejects string-literal unions (docs/csharp.md), so the lists stay plain strings and the
 * settings check their values against the unions above.
 */
export interface VpnTunnelOptions {
  /** IKE versions accepted: ikev1, ikev2. */
  ikeVersions: string[];
  /** Phase 1 encryption: AES128, AES256, AES128-GCM-16, AES256-GCM-16. */
  phase1EncryptionAlgorithms: string[];
  /** Phase 2 encryption: AES128, AES256, AES128-GCM-16, AES256-GCM-16. */
  phase2EncryptionAlgorithms: string[];
  /** Phase 1 integrity: SHA1, SHA2-256, SHA2-384, SHA2-512. */
  phase1IntegrityAlgorithms: string[];
  /** Phase 2 integrity: SHA1, SHA2-256, SHA2-384, SHA2-512. */
  phase2IntegrityAlgorithms: string[];
  /** Phase 1 Diffie-Hellman groups: 2, 14-24. */
  phase1DhGroupNumbers: number[];
  /** Phase 2 Diffie-Hellman groups: 2, 5, 14-24. */
  phase2DhGroupNumbers: number[];
  /** Phase 1 (IKE SA) lifetime, 900-28,800 seconds. */
  phase1LifetimeSeconds: number;
  /** Phase 2 (IPsec SA) lifetime, 900-3,600 seconds and below phase 1. */
  phase2LifetimeSeconds: number;
  /** Dead peer detection timeout, at least 30 seconds. */
  dpdTimeoutSeconds: number;
  /** What AWS does when DPD times out. */
  dpdTimeoutAction: DpdTimeoutAction;
  /** Seconds before phase 2 expiry that AWS rekeys: 60 up to half the phase 2 lifetime. */
  rekeyMarginTimeSeconds: number;
  /** Randomisation of the rekey margin, 0-100 percent. */
  rekeyFuzzPercentage: number;
  /** IKE replay window, 64-2,048 packets. */
  replayWindowSize: number;
  /** Who starts IKE. `start` needs a customer gateway with an IP address. */
  startupAction: StartupAction;
  /** Let the customer control when AWS replaces a tunnel endpoint during maintenance. */
  enableTunnelLifecycleControl: boolean;
}
