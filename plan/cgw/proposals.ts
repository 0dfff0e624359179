/**
 * AWS tunnel options translated into strongSwan's terms: IKE and ESP proposals, the IKE version,
 * and the rekey, lifetime and dead-peer-detection timers. One translation serves the device
 * configuration (render-swanctl.ts) and the lab's emulated AWS side; the lab reads the negotiated
 * algorithms back through its own table, so a wrong entry here cannot pass on both sides unseen.
 *
 * Algorithm keywords: strongSwan's proposal keywords (docs.strongswan.org, "IKEv2 Cipher Suites").
 * DH group numbers are IANA's (RFC 3526 for 2/5/14-18, RFC 5903 for 19-21, RFC 5114 for 22-24).
 */
import type { AwsEncryption, AwsIntegrity, AwsTunnelOptions } from "./tunnel-options";

/** strongSwan keyword of each AWS encryption algorithm; GCM ones are AEAD (no separate integrity). */
export const encryptionKeyword = {
  AES128: { keyword: "aes128", aead: false },
  AES256: { keyword: "aes256", aead: false },
  "AES128-GCM-16": { keyword: "aes128gcm16", aead: true },
  "AES256-GCM-16": { keyword: "aes256gcm16", aead: true },
} as const satisfies Record<AwsEncryption, { keyword: string; aead: boolean }>;

/** strongSwan keywords of each AWS integrity algorithm: the HMAC for integrity, and the PRF of the same hash. */
export const integrityKeyword = {
  SHA1: { integrity: "sha1", prf: "prfsha1" },
  "SHA2-256": { integrity: "sha256", prf: "prfsha256" },
  "SHA2-384": { integrity: "sha384", prf: "prfsha384" },
  "SHA2-512": { integrity: "sha512", prf: "prfsha512" },
} as const satisfies Record<AwsIntegrity, { integrity: string; prf: string }>;

/** strongSwan keyword of each DH group AWS offers. */
export const dhGroupKeyword: Readonly<Record<number, string>> = {
  2: "modp1024",
  5: "modp1536",
  14: "modp2048",
  15: "modp3072",
  16: "modp4096",
  17: "modp6144",
  18: "modp8192",
  19: "ecp256",
  20: "ecp384",
  21: "ecp521",
  22: "modp1024s160",
  23: "modp2048s224",
  24: "modp2048s256",
};

function dh(groups: number[]): string[] {
  return groups.map((g) => {
    const keyword = dhGroupKeyword[g];
    if (keyword === undefined) throw new Error(`DH group ${g} has no strongSwan keyword`);
    return keyword;
  });
}

/** The IKE major version the device speaks: IKEv2 whenever AWS accepts it (AWS may accept both). */
export function ikeVersion(options: AwsTunnelOptions): 1 | 2 {
  return options.ikeVersions.includes("ikev2") ? 2 : 1;
}

/** Groups encryption algorithms into AEAD and classic ones, keeping the configured order of the groups. */
function byKind(algorithms: AwsEncryption[]): { aead: boolean; keywords: string[] }[] {
  const groups: { aead: boolean; keywords: string[] }[] = [];
  for (const a of algorithms) {
    const { keyword, aead } = encryptionKeyword[a];
    const group = groups.find((g) => g.aead === aead);
    if (group) group.keywords.push(keyword);
    else groups.push({ aead, keywords: [keyword] });
  }
  return groups;
}

/** Every combination of one item per list, for IKEv1, whose proposals carry one algorithm of each kind. */
function combinations(lists: string[][]): string[] {
  return lists.reduce<string[]>((acc, list) => acc.flatMap((prefix) => list.map((item) => (prefix ? `${prefix}-${item}` : item))), [""]);
}

/**
 * IKE proposals. IKEv2: one proposal for the AEAD ciphers (with explicit PRFs) and one for the
 * classic ciphers (integrity and PRF), each listing every allowed DH group, since an IKEv2
 * proposal may carry several algorithms of a kind but may not mix AEAD and classic ciphers (RFC
 * 7296 3.3). IKEv1 proposals take one algorithm per kind, so every combination is listed, and
 * IKEv1 has no AEAD cipher for the IKE SA.
 */
