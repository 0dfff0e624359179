/**
 * The IKE/IPsec options one tunnel of a registered VPN connection runs with, read from the
 * captured VpnConnection's `tunnel<n>...` inputs. An option the program left unset is what AWS
 * applies then: its documented default (S2S VPN User Guide, "Tunnel options for your Site-to-Site
 * VPN connection"; EC2 API reference, VpnTunnelOptionsSpecification). Both the device configuration
 * and the lab's emulated AWS side start from these values.
 */
import {
  encryptionAlgorithms as awsEncryptionAlgorithms,
  ikeVersions as awsIkeVersions,
  integrityAlgorithms as awsIntegrityAlgorithms,
  phase1DhGroups as awsPhase1DhGroups,
  phase2DhGroups as awsPhase2DhGroups,
} from "../../infra/vocabulary/vpn";
import type {
  EncryptionAlgorithm as AwsEncryption,
  IkeVersion as AwsIkeVersion,
  IntegrityAlgorithm as AwsIntegrity,
  VpnTunnelOptions,
} from "../../infra/vocabulary/vpn";
import type { CapturedResource } from "../runtime/captured-run";

// AWS's values, from the one vocabulary the settings and the components use.
export { awsEncryptionAlgorithms, awsIkeVersions, awsIntegrityAlgorithms, awsPhase1DhGroups, awsPhase2DhGroups };
export type { AwsEncryption, AwsIkeVersion, AwsIntegrity };
export type { DpdTimeoutAction, StartupAction } from "../../infra/vocabulary/vpn";

/** One tunnel's options, every one resolved (AWS's default where the program set none). */
export type AwsTunnelOptions = Omit<
  VpnTunnelOptions,
  | "ikeVersions"
  | "phase1EncryptionAlgorithms"
  | "phase2EncryptionAlgorithms"
  | "phase1IntegrityAlgorithms"
  | "phase2IntegrityAlgorithms"
  | "enableTunnelLifecycleControl"
> & {
  // The program's options carry these as strings (the component package's shape); read back, they are AWS's values.
  ikeVersions: AwsIkeVersion[];
  phase1EncryptionAlgorithms: AwsEncryption[];
  phase2EncryptionAlgorithms: AwsEncryption[];
  phase1IntegrityAlgorithms: AwsIntegrity[];
  phase2IntegrityAlgorithms: AwsIntegrity[];
};

/**
 * AWS's defaults for an option left unset (VpnTunnelOptionsSpecification): every algorithm and
 * group, both IKE versions, 28,800 s / 3,600 s lifetimes, DPD 30 s (the API reference says 40 for
 * ModifyVpnTunnelOptions; 30 is the tunnel options page's figure for a new connection) with
 * `clear`, rekey margin 270 s, fuzz 100 %, replay window 1,024, startup action `add`.
 */
export const awsDefaultTunnelOptions: AwsTunnelOptions = {
  ikeVersions: [...awsIkeVersions],
  phase1EncryptionAlgorithms: [...awsEncryptionAlgorithms],
  phase2EncryptionAlgorithms: [...awsEncryptionAlgorithms],
  phase1IntegrityAlgorithms: [...awsIntegrityAlgorithms],
  phase2IntegrityAlgorithms: [...awsIntegrityAlgorithms],
  phase1DhGroupNumbers: [...awsPhase1DhGroups],
  phase2DhGroupNumbers: [...awsPhase2DhGroups],
  phase1LifetimeSeconds: 28800,
  phase2LifetimeSeconds: 3600,
  dpdTimeoutSeconds: 30,
  dpdTimeoutAction: "clear",
  rekeyMarginTimeSeconds: 270,
  rekeyFuzzPercentage: 100,
  replayWindowSize: 1024,
  startupAction: "add",
};

function stringList<T extends string>(value: unknown, allowed: readonly T[], what: string): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${what}: expected a non-empty list, got ${JSON.stringify(value)}`);
  return value.map((v) => {
    if (!allowed.includes(v as T)) throw new Error(`${what}: ${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
    return v as T;
  });
}

