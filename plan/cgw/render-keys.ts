/**
 * fill-keys.sh: writes the tunnels' pre-shared keys into the gateway's swanctl.conf on the device,
 * in place of the placeholders the kit renders; the kit itself never sees a key. The keys come on
 * stdin as the stack's `vpnPresharedKeys` output (`{"<connection>": ["<tunnel 1 key>", "<tunnel 2
 * key>"]}`), are checked against AWS's key rules, never printed and never passed to another
 * program's command line (only shell built-ins touch them); the file is rewritten with mode 600.
 */
import type { GatewayPlan } from "./model";
import { tunnelsOf } from "./model";
import { keyPlaceholder, keyPlaceholderPrefix } from "./placeholders";

/** The command that fetches the keys of a stack: its output is what fill-keys.sh reads. */
export function keysCommand(stack: string): string {
  return `pulumi stack output --stack ${stack} --show-secrets --json vpnPresharedKeys`;
}

/** Where swanctl.conf goes on the device. */
export const swanctlPath = "/etc/swanctl/conf.d/aws-vpn.conf";

/** A connection name inside a sed pattern: config names are letters, digits and '-', but escape anything else. */
function sedLiteral(text: string): string {
  return text.replace(/[\\/.*[\]^$]/g, (c) => `\\${c}`);
}

export function renderFillKeys(gateway: GatewayPlan): string {
  const tunnels = tunnelsOf(gateway);
  return [
    "#!/bin/sh",
    `# Writes the pre-shared keys of customer gateway ${gateway.name}'s tunnels into its swanctl.conf (stack ${gateway.stack}).`,
    "# Rendered by 'npm run cgw'. The keys come on stdin and are never printed:",
    `#   ${keysCommand(gateway.stack)} | sudo sh fill-keys.sh ${swanctlPath}`,
    '# Input: {"<connection>": ["<tunnel 1 key>", "<tunnel 2 key>"], ...}. The file is rewritten with mode 600.',
    "set -eu",
    "conf=${1:?usage: <keys JSON> | sh fill-keys.sh <path of the rendered swanctl.conf>}",
    "umask 077",
    "json=$(tr -d ' \\t\\r\\n')",
    "",
    "# key CONNECTION N: the key of tunnel N of CONNECTION, checked against AWS's rules",
    "# (8-64 letters, digits, '.' or '_', not starting with 0).",
    "key() {",
    `  k=$(printf '%s' "$json" | sed -n "s/.*\\"$1\\":\\[\\"\\([A-Za-z0-9._]*\\)\\",\\"\\([A-Za-z0-9._]*\\)\\"\\].*/\\\\$3/p")`,
    "  case $k in",
    "    '') echo \"fill-keys: no keys for $2 in the input (the vpnPresharedKeys output, taken with --show-secrets)\" >&2; return 1 ;;",
    '    0*) echo "fill-keys: the key of $2 tunnel $3 starts with 0, which AWS does not allow" >&2; return 1 ;;',
    "  esac",
    '  if [ ${#k} -lt 8 ] || [ ${#k} -gt 64 ]; then echo "fill-keys: the key of $2 tunnel $3 is not 8 to 64 characters" >&2; return 1; fi',
    "  printf '%s' \"$k\"",
    "}",
    "",
    ...tunnels.map((t, i) => `k${i + 1}=$(key '${sedLiteral(t.connection)}' '${t.connection}' ${t.tunnel})`),
    "",
    'tmp=$(mktemp "$conf.XXXXXX")',
    "n=0",
    "trap 'rm -f \"$tmp\"' EXIT",
    'while IFS= read -r line || [ -n "$line" ]; do',
    "  case $line in",
    ...tunnels.map(
      (t, i) => `    *'${keyPlaceholder(t.connection, t.tunnel)}'*) line="\${line%%'<<'*}$k${i + 1}\${line#*'>>'}"; n=$((n + 1)) ;;`,
    ),
    "  esac",
    "  printf '%s\\n' \"$line\"",
    'done <"$conf" >"$tmp"',
    `if [ "$n" -ne ${tunnels.length} ]; then echo "fill-keys: $conf has $n of the ${tunnels.length} key placeholders: install the rendered swanctl.conf again first" >&2; exit 1; fi`,
    `if grep -q '${keyPlaceholderPrefix}' "$tmp"; then echo "fill-keys: $conf has a key placeholder this script does not know: render the kit again" >&2; exit 1; fi`,
    'chmod 600 "$tmp"',
    'mv "$tmp" "$conf"',
    "trap - EXIT",
    `echo "fill-keys: ${tunnels.length} keys written into $conf"`,
    "",
  ].join("\n");
}
