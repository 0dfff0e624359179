/**
 * A lab of one stack: the customer gateways as their kits configure them (gateway-side.ts), the
 * AWS side emulated from the captured resources (aws-side.ts), real charon, zebra and bgpd in
 * network namespaces, an on-prem core holding addresses in every zone, and a host in every spoke
 * the TGW announces. Topology (one gateway shown; prod has two, the TGW router serves all tunnels):
 *
 *   onprem core --LAN-- gateway router (bgpd) ==TUN==[charon]--wan--[charon]==TUN== tgw router (bgpd) -- spoke host
 *   zone addresses      one TUN per tunnel      one endpoint namespace per tunnel side        one per spoke VPC
 *
 * kernel-libipsec gives each charon one TUN device, moved into the router's namespace and named as
 * the kit's interface; an idle stand-in TUN named ipsec0 stays behind, because kernel-libipsec fails
 * the CHILD_SA unless it can route 0.0.0.0/0 into "ipsec0" in its own namespace.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hostAddress } from "../../infra/lib/cidr";
import { buildRouteModel } from "../../plan/analysis/model";
import type { RouteModel } from "../../plan/analysis/model";
import type { GatewayKit } from "../../plan/cgw";
import { renderKits } from "../../plan/cgw";
import type { CapturedRun } from "../../plan/runtime/captured-run";
import { ofType } from "../../plan/runtime/run-index";
import { awsTypes } from "../../plan/runtime/types";
import type { AwsSide, AwsTunnel } from "./aws-side";
import { awsBgpd, awsSide, awsSwanctl } from "./aws-side";
import type { Section } from "./conf-syntax";
import { parseConf } from "./conf-syntax";
import type { Charon, Frr } from "./daemons";
import { bgpdPath, charonPath, startCharon, startFrr, swanctl, waitUntil, zebraPath } from "./daemons";
import type { LabGatewayTunnel } from "./gateway-side";
import { labGateway } from "./gateway-side";
import { IpBatch, LabRecord, run, sweepAbandonedLabs } from "./system";
import type { LabNames } from "./topology";
import { assertDocumentationAddresses, labNames, labStackOutputs, lanOf } from "./topology";

export interface LabOptions {
  /** The run the AWS side is emulated from. */
  run: CapturedRun;
  /** The run the gateways' kits are rendered from (default: `run`); a misconfigured gateway renders from an edited copy. */
  gatewayRun?: CapturedRun;
  /** Changes a key before it goes to fill-keys.sh (a wrong key on purpose). */
  gatewayKey?: (connection: string, tunnel: 1 | 2, key: string) => string;
  /** Prefixes the emulated TGW announces besides its route table's (to show the gateways' inbound filter). */
  extraAwsAnnouncements?: string[];
  /** Source addresses per spoke in the on-prem core (flows spread over ECMP by source). */
  sourcesPerSpoke?: number;
}

export interface LabTunnel {
  connection: string;
  tunnel: 1 | 2;
  name: string;
  gateway: string;
  cgw: { charon: Charon; ns: string; interface: string; address: string; kit: LabGatewayTunnel };
  aws: { charon: Charon; ns: string; interface: string; address: string; emulation: AwsTunnel };
}

export interface LabGateway {
  name: string;
  ns: string;
  lan: { core: string; gateway: string };
  kit: GatewayKit;
  tunnels: LabTunnel[];
  frr?: Frr;
}

export interface PingPair {
  source: string;
  target: string;
  spoke: string;
}

function keysOf(run: CapturedRun, connections: string[], change?: LabOptions["gatewayKey"]): string {
  const out: Record<string, string[]> = {};
  for (const vpn of ofType(run, awsTypes.vpn).filter((v) => connections.includes(v.name))) {
    out[vpn.name] = ([1, 2] as const).map((n) => {
      const key = String(vpn.inputs[`tunnel${n}PresharedKey`] ?? vpn.outputs[`tunnel${n}PresharedKey`]);
      return change ? change(vpn.name, n, key) : key;
    });
  }
  return JSON.stringify(out);
}

