/**
 * The customer-gateway kits of the prod stack (plan/cgw), from the program's captured run: one per
 * gateway, pinned by snapshots; no key anywhere; before deploy AWS's outside addresses are marked
 * placeholders (never the mocks' made-up ones), after deploy they come from the stack outputs;
 * outputs that do not belong to the stack are refused, naming what does not match.
 * UPDATE_CGW_SNAPSHOTS=1 rewrites the snapshots.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import type { GatewayKit } from "../plan/cgw";
import { keyPlaceholderPrefix, kitFiles, parseStackOutputs, placeholdersIn, renderKits } from "../plan/cgw";
import type { CapturedRun } from "../plan/runtime/captured-run";
import { ofType, planOk, types } from "./harness";

const fixtures = join(__dirname, "fixtures", "cgw");
const outputsText = readFileSync(join(fixtures, "prod-outputs.json"), "utf8");
let prod: CapturedRun;
let kits: GatewayKit[];

before(async () => {
  prod = await planOk("prod");
  kits = renderKits(prod);
});

const text = (k: GatewayKit) => Object.values(k.files).join("\n");

test("prod: a kit for each of the two gateways, four tunnels each, as the snapshots pin it", () => {
  assert.deepEqual(
    kits.map((k) => [k.gateway.name, k.gateway.connections.map((c) => c.name), k.gateway.connections.flatMap((c) => c.tunnels).length]),
    [
      ["cgw-primary", ["vpn-1", "vpn-3"], 4],
      ["cgw-secondary", ["vpn-2", "vpn-4"], 4],
    ],
  );
  for (const k of kits) {
    for (const file of kitFiles) {
      const path = join(fixtures, "prod", k.gateway.name, file);
      if (process.env.UPDATE_CGW_SNAPSHOTS === "1") {
        mkdirSync(join(fixtures, "prod", k.gateway.name), { recursive: true });
        writeFileSync(path, k.files[file]);
      }
      assert.ok(existsSync(path), `no snapshot ${path}: run with UPDATE_CGW_SNAPSHOTS=1`);
      assert.equal(k.files[file], readFileSync(path, "utf8"), `${k.gateway.name}/${file} differs from its snapshot`);
    }
  }
});

test("no pre-shared key, whole or in part, is in any file; each key has a placeholder in swanctl.conf", () => {
  const keys = [
    ...ofType(prod, types.vpn).flatMap((v) =>
      [1, 2].flatMap((n) => [v.inputs[`tunnel${n}PresharedKey`], v.outputs[`tunnel${n}PresharedKey`]]),
    ),
    ...ofType(prod, types.password).map((p) => p.outputs.result),
  ].filter((k): k is string => typeof k === "string" && k.length >= 8);
  assert.equal(keys.length, 8 * 2 + 8, "every tunnel's key and the generated bodies are checked");
  for (const k of kits) {
    for (const key of keys) assert.ok(!text(k).includes(key), `${k.gateway.name}: a key is in the kit`);
    assert.deepEqual(
      placeholdersIn(k.files["swanctl.conf"]).filter((p) => p.startsWith("<<pre-shared key")),
      k.gateway.connections.flatMap((c) => c.tunnels.map((t) => `<<pre-shared key of ${c.name} tunnel ${t.tunnel}>>`)),
    );
  }
});

test("before deploy: AWS's outside addresses are marked placeholders; the mocks' made-up addresses appear nowhere", () => {
  const mockAddresses = ofType(prod, types.vpn)
    .flatMap((v) => [v.outputs.tunnel1Address, v.outputs.tunnel2Address])
    .map(String);
  assert.equal(mockAddresses.length, 8);
  for (const k of kits) {
    for (const a of mockAddresses) assert.ok(!text(k).includes(a), `${k.gateway.name}: ${a}`);
    assert.match(
      k.files["swanctl.conf"],
      /remote_addrs = "<<AWS outside IP of vpn-\d tunnel 1: render again with --outputs after deploy>>"/,
    );
    assert.match(k.files["README.md"], /\*\*Before deploy: AWS's outside addresses are placeholders\*\*/);
  }
});

