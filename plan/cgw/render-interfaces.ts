/**
 * interfaces.sh: the gateway's tunnel interfaces. One XFRM interface per tunnel, bound to the
 * tunnel's SAs by the if_id of swanctl.conf, holding the gateway's inside address of the /30;
 * MTU and TCP MSS as AWS's tunnels need them; loose reverse-path filtering, since with ECMP a reply
 * may return through another tunnel than the request left by.
 */
import type { GatewayPlan } from "./model";
import { tunnelsOf } from "./model";

/** Largest packet through an AWS tunnel, and the TCP MSS that fits it (aws-facts, "VPN connection": MTU 1446 / MSS 1406). */
export const tunnelMtu = 1446;
export const tunnelMss = 1406;

/** The script's function that creates one tunnel interface: `tunnel NAME IF_ID ADDRESS/30`. */
export const tunnelFunction = "tunnel";

export function renderInterfaces(gateway: GatewayPlan): string {
  const tunnels = tunnelsOf(gateway);
  return [
    "#!/bin/sh",
    `# Tunnel interfaces of customer gateway ${gateway.name}, stack ${gateway.stack} of ${gateway.project}.`,
    "# Rendered by 'npm run cgw'. Run as root at every boot, before swanctl --load-all and FRR:",
    "#   sh interfaces.sh <the interface holding the outside address, e.g. eth0>",
    "# Needs XFRM interfaces (Linux 4.19 or later, CONFIG_XFRM_INTERFACE) and nftables.",
    "# Re-running it re-creates the interfaces: the tunnels drop until charon re-installs their SAs.",
    "set -eu",
    "outside=${1:?usage: sh interfaces.sh <outside interface>}",
    "",
    `# ${tunnelFunction} NAME IF_ID ADDRESS/30: an XFRM interface for the SAs with that if_id, MTU ${tunnelMtu}.`,
    `${tunnelFunction}() {`,
    '  ip link del "$1" 2>/dev/null || true',
    '  ip link add "$1" type xfrm dev "$outside" if_id "$2"',
    '  ip addr add "$3" dev "$1"',
    `  ip link set "$1" mtu ${tunnelMtu} up`,
    "  # Loose reverse-path filter: with ECMP a reply may come back through another tunnel.",
    '  sysctl -qw "net.ipv4.conf.$1.rp_filter=2"',
    "}",
    "",
    ...tunnels.map(
      (t) =>
        `${tunnelFunction} ${t.interfaceName} ${t.ifId} ${t.customerInsideAddress}/30   # ${t.connection} tunnel ${t.tunnel}; AWS ${t.awsInsideAddress}`,
    ),
    "",
    "sysctl -qw net.ipv4.ip_forward=1",
    "",
    `# TCP MSS ${tunnelMss} on SYNs through the tunnels, so TCP segments fit the tunnel MTU of ${tunnelMtu}.`,
    "nft -f - <<'EOF'",
    "table inet aws-vpn-mss",
    "delete table inet aws-vpn-mss",
    "table inet aws-vpn-mss {",
    "  chain forward {",
    "    type filter hook forward priority mangle; policy accept;",
    `    oifname { ${tunnels.map((t) => `"${t.interfaceName}"`).join(", ")} } tcp flags syn tcp option maxseg size set ${tunnelMss}`,
    `    iifname { ${tunnels.map((t) => `"${t.interfaceName}"`).join(", ")} } tcp flags syn tcp option maxseg size set ${tunnelMss}`,
    "  }",
    "}",
    "EOF",
    "",
  ].join("\n");
}
