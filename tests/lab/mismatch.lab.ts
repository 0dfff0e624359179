/**
 * The lab can fail, and says why. A gateway rendered with a phase 1 DH group AWS does not allow
 * (14 against the registered 19-21) and a gateway given a wrong key do not establish; the lab
 * names the tunnel and the cause from charon's logs. And the kit's prefix lists hold when the other
 * side misbehaves: prefixes the TGW should not announce (a broader one, a more specific one, a
 * default route) and a prefix on-prem should not announce are dropped.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { CapturedRun } from "../../plan/runtime/captured-run";
import { planOk } from "../harness";
import { vtysh, waitFor } from "./daemons";
import { waitForTunnels } from "./establish";
import { Lab } from "./lab";
import { acceptedFrom, bgpPeers, receivedFrom, routeDevices } from "./readback";
import { run as exec } from "./system";

const TIMEOUT = 180_000;
let run: CapturedRun;
const labs: Lab[] = [];
const report: string[] = [];

before(async () => {
  run = await planOk("dev");
});

after(() => {
  // Labs a failed test left up.
  for (const l of labs) l.teardown();
  process.stdout.write(`\nlab mismatch:\n${report.map((l) => `  ${l}`).join("\n")}\n`);
});

/** The dev run with vpn-1 tunnel 1 limited to DH group 14 in both phases: what a misconfigured gateway would be rendered from. */
function withDh14(r: CapturedRun): CapturedRun {
  const edited = structuredClone(r);
  const vpn = edited.resources.find((x) => x.type === "aws:ec2/vpnConnection:VpnConnection" && x.name === "vpn-1");
  assert.ok(vpn, "dev registers vpn-1");
  vpn.inputs.tunnel1Phase1DhGroupNumbers = [14];
  vpn.inputs.tunnel1Phase2DhGroupNumbers = [14];
  return edited;
}

test(
  "a proposal outside AWS's set and a wrong key establish nothing; the lab names each tunnel and its cause",
  { timeout: TIMEOUT },
  async () => {
    const lab = await Lab.start({
      run,
      gatewayRun: withDh14(run),
      gatewayKey: (connection, tunnel, key) => (connection === "vpn-1" && tunnel === 2 ? `Wrong${key.slice(5)}` : key),
    });
    labs.push(lab);
    const swanctl = lab.gateways[0]?.kit.files["swanctl.conf"] ?? "";
    assert.match(swanctl, /proposals = aes256gcm16-prfsha384-prfsha512-modp2048, /, "the gateway's kit offers DH 14 only on tunnel 1");
    const status = await waitForTunnels(lab.tunnels, 30_000);
    const byName = Object.fromEntries(status.map((s) => [s.tunnel.name, s]));
    for (const s of status) report.push(`${s.tunnel.name}: ${s.established ? "established" : `not established: ${s.reason}`}`);
    assert.equal(byName["vpn-1-tunnel1"]?.established, false);
    assert.match(byName["vpn-1-tunnel1"]?.reason ?? "", /^NO_PROPOSAL_CHOSEN: .*MODP_2048.*AWS allows .*ECP_256/);
    assert.equal(byName["vpn-1-tunnel2"]?.established, false);
    assert.match(byName["vpn-1-tunnel2"]?.reason ?? "", /^AUTHENTICATION_FAILED: the pre-shared keys differ/);
    const vpn = run.resources.find((r) => r.type === "aws:ec2/vpnConnection:VpnConnection" && r.name === "vpn-1");
    const keys = [vpn?.inputs.tunnel1PresharedKey, vpn?.inputs.tunnel2PresharedKey].map(String);
    assert.ok(keys.every((k) => k.length >= 8));
    for (const s of status)
      for (const k of keys) assert.ok(!(s.reason ?? "").includes(k) && !(s.reason ?? "").includes(k.slice(5)), "no key in the diagnosis");
    report.push(`teardown ${lab.teardown().toFixed(1)} s`);
  },
);

test("the gateway drops what the TGW should not announce, and announces nothing on-prem should not", { timeout: TIMEOUT }, async () => {
  const extras = ["0.0.0.0/0", "10.0.0.0/8", "10.20.1.0/24"];
  const lab = await Lab.start({ run, extraAwsAnnouncements: extras });
  labs.push(lab);
  const status = await waitForTunnels(lab.tunnels, 30_000);
  assert.deepEqual(
    status.filter((s) => !s.established).map((s) => `${s.tunnel.name}: ${s.reason}`),
    [],
  );
  await lab.startRouting();
  const gateway = lab.gateways[0];
  assert.ok(gateway?.frr && lab.tgw);
  const peers = gateway.tunnels.map((t) => t.aws.address.split("/")[0] ?? "");
  assert.ok(
    await waitFor(
      () =>
        peers.every(
          (p) => bgpPeers(gateway.frr!)[p]?.state === "Established" && receivedFrom(gateway.frr!, p).length === extras.length + 1,
        ),
      60_000,
      250,
    ),
    "the sessions did not come up with the TGW's announcements",
  );
  // An on-prem prefix outside the zones, in the gateway's routing table and put into BGP by hand.
  exec("ip", ["-n", gateway.ns, "route", "add", "10.200.0.0/16", "via", gateway.lan.core]);
  exec("vtysh", [
    "--vty_socket",
    gateway.frr.dir,
    "--config_dir",
    gateway.frr.dir,
    "-c",
    "configure terminal",
    "-c",
    `router bgp ${gateway.kit.gateway.asn}`,
    "-c",
    "address-family ipv4 unicast",
    "-c",
    "network 10.200.0.0/16",
  ]);
  assert.ok(
    await waitFor(() => vtysh(gateway.frr!, "show bgp ipv4 unicast 10.200.0.0/16").includes("Local"), 10_000, 250),
    "10.200.0.0/16 is not in the gateway's BGP table",
  );
  // Give the update time to reach the TGW, were it sent (the timer between updates is 0 s on eBGP in FRR's traditional defaults).
  await new Promise((r) => setTimeout(r, 3000));
  for (const t of gateway.tunnels) {
    const aws = t.aws.address.split("/")[0] ?? "";
    const received = receivedFrom(gateway.frr, aws);
    for (const p of [...extras, "10.20.0.0/16"]) assert.ok(received.includes(p), `the TGW sent ${p} over ${t.name}`);
    assert.deepEqual(acceptedFrom(gateway.frr, aws), ["10.20.0.0/16"], `${t.name}: accepted`);
    assert.ok(
      !acceptedFrom(lab.tgw, t.cgw.address.split("/")[0] ?? "").includes("10.200.0.0/16"),
      `${t.name}: 10.200.0.0/16 reached the TGW`,
    );
  }
  assert.deepEqual(routeDevices(gateway.ns, "10.0.0.0/8"), []);
  assert.deepEqual(routeDevices(gateway.ns, "10.20.1.0/24"), []);
  assert.deepEqual(routeDevices(lab.names.tgw, "10.200.0.0/16"), []);
  report.push(
    `filters: the TGW sent ${extras.join(", ")} besides 10.20.0.0/16, the gateway accepted 10.20.0.0/16 only; 10.200.0.0/16 in the gateway's BGP table did not reach the TGW`,
  );
  report.push(`teardown ${lab.teardown().toFixed(1)} s`);
});
