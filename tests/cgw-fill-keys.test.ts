/**
 * fill-keys.sh of the dev kit, run by sh as on the gateway: it writes the keys from the stack's
 * `vpnPresharedKeys` output into swanctl.conf in place of the placeholders and nowhere else,
 * leaves the file readable by root only, never prints a key, and refuses input that is not the
 * keys AWS would take, leaving the file as it was.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { GatewayKit } from "../plan/cgw";
import { renderKits } from "../plan/cgw";
import { planOk } from "./harness";

let kit: GatewayKit;
const dir = mkdtempSync(join(tmpdir(), "fill-keys-"));
const keys = { "vpn-1": ["Abc.def_ghi123456", "Zyx.wvu_tsr654321"] };

before(async () => {
  const [k] = renderKits(await planOk("dev"));
  assert.ok(k);
  kit = k;
  writeFileSync(join(dir, "fill-keys.sh"), kit.files["fill-keys.sh"]);
});

after(() => rmSync(dir, { recursive: true, force: true }));

function fill(input: string, name: string): { code: number | null; stdout: string; stderr: string; conf: string } {
  const conf = join(dir, name);
  writeFileSync(conf, kit.files["swanctl.conf"], { mode: 0o644 });
  const r = spawnSync("sh", [join(dir, "fill-keys.sh"), conf], { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, conf };
}

test("the keys of the vpnPresharedKeys output replace the placeholders, and nothing else changes; mode 600; no key printed", () => {
  // As `pulumi stack output --show-secrets --json vpnPresharedKeys` prints it.
  const r = fill(JSON.stringify(keys, null, 2) + "\n", "good.conf");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `fill-keys: 2 keys written into ${r.conf}\n`);
  for (const k of keys["vpn-1"]) assert.ok(!r.stdout.includes(k) && !r.stderr.includes(k));
  const filled = readFileSync(r.conf, "utf8");
  assert.equal(
    filled,
    kit.files["swanctl.conf"]
      .replace('secret = "<<pre-shared key of vpn-1 tunnel 1>>"', 'secret = "Abc.def_ghi123456"')
      .replace('secret = "<<pre-shared key of vpn-1 tunnel 2>>"', 'secret = "Zyx.wvu_tsr654321"'),
  );
  assert.equal(statSync(r.conf).mode & 0o777, 0o600);
});

test("refused, the file untouched: keys shown as [secret], a key starting with 0, a short key, a connection missing, a file already filled", () => {
  const cases: [string, string, RegExp][] = [
    [
      '"[secret]"\n',
      "secret.conf",
      /^fill-keys: no keys for vpn-1 in the input \(the vpnPresharedKeys output, taken with --show-secrets\)$/m,
    ],
    [
      JSON.stringify({ "vpn-1": ["0bc.def_ghi123456", "Zyx.wvu_tsr654321"] }),
      "zero.conf",
      /^fill-keys: the key of vpn-1 tunnel 1 starts with 0, which AWS does not allow$/m,
    ],
    [
      JSON.stringify({ "vpn-1": ["Abc.def_ghi123456", "Short1"] }),
      "short.conf",
      /^fill-keys: the key of vpn-1 tunnel 2 is not 8 to 64 characters$/m,
    ],
    [JSON.stringify({ "vpn-10": keys["vpn-1"] }), "other.conf", /^fill-keys: no keys for vpn-1 in the input/m],
  ];
  for (const [input, name, message] of cases) {
    const r = fill(input, name);
    assert.equal(r.code, 1, name);
    assert.match(r.stderr, message, name);
    assert.equal(readFileSync(r.conf, "utf8"), kit.files["swanctl.conf"], `${name} changed`);
  }
  const once = fill(JSON.stringify(keys), "twice.conf");
  assert.equal(once.code, 0);
  const before = readFileSync(once.conf, "utf8");
  const again = spawnSync("sh", [join(dir, "fill-keys.sh"), once.conf], { input: JSON.stringify(keys), encoding: "utf8" });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /has 0 of the 2 key placeholders: install the rendered swanctl\.conf again first/);
  assert.equal(readFileSync(once.conf, "utf8"), before);
});