test("after deploy: the outside addresses of the stack outputs, and no placeholder but the keys", () => {
  const deployed = renderKits(prod, { deployed: parseStackOutputs(outputsText, "prod-outputs.json") });
  const outputs = JSON.parse(outputsText) as { vpnConnections: Record<string, { tunnels: { outsideAddress: string }[] }> };
  for (const k of deployed) {
    for (const c of k.gateway.connections) {
      c.tunnels.forEach((t, i) => {
        const address = outputs.vpnConnections[c.name]?.tunnels[i]?.outsideAddress ?? "";
        assert.match(address, /^192\.0\.2\./);
        assert.ok(
          k.files["swanctl.conf"].includes(
            `  ${t.name} {\n    version = 2\n    local_addrs = ${k.gateway.outsideAddress}\n    remote_addrs = ${address}\n`,
          ),
        );
        assert.ok(k.files["README.md"].includes(`| ${address} | ${t.insideCidr} |`));
      });
    }
    for (const [file, content] of Object.entries(k.files)) {
      assert.deepEqual(
        placeholdersIn(content).filter((p) => !p.startsWith(keyPlaceholderPrefix)),
        [],
        file,
      );
    }
  }
});

test("outputs of another stack or deployment are refused, naming the connection and what differs", () => {
  const doc = JSON.parse(outputsText) as { vpnConnections: Record<string, { tunnels: { insideCidr?: string; outsideAddress: string }[] }> };
  const withoutVpn4 = structuredClone(doc);
  delete withoutVpn4.vpnConnections["vpn-4"];
  assert.throws(
    () => renderKits(prod, { deployed: parseStackOutputs(JSON.stringify(withoutVpn4), "dev-outputs.json") }),
    /^Error: the outputs have no VPN connection vpn-4 \(they have: vpn-1, vpn-2, vpn-3\)/,
  );
  const moved = structuredClone(doc);
  const tunnel = moved.vpnConnections["vpn-2"]?.tunnels[1];
  assert.ok(tunnel);
  tunnel.insideCidr = "169.254.99.0/30";
  assert.throws(
    () => renderKits(prod, { deployed: parseStackOutputs(JSON.stringify(moved), "x.json") }),
    /vpn-2 tunnel 2: the outputs say insideCidr 169\.254\.99\.0\/30, the stack registers 169\.254\.10\.12\/30/,
  );
  assert.throws(
    () => parseStackOutputs('{"transitGatewayId": "tgw-1"}', "other.json"),
    /^Error: other\.json: vpnConnections: .*expected the vpnConnections output/,
  );
  assert.throws(() => parseStackOutputs("not json", "broken.json"), /^Error: broken\.json: not JSON/);
});

test("one gateway by name; an unknown name is refused, naming the known gateways", () => {
  assert.deepEqual(
    renderKits(prod, { gateway: "cgw-secondary" }).map((k) => k.gateway.name),
    ["cgw-secondary"],
  );
  assert.throws(
    () => renderKits(prod, { gateway: "cgw-tertiary" }),
    /^Error: no customer gateway cgw-tertiary in stack prod; known: cgw-primary, cgw-secondary$/,
  );
});

test("frr.conf: announces exactly the advertised zones and the default route, accepts exactly the spoke CIDRs, ECMP over the gateway's tunnels", () => {
  const settings = prod.settings;
  assert.ok(settings);
  const zones = settings.onPrem.zones.flatMap((z) => z.cidrs);
  const spokes = settings.spokes.map((s) => s.cidr);
  for (const k of kits) {
    const frr = k.files["frr.conf"];
    const list = (name: string) => [...frr.matchAll(new RegExp(`^ip prefix-list ${name} seq \\d+ permit (\\S+)$`, "gm"))].map((m) => m[1]);
    assert.deepEqual(list("TO-AWS"), [...zones, "0.0.0.0/0"]);
    assert.deepEqual(list("FROM-AWS"), spokes);
    assert.match(frr, /^router bgp 65010\n bgp router-id (203\.0\.113\.10|198\.51\.100\.20)\n/m);
    assert.match(frr, /^ neighbor AWS remote-as 64512$/m);
    assert.match(frr, /^ neighbor AWS timers 10 30$/m);
    assert.match(frr, /^ {2}maximum-paths 4$/m);
    const neighbors = [...frr.matchAll(/^ neighbor (\S+) peer-group AWS$/gm)].map((m) => m[1]);
    assert.deepEqual(
      neighbors,
      k.gateway.connections.flatMap((c) => c.tunnels.map((t) => t.awsInsideAddress)),
    );
  }
});

