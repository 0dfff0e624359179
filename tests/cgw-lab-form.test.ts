/**
 * The lab's pure parts, without daemons: the transformation of a rendered kit into the lab's form
 * (one swanctl.conf per tunnel, no if_id, encap forced, everything else unchanged; interfaces.sh
 * read for names, addresses and MTU), the AWS side emulated from the captured run (not from the
 * kit), and the read-back of what charon negotiated, which must be able to fail.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildRouteModel } from "../plan/analysis/model";
import type { GatewayKit } from "../plan/cgw";
import { renderKits } from "../plan/cgw";
import { awsDefaultTunnelOptions } from "../plan/cgw/tunnel-options";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { awsSide, awsSwanctl, inAwsOrder } from "./lab/aws-side";
import type { Section } from "./lab/conf-syntax";
import { mustChild, parseConf, sections, serializeConf, valueOf } from "./lab/conf-syntax";
import { diagnose } from "./lab/establish";
import { labGateway, readInterfaces } from "./lab/gateway-side";
import { configErrors, inAwsTerms, nftRulesOf, outsideOptions, parseViciRaw } from "./lab/readback";
import { assertDocumentationAddresses, labStackOutputs } from "./lab/topology";
import { planOk } from "./harness";

let dev: CapturedRun;
let kit: GatewayKit;
const filled = (k: GatewayKit) => k.files["swanctl.conf"].replace(/<<pre-shared key of (\S+) tunnel (\d)>>/g, "Key$1x$2abcdefg");

before(async () => {
  dev = await planOk("dev");
  const [k] = renderKits(dev, { deployed: labStackOutputs(dev).vpnConnections });
  assert.ok(k);
  kit = k;
});

/** A section without the settings the lab changes, for comparing the rest. */
function without(section: Section, keys: string[]): Section {
  return {
    ...section,
    entries: section.entries
      .filter((e) => e.kind === "section" || !keys.includes(e.key))
      .map((e) => (e.kind === "section" ? without(e, keys) : e)),
  };
}

test("the lab's form of a kit: one configuration per tunnel, if_id dropped, encap forced, every other setting as rendered", () => {
  const lab = labGateway(kit.files, filled(kit));
  const rendered = sections(mustChild(parseConf(filled(kit)), "connections"));
  assert.deepEqual(
    lab.tunnels.map((t) => [t.name, t.ifId, t.interface.name, t.interface.address, t.interface.mtu, t.localAddress, t.remoteAddress]),
    [
      ["vpn-1-tunnel1", 2560, "vpn-1-t1", "169.254.10.2/30", 1446, "203.0.113.10", "192.0.2.101"],
      ["vpn-1-tunnel2", 2564, "vpn-1-t2", "169.254.10.6/30", 1446, "203.0.113.10", "192.0.2.102"],
    ],
  );
  lab.tunnels.forEach((t, i) => {
    const conf = parseConf(t.swanctlConf);
    const [connection] = sections(mustChild(conf, "connections"));
    assert.ok(connection && rendered[i]);
    assert.equal(valueOf(connection, "encap"), "yes");
    assert.ok(!t.swanctlConf.includes("if_id"));
    assert.deepEqual(without(connection, ["encap", "if_id_in", "if_id_out"]), without(rendered[i], ["encap", "if_id_in", "if_id_out"]));
    const secrets = sections(mustChild(conf, "secrets"));
    assert.deepEqual(
      secrets.map((s) => [s.name, valueOf(s, "secret")]),
      [[`ike-${t.name}`, `Keyvpn-1x${i + 1}abcdefg`]],
    );
  });
  assert.match(serializeConf(lab.charonSettings), /^retransmit_timeout = 4\nretransmit_base = 1\nretransmit_tries = 4\n$/);
  assert.equal(lab.frrConf, kit.files["frr.conf"]);
});

