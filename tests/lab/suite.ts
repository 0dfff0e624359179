/**
 * The lab's proof of a stack's customer-gateway kits, as node:test tests sharing one lab: the
 * tunnels establish with algorithms and timers inside the registered tunnel options, BGP runs with
 * the right ASNs, each side holds exactly the prefixes the program intends, both kernels spread
 * traffic over every tunnel, on-prem reaches every spoke and back, rekeys (PFS) work, and a
 * silently dead tunnel leaves the ECMP set within AWS's BGP hold time. Expectations come from the
 * captured run and its settings (the intent), never from the kits under test. The lab is torn down
 * whatever happens; the measured numbers are printed at the end.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { defaultAmazonSideAsn } from "../../plan/cgw/model";
import type { CapturedRun } from "../../plan/runtime/captured-run";
import { ofType } from "../../plan/runtime/run-index";
import { awsTypes } from "../../plan/runtime/types";
import { planOk } from "../harness";
import { waitFor } from "./daemons";
import type { TunnelStatus } from "./establish";
import { waitForTunnels } from "./establish";
import { breakTunnel } from "./failover";
import { Lab } from "./lab";
import {
  acceptedFrom,
  bgpPeers,
  configErrors,
  nftRulesOf,
  describe,
  inAwsTerms,
  memoryOf,
  outsideOptions,
  pingAll,
  routeDevices,
  txPackets,
} from "./readback";
import { rekeyAll } from "./rekey";
import { run as exec } from "./system";

/** AWS's BGP hold time (no BFD): the longest a dead tunnel may keep traffic. */
const holdSeconds = 30;
/** Room for polling and for zebra to update the kernel after the hold timer fires. */
const slackSeconds = 5;
/** Per test: generous, every wait inside has its own bound. */
const TIMEOUT = 300_000;