export function ikeProposals(options: AwsTunnelOptions): string[] {
  const groups = dh(options.phase1DhGroupNumbers);
  const integrity = options.phase1IntegrityAlgorithms.map((i) => integrityKeyword[i].integrity);
  const prfs = options.phase1IntegrityAlgorithms.map((i) => integrityKeyword[i].prf);
  const kinds = byKind(options.phase1EncryptionAlgorithms);
  if (ikeVersion(options) === 2) {
    return kinds.map((k) => (k.aead ? [...k.keywords, ...prfs, ...groups] : [...k.keywords, ...integrity, ...prfs, ...groups]).join("-"));
  }
  const classic = kinds.filter((k) => !k.aead).flatMap((k) => k.keywords);
  if (classic.length === 0) throw new Error("IKEv1 needs a non-GCM phase 1 encryption algorithm (AES128 or AES256)");
  return combinations([classic, integrity, groups]);
}

/**
 * ESP proposals with PFS: the phase 2 DH groups are part of every proposal (AWS negotiates PFS
 * with them). IKEv2 derives the first CHILD_SA's keys from the IKE SA, so the groups are used from
 * the first rekey on; a DH mismatch shows only then (the lab forces a rekey to see it).
 */
export function espProposals(options: AwsTunnelOptions): string[] {
  const groups = dh(options.phase2DhGroupNumbers);
  const integrity = options.phase2IntegrityAlgorithms.map((i) => integrityKeyword[i].integrity);
  const kinds = byKind(options.phase2EncryptionAlgorithms);
  if (ikeVersion(options) === 2) {
    return kinds.map((k) => (k.aead ? [...k.keywords, ...groups] : [...k.keywords, ...integrity, ...groups]).join("-"));
  }
  return kinds.flatMap((k) => combinations(k.aead ? [k.keywords, groups] : [k.keywords, integrity, groups]));
}

/** strongSwan timers of one SA (seconds): rekey after `rekey - random(0, rand)`, gone at `life` at the latest. */
export interface SaTimers {
  rekey: number;
  rand: number;
  life: number;
}

/**
 * When the device rekeys. AWS rekeys an SA within the rekey margin M before its lifetime L ends,
 * at a point drawn from the fuzz F of the margin (VpnTunnelOptionsSpecification: RekeyMarginTimeSeconds,
 * RekeyFuzzPercentage): no earlier than L - M(1 + F). The device rekeys before that, within one
 * margin, so it initiates every rekey (Accelerated VPN requires it) and never keeps an SA past the
 * lifetime AWS has. AWS states the margin for phase 2; the same rule is applied to phase 1
 * (UNVERIFIED: AWS does not document its phase 1 rekey point). For very short lifetimes with a
 * large margin the rekey point is kept at a quarter of the lifetime at least.
 */
export function saTimers(lifetime: number, options: Pick<AwsTunnelOptions, "rekeyMarginTimeSeconds" | "rekeyFuzzPercentage">): SaTimers {
  const margin = options.rekeyMarginTimeSeconds;
  const awsEarliest = Math.floor(lifetime - margin * (1 + options.rekeyFuzzPercentage / 100));
  const rekey = Math.max(awsEarliest, Math.ceil(lifetime / 4));
  const rand = Math.min(margin, Math.floor(rekey / 2));
  return { rekey, rand, life: lifetime };
}

/** AWS probes a silent peer every 10 s (VpnTunnelOptionsSpecification, DPDTimeoutSeconds: "a DPD timeout of 40 seconds means ... dead 30 seconds after the first failed keep-alive"). */
export const awsDpdIntervalSeconds = 10;

/** charon's retransmission settings (strongswan.conf, "IKEv2 retransmission") for declaring a peer dead after `seconds`. */
export interface Retransmission {
  timeout: number;
  base: number;
  tries: number;
}

/**
 * After a DPD probe goes unanswered, AWS declares the peer dead once the DPD timeout has passed
 * since the last traffic, i.e. timeout - 10 s after the first probe. charon has no DPD timeout
 * for IKEv2: it declares the peer dead when the probe's retransmissions run out. Five sends at a
 * fixed interval (base 1) give up after the same time: (tries + 1) x timeout = DPD timeout - 10 s.
 */
export function dpdRetransmission(dpdTimeoutSeconds: number): Retransmission {
  const tries = 4;
  const total = Math.max(dpdTimeoutSeconds - awsDpdIntervalSeconds, 10);
  return { timeout: Math.round((total / (tries + 1)) * 100) / 100, base: 1, tries };
}