test("the lab's form refuses a kit whose interfaces and tunnels do not pair up by if_id", () => {
  const noInterface = { ...kit.files, "interfaces.sh": kit.files["interfaces.sh"].replace(/^tunnel vpn-1-t2 .*$/m, "") };
  assert.throws(() => labGateway(noInterface, filled(kit)), /vpn-1-tunnel2: 0 interfaces with if_id 2564 in interfaces\.sh \(expected 1\)/);
  const split = filled(kit).replace("if_id_out = 2560", "if_id_out = 2561");
  assert.throws(() => labGateway(kit.files, split), /vpn-1-tunnel1: if_id_in and if_id_out differ \(2560, 2561\)/);
  const policyBased = filled(kit).replace(/^ {8}if_id_(in|out) = \d+\n/gm, "");
  assert.throws(() => labGateway(kit.files, policyBased), /CHILD_SA vpn-1-tunnel1 has no if_id_in: not a route-based configuration/);
  assert.throws(() => readInterfaces("#!/bin/sh\n"), /interfaces\.sh sets no MTU/);
});

test("the AWS side comes from the captured run: its keys, its inside addresses, what the onprem route table holds, proposals in AWS's order", () => {
  const model = buildRouteModel(dev);
  const aws = awsSide(dev, model, labStackOutputs(dev).vpnConnections);
  const vpn = dev.resources.find((r) => r.type === "aws:ec2/vpnConnection:VpnConnection");
  assert.deepEqual(
    aws.tunnels.map((t) => [
      t.name,
      t.awsOutside,
      t.customerOutside,
      t.awsInside,
      t.customerInside,
      t.customerAsn,
      t.key === vpn?.inputs[`tunnel${t.tunnel}PresharedKey`],
    ]),
    [
      ["vpn-1-tunnel1", "192.0.2.101", "203.0.113.10", "169.254.10.1/30", "169.254.10.2", 65010, true],
      ["vpn-1-tunnel2", "192.0.2.102", "203.0.113.10", "169.254.10.5/30", "169.254.10.6", 65010, true],
    ],
  );
  assert.deepEqual(aws.announces, { "vpn-1": ["10.20.0.0/16"] });
  assert.deepEqual(
    [aws.asn, aws.ecmp, aws.spokes.map((s) => [s.vpc, s.host, s.router])],
    [64512, true, [["development-vpc", "10.20.0.10", "10.20.0.1"]]],
  );
  const conf = awsSwanctl(aws.tunnels[0]!);
  assert.match(
    conf,
    /proposals = aes256-sha384-sha512-prfsha384-prfsha512-ecp256-ecp384-ecp521, aes256gcm16-prfsha384-prfsha512-ecp256-ecp384-ecp521\n/,
  );
  assert.match(conf, /start_action = none\n\s+dpd_action = restart\n/);
  assert.match(conf, /rekey_time = 3330s\n\s+rand_time = 270s\n\s+life_time = 3600s\n/);
  assert.deepEqual(inAwsOrder({ ...awsDefaultTunnelOptions, phase1DhGroupNumbers: [21, 14, 19] }).phase1DhGroupNumbers, [14, 19, 21]);
  assert.throws(() => assertDocumentationAddresses(["192.0.2.7", "52.1.2.3"]), /refusing 52\.1\.2\.3$/);
});