export class Lab {
  readonly record = new LabRecord();
  readonly names: LabNames = labNames(`cl${randomBytes(2).toString("hex")}`);
  readonly timings: Record<string, number> = {};
  readonly model: RouteModel;
  readonly aws: AwsSide;
  readonly gateways: LabGateway[] = [];
  readonly tunnels: LabTunnel[] = [];
  readonly pings: PingPair[] = [];
  tgw?: Frr;
  private readonly t0 = Date.now();

  private constructor(readonly options: LabOptions) {
    const deployed = labStackOutputs(options.run).vpnConnections;
    this.model = buildRouteModel(options.run);
    this.aws = awsSide(options.run, this.model, deployed);
    const kits = renderKits(options.gatewayRun ?? options.run, { deployed });
    assertDocumentationAddresses([
      ...this.aws.tunnels.flatMap((t) => [t.awsOutside, t.customerOutside]),
      ...kits.map((k) => k.gateway.outsideAddress),
    ]);
    const stackPrefixes = [
      ...this.model.settings.onPrem.zones.flatMap((z) => z.cidrs),
      ...this.model.vpcs.map((v) => v.cidr),
      ...this.aws.tunnels.map((t) => t.awsInside),
    ];
    kits.forEach((kit, i) => {
      const lan = lanOf(i, stackPrefixes);
      this.gateways.push({ name: kit.gateway.name, ns: this.names.gateway(i), lan, kit, tunnels: [] });
    });
  }

  private mark(name: string, since: number): number {
    const now = Date.now();
    this.timings[name] = (now - since) / 1000;
    return now;
  }

  private dir(...parts: string[]): string {
    const d = join(this.record.dir, ...parts);
    mkdirSync(d, { recursive: true, mode: 0o711 });
    return d;
  }

  /** Builds the namespaces, starts every charon, loads the AWS side and then the gateways' tunnels. */
  static async start(options: LabOptions): Promise<Lab> {
    if (process.getuid?.() !== 0) throw new Error("the lab needs root: it creates network namespaces and runs charon, zebra and bgpd");
    const missing = [charonPath, zebraPath, bgpdPath, "/usr/sbin/swanctl", "/usr/bin/vtysh", "/usr/sbin/nft"].filter((p) => !existsSync(p));
    if (missing.length > 0) throw new Error(`the lab needs ${missing.join(", ")}: install the packages .ci/run installs`);
    sweepAbandonedLabs();
    const lab = new Lab(options);
    try {
      await lab.build();
    } catch (e) {
      lab.teardown();
      throw e;
    }
    return lab;
  }

  private fillKeys(g: LabGateway): string {
    const dir = this.dir("kits", g.name);
    const conf = join(dir, "swanctl.conf");
    writeFileSync(conf, g.kit.files["swanctl.conf"], { mode: 0o600 });
    writeFileSync(join(dir, "fill-keys.sh"), g.kit.files["fill-keys.sh"], { mode: 0o700 });
    const connections = g.kit.gateway.connections.map((c) => c.name);
    // The keys reach fill-keys.sh on stdin, as `pulumi stack output --show-secrets` would hand them.
    run("sh", [join(dir, "fill-keys.sh"), conf], {
      input: keysOf(this.options.gatewayRun ?? this.options.run, connections, this.options.gatewayKey),
    });
    return readFileSync(conf, "utf8");
  }