export function labSuite(stack: string): void {
  let run: CapturedRun;
  let lab: Lab | undefined;
  let status: TunnelStatus[] = [];
  const report: string[] = [];
  const note = (line: string) => report.push(line);

  before(
    async () => {
      run = await planOk(stack);
      lab = await Lab.start({ run });
    },
    { timeout: 120_000 },
  );

  after(() => {
    if (lab) {
      const seconds = lab.teardown();
      note(`teardown: ${seconds.toFixed(1)} s; total lab time ${lab.elapsed().toFixed(1)} s`);
    }
    process.stdout.write(`\nlab ${stack}:\n${report.map((l) => `  ${l}`).join("\n")}\n`);
  });

  const up = () => {
    if (!lab) throw new Error("the lab did not start");
    return lab;
  };

  test(`${stack}: every tunnel's IKE_SA and CHILD_SA establish within the AWS tunnel options`, { timeout: TIMEOUT }, async () => {
    const l = up();
    const t0 = Date.now();
    status = await waitForTunnels(l.tunnels, 60_000);
    note(
      `bring-up: ${Object.entries(l.timings)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(", ")}; ${l.tunnels.length} tunnels established +${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const failed = status.filter((s) => !s.established).map((s) => `${s.tunnel.name}: ${s.reason}`);
    assert.deepEqual(failed, [], "tunnels not established");
    assert.equal(status.length, ofType(run, awsTypes.vpn).length * 2);
    for (const s of status) {
      const sa = s.sa;
      assert.ok(sa);
      const o = s.tunnel.aws.emulation.options;
      const child = sa.children.find((c) => c.state === "INSTALLED");
      assert.ok(child, `${s.tunnel.name}: no CHILD_SA`);
      assert.ok(o.ikeVersions.includes(`ikev${sa.version}` as "ikev1" | "ikev2"), `${s.tunnel.name}: IKEv${sa.version}`);
      const ike = inAwsTerms(sa);
      const esp = inAwsTerms(child);
      assert.deepEqual(outsideOptions(ike, o, 1), [], `${s.tunnel.name} IKE_SA ${describe(ike)}`);
      assert.deepEqual(outsideOptions(esp, o, 2), [], `${s.tunnel.name} CHILD_SA ${describe(esp)}`);
      assert.deepEqual([child.localTs, child.remoteTs], [["0.0.0.0/0"], ["0.0.0.0/0"]], `${s.tunnel.name}: traffic selectors`);
      // The gateway rekeys before AWS's earliest rekey point and never keeps an SA past AWS's lifetime.
      const awsEarliest = (life: number) => life - o.rekeyMarginTimeSeconds * (1 + o.rekeyFuzzPercentage / 100);
      assert.ok(sa.rekeyIn <= awsEarliest(o.phase1LifetimeSeconds), `${s.tunnel.name}: IKE_SA rekeys in ${sa.rekeyIn} s`);
      assert.ok(child.rekeyIn <= awsEarliest(o.phase2LifetimeSeconds), `${s.tunnel.name}: CHILD_SA rekeys in ${child.rekeyIn} s`);
      assert.ok(child.lifeIn <= o.phase2LifetimeSeconds, `${s.tunnel.name}: CHILD_SA expires in ${child.lifeIn} s`);
      note(
        `${s.tunnel.name} (${s.tunnel.gateway}): IKEv${sa.version} ${describe(ike)}; ESP ${describe(esp)}; rekey IKE in ${sa.rekeyIn} s, CHILD in ${child.rekeyIn} s (expires ${child.lifeIn} s)`,
      );
    }
  });

  test(`${stack}: every BGP session is Established with the TGW's and the gateway's ASNs`, { timeout: TIMEOUT }, async () => {
    const l = up();
    const t0 = Date.now();
    await l.startRouting();
    const tgwAsn = Number(ofType(run, awsTypes.tgw)[0]?.inputs.amazonSideAsn ?? defaultAmazonSideAsn);
    const sessions = () => {
      const tgwPeers = l.tgw ? bgpPeers(l.tgw) : {};
      return l.gateways.flatMap((g) => {
        const peers = g.frr ? bgpPeers(g.frr) : {};
        return g.tunnels.flatMap((t) => [
          {
            name: `${t.name} at ${g.name}`,
            peer: peers[t.aws.address.split("/")[0] ?? ""],
            local: t.aws.emulation.customerAsn,
            remote: tgwAsn,
          },
          {
            name: `${t.name} at the TGW`,
            peer: tgwPeers[t.cgw.address.split("/")[0] ?? ""],
            local: tgwAsn,
            remote: t.aws.emulation.customerAsn,
          },
        ]);
      });
    };
    await waitFor(() => sessions().every((s) => s.peer?.state === "Established"), 90_000, 250);
    const bgpUp = (Date.now() - t0) / 1000;
    for (const s of sessions()) {
      assert.equal(s.peer?.state, "Established", `${s.name}: ${s.peer?.state ?? "no session"}`);
      assert.deepEqual([s.peer?.localAs, s.peer?.remoteAs], [s.local, s.remote], `${s.name}: ASNs`);
    }
    note(
      `BGP: ${sessions().length / 2} sessions Established ${bgpUp.toFixed(1)} s after FRR started (local AS ${l.aws.tunnels[0]?.customerAsn}, TGW AS ${tgwAsn})`,
    );
  });

  test(
    `${stack}: the kits' frr.conf loads without a rejected line, and interfaces.sh's nftables rules are valid`,
    { timeout: TIMEOUT },
    () => {
      const l = up();
      for (const g of l.gateways) {
        assert.ok(g.frr, `${g.name}: FRR is not running`);
        assert.deepEqual(configErrors(readFileSync(join(g.frr.dir, "bgpd.log"), "utf8")), [], `${g.name}: bgpd rejected lines of frr.conf`);
        // Checked by the kernel in the gateway's namespace (nft -c applies nothing).
        exec("ip", ["netns", "exec", g.ns, "nft", "-c", "-f", "-"], { input: nftRulesOf(g.kit.files["interfaces.sh"]) });
      }
      assert.deepEqual(
        configErrors(readFileSync(join(l.tgw?.dir ?? "", "bgpd.log"), "utf8")),
        [],
        "the emulated TGW's bgpd rejected lines",
      );
      note(
        `configuration: frr.conf of ${l.gateways.map((g) => g.name).join(", ")} loaded without a rejected line; interfaces.sh's nftables rules pass nft -c`,
      );
    },
  );

  test(
    `${stack}: each gateway learns exactly the spoke CIDRs and announces exactly its zones; both kernels hold ECMP routes over every tunnel`,
    { timeout: TIMEOUT },
    async () => {
      const l = up();
      const settings = l.model.settings;
      const spokes = settings.spokes
        .filter((s) => s.onPremZones.length > 0)
        .map((s) => s.cidr)
        .sort();
      const zones = [
        ...settings.onPrem.zones.filter((z) => settings.onPrem.advertisedZones.includes(z.name)).flatMap((z) => z.cidrs),
        ...(settings.onPrem.advertisesDefaultRoute ? ["0.0.0.0/0"] : []),
      ].sort();
      const t0 = Date.now();
      const allTunnels = l.tunnels.map((t) => t.aws.interface).sort();
      const ecmpDone = () =>
        l.gateways.every((g) => spokes.every((p) => routeDevices(g.ns, p).length === g.tunnels.length)) &&
        zones.every((p) => routeDevices(l.names.tgw, p).length === (l.aws.ecmp ? allTunnels.length : 1));
      await waitFor(ecmpDone, 30_000, 250);
      for (const g of l.gateways) {
        for (const t of g.tunnels) {
          assert.deepEqual(acceptedFrom(g.frr!, t.aws.address.split("/")[0] ?? ""), spokes, `${g.name} learns over ${t.name}`);
          assert.deepEqual(acceptedFrom(l.tgw!, t.cgw.address.split("/")[0] ?? ""), zones, `the TGW learns from ${g.name} over ${t.name}`);
        }
        for (const p of spokes)
          assert.deepEqual(routeDevices(g.ns, p), g.tunnels.map((t) => t.cgw.interface).sort(), `${g.name} kernel route ${p}`);
      }
      for (const p of zones) {
        const devices = routeDevices(l.names.tgw, p);
        if (l.aws.ecmp) assert.deepEqual(devices, allTunnels, `TGW kernel route ${p}`);
        else assert.equal(devices.length, 1, `TGW kernel route ${p}`);
      }
      note(
        `routes: gateways learn ${spokes.join(", ")}; TGW learns ${zones.join(", ")} from every tunnel; ECMP in both kernels ${((Date.now() - t0) / 1000).toFixed(1)} s after the sessions`,
      );
    },
  );

  test(`${stack}: on-prem zone addresses reach every spoke and back, over every tunnel in both directions`, { timeout: TIMEOUT }, () => {
    const l = up();
    const txBefore = l.tunnels.map((t) => [
      txPackets(l.gateways.find((g) => g.name === t.gateway)?.ns ?? "", t.cgw.interface),
      txPackets(l.names.tgw, t.aws.interface),
    ]);
    const ok = pingAll(l.names.onprem, l.pings);
    const failed = l.pings.filter((p) => !ok.has(`${p.source} ${p.target}`)).map((p) => `${p.source} -> ${p.target}`);
    assert.deepEqual(failed, [], "pings without reply");
    const idle: string[] = [];
    l.tunnels.forEach((t, i) => {
      const [gw, aws] = [
        txPackets(l.gateways.find((g) => g.name === t.gateway)?.ns ?? "", t.cgw.interface),
        txPackets(l.names.tgw, t.aws.interface),
      ];
      if (gw - (txBefore[i]?.[0] ?? 0) < 1) idle.push(`${t.name} towards AWS`);
      if (aws - (txBefore[i]?.[1] ?? 0) < 1) idle.push(`${t.name} towards on-prem`);
    });
    // When one did not, say whether its routes were gone (a BGP session down) or the flows hashed elsewhere.
    const routes = l.gateways
      .flatMap((g) => l.aws.spokes.map((sp) => `${g.name} ${sp.cidr} via ${routeDevices(g.ns, sp.cidr).join(",") || "nothing"}`))
      .join("; ");
    assert.deepEqual(idle, [], `tunnels that carried none of the flows (kernel routes now: ${routes})`);
    note(
      `ping: ${l.pings.length} flows from on-prem zone addresses to ${l.aws.spokes.map((s) => `${s.vpc} ${s.host}`).join(", ")} answered, spread over all ${l.tunnels.length} tunnels both ways`,
    );
  });

  test(
    `${stack}: every CHILD_SA rekeys with a phase 2 DH group (PFS) and every IKE_SA rekeys, within the options`,
    { timeout: TIMEOUT },
    async () => {
      const l = up();
      const t0 = Date.now();
      const results = await rekeyAll(l.tunnels);
      for (const r of results) {
        assert.equal(r.problem, undefined, `${r.tunnel.name}: ${r.problem}`);
        const o = r.tunnel.aws.emulation.options;
        assert.deepEqual(outsideOptions(inAwsTerms(r.child!), o, 2), [], `${r.tunnel.name} rekeyed CHILD_SA`);
        assert.deepEqual(outsideOptions(inAwsTerms(r.ike!), o, 1), [], `${r.tunnel.name} rekeyed IKE_SA`);
      }
      const ok = pingAll(l.names.onprem, l.pings);
      assert.equal(ok.size, l.pings.length, "flows after the rekeys");
      const sample = results[0];
      note(
        `rekey: ${results.length} CHILD_SAs and IKE_SAs rekeyed in ${((Date.now() - t0) / 1000).toFixed(1)} s${sample ? `; e.g. ${sample.tunnel.name} ESP now ${describe(inAwsTerms(sample.child!))}` : ""}`,
      );
    },
  );

  test(
    `${stack}: a silently dead tunnel leaves both kernels' ECMP routes within the BGP hold time; traffic continues over the others`,
    { timeout: TIMEOUT },
    async () => {
      const l = up();
      const pids = l.record.processes.filter((p) => p.comm !== "ping").map((p) => p.pid);
      const mem = memoryOf(pids);
      note(
        `memory: ${pids.length} daemons (${l.tunnels.length * 2} charon, ${l.gateways.length + 1} zebra + bgpd), RSS ${(mem.rss / 1024).toFixed(0)} MiB, PSS ${(mem.pss / 1024).toFixed(0)} MiB; ${l.record.namespaces.length} namespaces`,
      );
      const victim = l.tunnels[0];
      assert.ok(victim);
      const r = await breakTunnel(l, victim);
      note(
        `failover: ${r.tunnel} dropped silently; flow ${r.flow.source} -> ${r.flow.target} (${r.bothWays ? "request and reply" : "request"} through it): ` +
          `gateway route without it after ${r.gatewayRouteGone?.toFixed(1)} s, TGW route after ${r.awsRouteGone?.toFixed(1)} s; ` +
          `longest gap between replies ${r.outage.toFixed(1)} s (replies resumed ${r.resumedAfter.toFixed(1)} s after the break, ${r.lostReplies} unanswered); ` +
          `tunnel back in both ECMP sets ${r.recovered?.toFixed(1) ?? "never"} s after the link was restored`,
      );
      assert.ok(
        r.gatewayRouteGone !== undefined && r.gatewayRouteGone <= holdSeconds + slackSeconds,
        `gateway kept the dead tunnel ${r.gatewayRouteGone ?? "for ever"} s`,
      );
      assert.ok(
        r.awsRouteGone !== undefined && r.awsRouteGone <= holdSeconds + slackSeconds,
        `TGW kept the dead tunnel ${r.awsRouteGone ?? "for ever"} s`,
      );
      assert.ok(r.outage <= holdSeconds + slackSeconds, `outage ${r.outage} s`);
      // A flow that did not cross the broken tunnel would lose no reply; BGP cannot notice the failure in under 20 s.
      assert.ok(r.outage >= 10, `the flow lost replies for ${r.outage} s only: it did not cross the broken tunnel`);
      assert.ok(r.recovered !== undefined, "the tunnel did not come back after the link was restored");
    },
  );
}
