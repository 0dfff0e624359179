/**
 * AWS tunnel options in strongSwan's terms (plan/cgw/proposals.ts): proposals for IKEv2 and
 * IKEv1, AEAD and classic ciphers, every DH group AWS offers; the rekey timers that keep the
 * gateway ahead of AWS; the DPD retransmissions; what the device does for each startup action.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { dhGroupKeyword, dpdRetransmission, espProposals, ikeProposals, ikeVersion, saTimers } from "../plan/cgw/proposals";
import { deviceActions } from "../plan/cgw/render-swanctl";
import type { AwsTunnelOptions } from "../plan/cgw/tunnel-options";
import { awsDefaultTunnelOptions, awsPhase1DhGroups, awsPhase2DhGroups } from "../plan/cgw/tunnel-options";
import { hardenedTunnelOptions } from "../infra/settings/defaults";

const hardened: AwsTunnelOptions = { ...awsDefaultTunnelOptions, ...hardenedTunnelOptions } as AwsTunnelOptions;

test("hardened options: one AEAD and one classic proposal each, every allowed group, PRFs explicit", () => {
  assert.deepEqual(ikeProposals(hardened), [
    "aes256gcm16-prfsha384-prfsha512-ecp256-ecp384-ecp521",
    "aes256-sha384-sha512-prfsha384-prfsha512-ecp256-ecp384-ecp521",
  ]);
  assert.deepEqual(espProposals(hardened), ["aes256gcm16-ecp256-ecp384-ecp521", "aes256-sha384-sha512-ecp256-ecp384-ecp521"]);
  assert.equal(ikeVersion(hardened), 2);
});

test("classic cipher first when the options list it first; AEAD-only and classic-only options give one proposal", () => {
  const cbcFirst = {
    ...hardened,
    phase1EncryptionAlgorithms: ["AES128", "AES128-GCM-16"],
    phase2EncryptionAlgorithms: ["AES128"],
  } as AwsTunnelOptions;
  assert.deepEqual(ikeProposals(cbcFirst), [
    "aes128-sha384-sha512-prfsha384-prfsha512-ecp256-ecp384-ecp521",
    "aes128gcm16-prfsha384-prfsha512-ecp256-ecp384-ecp521",
  ]);
  assert.deepEqual(espProposals(cbcFirst), ["aes128-sha384-sha512-ecp256-ecp384-ecp521"]);
  const gcm = { ...hardened, phase2EncryptionAlgorithms: ["AES256-GCM-16", "AES128-GCM-16"] } as AwsTunnelOptions;
  assert.deepEqual(espProposals(gcm), ["aes256gcm16-aes128gcm16-ecp256-ecp384-ecp521"]);
});

test("every DH group AWS offers has a strongSwan keyword, and AWS's defaults translate whole", () => {
  for (const g of new Set<number>([...awsPhase1DhGroups, ...awsPhase2DhGroups])) assert.ok(dhGroupKeyword[g], `DH ${g}`);
  assert.deepEqual(
    [14, 19, 20, 21, 5, 2].map((g) => dhGroupKeyword[g]),
    ["modp2048", "ecp256", "ecp384", "ecp521", "modp1536", "modp1024"],
  );
  const all = ikeProposals(awsDefaultTunnelOptions);
  assert.equal(all.length, 2);
  assert.match(
    all[0] ?? "",
    /^aes128-aes256-sha1-sha256-sha384-sha512-prfsha1-prfsha256-prfsha384-prfsha512-modp1024-modp2048-.*-modp2048s256$/,
  );
  assert.equal(ikeVersion(awsDefaultTunnelOptions), 2, "IKEv2 whenever AWS accepts it");
});

test("IKEv1 only: one algorithm of each kind per proposal, every combination, no AEAD IKE SA", () => {
  const v1 = {
    ...hardened,
    ikeVersions: ["ikev1"],
    phase1EncryptionAlgorithms: ["AES256-GCM-16", "AES256", "AES128"],
    phase1IntegrityAlgorithms: ["SHA2-256"],
    phase1DhGroupNumbers: [14, 19],
  } as AwsTunnelOptions;
  assert.equal(ikeVersion(v1), 1);
  assert.deepEqual(ikeProposals(v1), ["aes256-sha256-modp2048", "aes256-sha256-ecp256", "aes128-sha256-modp2048", "aes128-sha256-ecp256"]);
  assert.throws(
    () => ikeProposals({ ...v1, phase1EncryptionAlgorithms: ["AES256-GCM-16"] }),
    /IKEv1 needs a non-GCM phase 1 encryption algorithm/,
  );
  assert.deepEqual(espProposals({ ...v1, phase2EncryptionAlgorithms: ["AES256-GCM-16"], phase2DhGroupNumbers: [20, 21] }), [
    "aes256gcm16-ecp384",
    "aes256gcm16-ecp521",
  ]);
});

test("rekey timers: with AWS's defaults the gateway rekeys in [2790, 3060] s of 3600 and [27990, 28260] s of 28800", () => {
  assert.deepEqual(saTimers(3600, hardened), { rekey: 3060, rand: 270, life: 3600 });
  assert.deepEqual(saTimers(28800, hardened), { rekey: 28260, rand: 270, life: 28800 });
  assert.deepEqual(saTimers(3600, { rekeyMarginTimeSeconds: 270, rekeyFuzzPercentage: 0 }), { rekey: 3330, rand: 270, life: 3600 });
});

test("rekey timers, for every option AWS accepts: the gateway never rekeys after AWS's earliest point, nor at a time below zero", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 900, max: 3600 }),
      fc.integer({ min: 0, max: 100 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (lifetime, fuzz, marginShare) => {
        // AWS: the margin is 60 s up to half the phase 2 lifetime.
        const margin = Math.round(60 + marginShare * (lifetime / 2 - 60));
        const t = saTimers(lifetime, { rekeyMarginTimeSeconds: margin, rekeyFuzzPercentage: fuzz });
        const awsEarliest = lifetime - margin * (1 + fuzz / 100);
        assert.ok(t.rekey - t.rand > 0, `rekey window starts at ${t.rekey - t.rand}`);
        assert.ok(t.rekey <= Math.max(awsEarliest, Math.ceil(lifetime / 4)));
        assert.ok(t.rekey < t.life);
      },
    ),
  );
});

test("DPD: five probes at a fixed interval give up after AWS's DPD timeout less its 10 s probe interval", () => {
  assert.deepEqual(dpdRetransmission(30), { timeout: 4, base: 1, tries: 4 });
  const r = dpdRetransmission(120);
  assert.equal((r.tries + 1) * r.timeout, 110);
});

test("startup action add: the gateway starts and restarts the tunnel; start: AWS starts it, traffic re-initiates", () => {
  assert.deepEqual(
    (["add", "start"] as const).map((a) => {
      const { start, dpd, close } = deviceActions(a);
      return [start, dpd, close];
    }),
    [
      ["start", "restart", "start"],
      ["trap", "trap", "trap"],
    ],
  );
});