test("swanctl.conf and interfaces.sh agree: each tunnel's if_id names one interface with the gateway's inside address", () => {
  for (const k of kits) {
    const ifIds = [...k.files["swanctl.conf"].matchAll(/^ {8}if_id_in = (\d+)\n {8}if_id_out = (\d+)$/gm)].map((m) => [m[1], m[2]]);
    const interfaces = [...k.files["interfaces.sh"].matchAll(/^tunnel (\S+) (\d+) (\S+)/gm)].map((m) => [m[2], m[3]]);
    const tunnels = k.gateway.connections.flatMap((c) => c.tunnels);
    assert.deepEqual(
      ifIds,
      tunnels.map((t) => [String(t.ifId), String(t.ifId)]),
    );
    assert.deepEqual(
      interfaces,
      tunnels.map((t) => [String(t.ifId), `${t.customerInsideAddress}/30`]),
    );
    assert.equal(new Set(tunnels.map((t) => t.ifId)).size, tunnels.length);
  }
});

/** prod's captured run with one VpnConnection's inputs changed. */
function withVpn(name: string, change: (inputs: Record<string, unknown>) => void): CapturedRun {
  const run = structuredClone(prod);
  const vpn = run.resources.find((r) => r.type === types.vpn && r.name === name);
  assert.ok(vpn);
  change(vpn.inputs);
  return run;
}

test("accelerated connections force NAT-T (encap = yes), the others leave it to NAT detection", () => {
  const swanctl = kits[0]?.files["swanctl.conf"] ?? "";
  const connection = (name: string) =>
    swanctl.slice(swanctl.indexOf(`  ${name} {`), swanctl.indexOf("    children {", swanctl.indexOf(`  ${name} {`)));
  assert.match(connection("vpn-3-tunnel1"), /\n {4}encap = yes\n/);
  assert.doesNotMatch(connection("vpn-1-tunnel1"), /encap/);
});

test("a static connection: no BGP session for it, static routes to every spoke CIDR over both its tunnels", () => {
  const [primary] = renderKits(
    withVpn("vpn-3", (i) => (i.staticRoutesOnly = true)),
    { gateway: "cgw-primary" },
  );
  assert.ok(primary);
  const frr = primary.files["frr.conf"];
  assert.deepEqual(
    [...frr.matchAll(/^ip route (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`),
    ["10.20.0.0/16", "10.30.0.0/16", "10.40.0.0/16"].flatMap((p) => [`${p} vpn-3-t1`, `${p} vpn-3-t2`]),
  );
  assert.deepEqual(
    [...frr.matchAll(/^ neighbor (\S+) peer-group AWS$/gm)].map((m) => m[1]),
    ["169.254.10.1", "169.254.10.5"],
  );
  assert.match(frr, /^ {2}maximum-paths 2$/m);
});

test("what the kit does not render is refused by name: IPv6 inside addresses, certificate authentication", () => {
  assert.throws(
    () => renderKits(withVpn("vpn-2", (i) => (i.tunnelInsideIpVersion = "ipv6"))),
    /^Error: vpn-2: IPv6 tunnel inside addresses are not rendered by the kit$/,
  );
  const certificate = structuredClone(prod);
  const gateway = certificate.resources.find((r) => r.type === types.cgw && r.name === "cgw-secondary");
  assert.ok(gateway);
  gateway.inputs.certificateArn = "arn:aws:acm:eu-west-1:111111111111:certificate/abc";
  assert.throws(
    () => renderKits(certificate),
    /^Error: customer gateway cgw-secondary: certificate authentication is not rendered by the kit \(pre-shared keys only\)$/,
  );
});