function numberList(value: unknown, allowed: readonly number[], what: string): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${what}: expected a non-empty list, got ${JSON.stringify(value)}`);
  return value.map((v) => {
    const n = Number(v);
    if (!allowed.includes(n)) throw new Error(`${what}: ${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
    return n;
  });
}

function numberOf(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${what}: expected a number, got ${JSON.stringify(value)}`);
  return n;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!allowed.includes(value as T)) throw new Error(`${what}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
  return value as T;
}

/** The options tunnel `n` of a captured VpnConnection runs with. Throws, naming the input, on a value AWS would not take. */
export function tunnelOptionsOf(vpn: CapturedResource, n: 1 | 2): AwsTunnelOptions {
  const input = (field: string) => vpn.inputs[`tunnel${n}${field}`];
  const what = (field: string) => `${vpn.name} tunnel${n}${field}`;
  const d = awsDefaultTunnelOptions;
  return {
    ikeVersions: stringList(input("IkeVersions"), awsIkeVersions, what("IkeVersions")) ?? d.ikeVersions,
    phase1EncryptionAlgorithms:
      stringList(input("Phase1EncryptionAlgorithms"), awsEncryptionAlgorithms, what("Phase1EncryptionAlgorithms")) ??
      d.phase1EncryptionAlgorithms,
    phase2EncryptionAlgorithms:
      stringList(input("Phase2EncryptionAlgorithms"), awsEncryptionAlgorithms, what("Phase2EncryptionAlgorithms")) ??
      d.phase2EncryptionAlgorithms,
    phase1IntegrityAlgorithms:
      stringList(input("Phase1IntegrityAlgorithms"), awsIntegrityAlgorithms, what("Phase1IntegrityAlgorithms")) ??
      d.phase1IntegrityAlgorithms,
    phase2IntegrityAlgorithms:
      stringList(input("Phase2IntegrityAlgorithms"), awsIntegrityAlgorithms, what("Phase2IntegrityAlgorithms")) ??
      d.phase2IntegrityAlgorithms,
    phase1DhGroupNumbers:
      numberList(input("Phase1DhGroupNumbers"), awsPhase1DhGroups, what("Phase1DhGroupNumbers")) ?? d.phase1DhGroupNumbers,
    phase2DhGroupNumbers:
      numberList(input("Phase2DhGroupNumbers"), awsPhase2DhGroups, what("Phase2DhGroupNumbers")) ?? d.phase2DhGroupNumbers,
    phase1LifetimeSeconds: numberOf(input("Phase1LifetimeSeconds"), what("Phase1LifetimeSeconds")) ?? d.phase1LifetimeSeconds,
    phase2LifetimeSeconds: numberOf(input("Phase2LifetimeSeconds"), what("Phase2LifetimeSeconds")) ?? d.phase2LifetimeSeconds,
    dpdTimeoutSeconds: numberOf(input("DpdTimeoutSeconds"), what("DpdTimeoutSeconds")) ?? d.dpdTimeoutSeconds,
    dpdTimeoutAction:
      oneOf(input("DpdTimeoutAction"), ["clear", "none", "restart"] as const, what("DpdTimeoutAction")) ?? d.dpdTimeoutAction,
    rekeyMarginTimeSeconds: numberOf(input("RekeyMarginTimeSeconds"), what("RekeyMarginTimeSeconds")) ?? d.rekeyMarginTimeSeconds,
    rekeyFuzzPercentage: numberOf(input("RekeyFuzzPercentage"), what("RekeyFuzzPercentage")) ?? d.rekeyFuzzPercentage,
    replayWindowSize: numberOf(input("ReplayWindowSize"), what("ReplayWindowSize")) ?? d.replayWindowSize,
    startupAction: oneOf(input("StartupAction"), ["add", "start"] as const, what("StartupAction")) ?? d.startupAction,
  };
}