test("the read-back maps charon's names to AWS's and reports what lies outside the options", () => {
  const [sa] = parseViciRaw(
    "list-sa event {vpn-1-tunnel1 {uniqueid=1 version=2 state=ESTABLISHED initiator-spi=aa responder-spi=bb encr-alg=AES_GCM_16 encr-keysize=256 prf-alg=PRF_HMAC_SHA2_384 dh-group=ECP_384 rekey-time=28000 child-sas {vpn-1-tunnel1-3 {uniqueid=3 state=INSTALLED spi-in=c1 encr-alg=AES_CBC encr-keysize=128 integ-alg=HMAC_SHA2_256_128 dh-group=MODP_2048 rekey-time=2900 life-time=3500 local-ts=[0.0.0.0/0] remote-ts=[0.0.0.0/0]}}}}\nlist-sas reply {}\n",
  );
  assert.ok(sa);
  const ike = inAwsTerms({
    encryption: `${sa["encr-alg"]}/${sa["encr-keysize"]}`,
    prf: String(sa["prf-alg"]),
    dhGroup: String(sa["dh-group"]),
  });
  assert.deepEqual(ike, { encryption: "AES256-GCM-16", prf: "SHA2-384", dhGroup: 20 });
  const options = {
    ...awsDefaultTunnelOptions,
    phase2EncryptionAlgorithms: ["AES256-GCM-16" as const],
    phase2DhGroupNumbers: [19, 20, 21],
  };
  assert.deepEqual(outsideOptions(ike, options, 1), []);
  const child = inAwsTerms({ encryption: "AES_CBC/128", integrity: "HMAC_SHA2_256_128", dhGroup: "MODP_2048" });
  assert.deepEqual(outsideOptions(child, options, 2), ["encryption AES128 not in AES256-GCM-16", "DH 14 not in 19/20/21"]);
  assert.deepEqual(outsideOptions({ encryption: "AES256" }, awsDefaultTunnelOptions, 2), ["no integrity with AES256"]);
});

test("a failed tunnel's cause, from charon's log lines", () => {
  assert.equal(
    diagnose(
      "12[IKE] received NO_PROPOSAL_CHOSEN notify error",
      "12[CFG] received proposals: IKE:AES_CBC_256/HMAC_SHA2_384_192/MODP_2048\n12[CFG] configured proposals: IKE:AES_CBC_256/HMAC_SHA2_384_192/ECP_256",
    ),
    "NO_PROPOSAL_CHOSEN: AWS accepts none of the gateway's proposals (gateway offered IKE:AES_CBC_256/HMAC_SHA2_384_192/MODP_2048; AWS allows IKE:AES_CBC_256/HMAC_SHA2_384_192/ECP_256)",
  );
  assert.equal(
    diagnose(
      "06[IKE] received AUTHENTICATION_FAILED notify error",
      "06[IKE] tried 1 shared key for '192.0.2.102' - '203.0.113.10', but MAC mismatched",
    ),
    "AUTHENTICATION_FAILED: the pre-shared keys differ (AWS side: MAC mismatched for 192.0.2.102 - 203.0.113.10)",
  );
  assert.equal(diagnose("11[IKE] giving up after 4 retransmits", ""), "no answer from AWS (IKE retransmissions ran out)");
  assert.equal(diagnose("12[IKE] received INVALID_KE_PAYLOAD notify error", ""), undefined, "a DH guess corrected by AWS is not a failure");
  assert.equal(diagnose("", ""), undefined);
});

test("a rejected FRR configuration line is found in the daemon's log; the nftables rules are taken out of interfaces.sh whole", () => {
  assert.deepEqual(
    configErrors(
      "2026/12/02 23:10:45 BGP: [SHWNK-NWT5S][EC 100663304] No such command on config line 2:  bogus command here\nBGP: neighbor up",
    ),
    ["2026/12/02 23:10:45 BGP: [SHWNK-NWT5S][EC 100663304] No such command on config line 2:  bogus command here"],
  );
  assert.deepEqual(configErrors("BGP: %ADJCHANGE: neighbor 169.254.10.1 in vrf default Up"), []);
  const rules = nftRulesOf(kit.files["interfaces.sh"]);
  assert.match(rules, /^table inet aws-vpn-mss\ndelete table inet aws-vpn-mss\ntable inet aws-vpn-mss \{\n/);
  assert.match(rules, /oifname \{ "vpn-1-t1", "vpn-1-t2" \} tcp flags syn tcp option maxseg size set 1406\n/);
  assert.ok(rules.endsWith("}\n"));
  assert.throws(() => nftRulesOf("#!/bin/sh\n"), /holds no nftables ruleset/);
});