  private async build(): Promise<void> {
    let t = this.t0;
    const { names } = this;
    const ip = new IpBatch();
    const ns = (name: string): string => {
      this.record.namespace(name);
      ip.namespace(name);
      return name;
    };
    const core = ns(names.onprem);
    const routers = [ns(names.tgw), ...this.gateways.map((g) => ns(g.ns))];
    // Spokes: a host in each VPC's first subnet, behind the TGW router (the subnet's VPC router address).
    this.aws.spokes.forEach((s, j) => {
      const spoke = ns(names.spoke(j));
      const len = s.subnetCidr.split("/")[1];
      ip.link(`link add s${j} netns ${names.tgw} type veth peer name eth0 netns ${spoke}`);
      ip.add(spoke, `addr add ${s.host}/${len} dev eth0`, "link set eth0 up", `route add default via ${s.router}`);
      ip.add(names.tgw, `addr add ${s.router}/${len} dev s${j}`, `link set s${j} up`);
      if (s.cidr !== s.subnetCidr) ip.add(names.tgw, `route add ${s.cidr} via ${s.host}`);
    });
    // On-prem: the core holds source addresses in the zones each spoke may reach; the gateways reach
    // every zone (and the default route) through the core, as an IGP would give them.
    const settings = this.model.settings;
    const perSpoke = this.options.sourcesPerSpoke ?? 64;
    for (const s of this.aws.spokes) {
      const spoke = settings.spokes.find((x) => x.cidr === s.cidr);
      const zone = settings.onPrem.zones.find(
        (z) => spoke?.onPremZones.includes(z.name) && settings.onPrem.advertisedZones.includes(z.name),
      );
      const base = zone?.cidrs[0];
      if (!base) continue;
      // Sources from the zone's second /24 on (host 256 + 10 = x.y.1.10, ...).
      for (let i = 0; i < perSpoke; i++) this.pings.push({ source: hostAddress(base, 266 + i), target: s.host, spoke: s.vpc });
    }
    for (const source of new Set(this.pings.map((p) => p.source))) ip.add(core, `addr add ${source}/32 dev lo`);
    this.gateways.forEach((g, i) => {
      ip.link(`link add gw${i} netns ${core} type veth peer name lan netns ${g.ns}`);
      ip.add(core, `addr add ${g.lan.core}/24 dev gw${i}`, `link set gw${i} up`);
      ip.add(g.ns, `addr add ${g.lan.gateway}/24 dev lan`, "link set lan up");
      for (const cidr of settings.onPrem.zones.flatMap((z) => z.cidrs)) ip.add(g.ns, `route add ${cidr} via ${g.lan.core}`);
      ip.add(g.ns, `route add default via ${g.lan.core}`);
    });
    for (const s of this.aws.spokes)
      ip.add(core, `route add ${s.cidr} ${this.gateways.map((g) => `nexthop via ${g.lan.gateway}`).join(" ")}`);

    // Tunnels: pair each gateway tunnel of a kit with the emulated AWS endpoint of the same addresses.
    const pairs: { g: LabGateway; kt: LabGatewayTunnel; at: AwsTunnel; cgwNs: string; awsNs: string; settings: Section; k: number }[] = [];
    for (const [i, g] of this.gateways.entries()) {
      const form = labGateway(g.kit.files, this.fillKeys(g));
      for (const [j, kt] of form.tunnels.entries()) {
        const at = this.aws.tunnels.find((x) => x.awsOutside === kt.remoteAddress && x.customerOutside === kt.localAddress);
        if (!at) throw new Error(`${g.name} ${kt.name}: no AWS tunnel ${kt.remoteAddress} for ${kt.localAddress}`);
        const k = pairs.length;
        const pair = {
          g,
          kt,
          at,
          cgwNs: ns(names.gatewayEndpoint(i, j)),
          awsNs: ns(names.awsEndpoint(k)),
          settings: form.charonSettings,
          k,
        };
        ip.link(`link add wan netns ${pair.cgwNs} type veth peer name wan netns ${pair.awsNs}`);
        ip.add(pair.cgwNs, `addr add ${kt.localAddress} peer ${kt.remoteAddress}/32 dev wan`, "link set wan up");
        ip.add(pair.awsNs, `addr add ${at.awsOutside} peer ${at.customerOutside}/32 dev wan`, "link set wan up");
        pairs.push(pair);
      }
    }
    ip.run();
    for (const r of routers) {
      run("ip", [
        "netns",
        "exec",
        r,
        "sysctl",
        "-qw",
        "net.ipv4.ip_forward=1",
        "net.ipv4.conf.all.rp_filter=0",
        "net.ipv4.conf.default.rp_filter=0",
      ]);
    }
    t = this.mark("namespaces and links", t);

    for (const { g, kt, at, cgwNs, awsNs, settings: charonSettings, k } of pairs) {
      const awsIf = `${at.connection}-t${at.tunnel}`.length <= 15 ? `${at.connection}-t${at.tunnel}` : `awst${k}`;
      const retransmit = parseConf(
        `charon {\nretransmit_timeout = ${at.retransmission.timeout}\nretransmit_base = ${at.retransmission.base}\nretransmit_tries = ${at.retransmission.tries}\n}\n`,
      );
      const tunnel: LabTunnel = {
        connection: at.connection,
        tunnel: at.tunnel,
        name: kt.name,
        gateway: g.name,
        cgw: {
          charon: startCharon(this.record, cgwNs, this.dir(cgwNs), charonSettings),
          ns: cgwNs,
          interface: kt.interface.name,
          address: kt.interface.address,
          kit: kt,
        },
        aws: {
          charon: startCharon(this.record, awsNs, this.dir(awsNs), retransmit.entries[0] as Section),
          ns: awsNs,
          interface: awsIf,
          address: at.awsInside,
          emulation: at,
        },
      };
      writeFileSync(join(tunnel.cgw.charon.dir, "swanctl.conf"), kt.swanctlConf, { mode: 0o600 });
      writeFileSync(join(tunnel.aws.charon.dir, "swanctl.conf"), awsSwanctl(at), { mode: 0o600 });
      g.tunnels.push(tunnel);
      this.tunnels.push(tunnel);
    }
    t = this.mark("charons started", t);
    // Every endpoint's TUN device first goes to its router, then the routers configure them.
    const moves = new IpBatch();
    const configure = new IpBatch();
    for (const tn of this.tunnels) {
      for (const [side, router] of [
        [tn.cgw, this.gateways.find((g) => g.name === tn.gateway)?.ns ?? ""],
        [tn.aws, names.tgw],
      ] as const) {
        await waitUntil(
          () => run("ip", ["-n", side.ns, "link", "show", "ipsec0"], { check: false }).code === 0,
          15_000,
          `charon in ${side.ns} made no TUN device (${side.charon.dir})`,
        );
        // The stand-in ipsec0 and no "lookup 220" rule keep the endpoint namespace's own routing plain.
        moves.add(
          side.ns,
          `link set ipsec0 name ${side.interface}`,
          `link set ${side.interface} netns ${router}`,
          "tuntap add dev ipsec0 mode tun",
          "link set ipsec0 up",
        );
        moves.optional(side.ns, "rule del pref 220");
        configure.add(
          router,
          `addr add ${side.address} dev ${side.interface}`,
          `link set ${side.interface} mtu ${tn.cgw.kit.interface.mtu} up`,
        );
      }
    }
    moves.run();
    configure.run();
    for (const tn of this.tunnels) {
      for (const side of [tn.cgw, tn.aws]) {
        await waitUntil(() => existsSync(side.charon.vici), 15_000, `charon in ${side.ns} opened no vici socket`);
      }
    }
    t = this.mark("TUN devices in the routers", t);
    // AWS first: its endpoints answer; then the gateways, whose tunnels initiate when AWS's startup action is "add".
    for (const tn of this.tunnels) swanctl(tn.aws.charon, ["--load-all", "--noprompt", "--file", join(tn.aws.charon.dir, "swanctl.conf")]);
    for (const tn of this.tunnels) swanctl(tn.cgw.charon, ["--load-all", "--noprompt", "--file", join(tn.cgw.charon.dir, "swanctl.conf")]);
    this.mark("configurations loaded", t);
  }

  /** Starts FRR in every router: the gateways with their kit's frr.conf, the TGW with the emulated configuration. */
  async startRouting(): Promise<void> {
    const t = Date.now();
    this.tgw = await startFrr(this.record, this.names.tgw, this.dir("frr-tgw"), awsBgpd(this.aws, this.options.extraAwsAnnouncements));
    for (const g of this.gateways) g.frr = await startFrr(this.record, g.ns, this.dir(`frr-${g.name}`), g.kit.files["frr.conf"]);
    this.mark("FRR started", t);
  }

  /** Seconds since the lab started building. */
  elapsed(): number {
    return (Date.now() - this.t0) / 1000;
  }

  teardown(): number {
    return this.record.teardown();
  }
}
