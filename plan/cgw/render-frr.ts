/**
 * frr.conf of a customer gateway: one eBGP session with the Transit Gateway per BGP tunnel, on the
 * tunnel's inside addresses, with AWS's timers (keepalive 10 s, hold 30 s; AWS offers no BFD), ECMP
 * over every tunnel of every connection, and prefix lists both ways so that neither side's mistake
 * can leak a route: the gateway announces exactly the on-prem prefixes the program expects, and
 * accepts exactly the spoke CIDRs (nothing broader, nothing more specific). A static connection
 * gets static routes to the spoke CIDRs over both of its tunnels instead.
 */
import type { GatewayPlan } from "./model";

/** AWS's BGP timers on VPN tunnels: keepalive 10 s, hold 30 s (the device configurations AWS generates for a connection set them). */
export const awsBgpTimers = { keepalive: 10, hold: 30 } as const;

/** Seconds between attempts to re-open a lost session (FRR's default, 120 s, would delay recovery). */
export const bgpConnectRetrySeconds = 10;

export const prefixListIn = "FROM-AWS";
export const prefixListOut = "TO-AWS";
export const peerGroup = "AWS";

export function renderFrr(gateway: GatewayPlan): string {
  const bgpTunnels = gateway.connections.filter((c) => c.routing === "bgp").flatMap((c) => c.tunnels);
  const staticTunnels = gateway.connections.filter((c) => c.routing === "static").flatMap((c) => c.tunnels);
  const lines = [
    `! frr.conf of customer gateway ${gateway.name}${gateway.deviceName ? ` (${gateway.deviceName})` : ""}, stack ${gateway.stack} of ${gateway.project}.`,
    "! Rendered by 'npm run cgw' from what the program registered; render again rather than edit.",
    "frr defaults traditional",
    `hostname ${gateway.name}`,
    "!",
  ];
  if (bgpTunnels.length > 0) {
    lines.push(
      "! Announced to AWS: exactly the on-prem prefixes the program expects.",
      ...gateway.announces.map((a, i) => `ip prefix-list ${prefixListOut} seq ${(i + 1) * 10} permit ${a.prefix}`),
      "! Accepted from AWS: exactly the spoke CIDRs; a broader or more specific prefix is dropped.",
      ...(gateway.accepts.length > 0
        ? gateway.accepts.map((a, i) => `ip prefix-list ${prefixListIn} seq ${(i + 1) * 10} permit ${a.prefix}`)
        : [`ip prefix-list ${prefixListIn} seq 10 deny any`]),
      "!",
      `route-map ${prefixListIn} permit 10`,
      ` match ip address prefix-list ${prefixListIn}`,
      "exit",
      "!",
      `route-map ${prefixListOut} permit 10`,
      ` match ip address prefix-list ${prefixListOut}`,
      "exit",
      "!",
      `router bgp ${gateway.asn}`,
      ` bgp router-id ${gateway.outsideAddress}`,
      " bgp log-neighbor-changes",
      ` neighbor ${peerGroup} peer-group`,
      ` neighbor ${peerGroup} remote-as ${gateway.awsAsn}`,
      ` ! AWS's timers: keepalive ${awsBgpTimers.keepalive} s, hold ${awsBgpTimers.hold} s; a lost session is retried every ${bgpConnectRetrySeconds} s.`,
      ` neighbor ${peerGroup} timers ${awsBgpTimers.keepalive} ${awsBgpTimers.hold}`,
      ` neighbor ${peerGroup} timers connect ${bgpConnectRetrySeconds}`,
      ...bgpTunnels.flatMap((t) => [
        ` neighbor ${t.awsInsideAddress} peer-group ${peerGroup}`,
        ` neighbor ${t.awsInsideAddress} description ${t.connection} tunnel ${t.tunnel} via ${t.interfaceName}`,
      ]),
      " !",
      " address-family ipv4 unicast",
      "  ! A prefix is announced only while this router has a route for exactly it (BGP import check):",
      "  ! a zone this gateway cannot reach is not drawn to it.",
      ...gateway.announces.map((a) => `  network ${a.prefix}`),
      `  neighbor ${peerGroup} route-map ${prefixListIn} in`,
      `  neighbor ${peerGroup} route-map ${prefixListOut} out`,
      `  neighbor ${peerGroup} soft-reconfiguration inbound`,
      `  ! ECMP over all ${bgpTunnels.length} tunnels of this gateway.`,
      `  maximum-paths ${bgpTunnels.length}`,
      " exit-address-family",
      "exit",
      "!",
    );
  }
  if (staticTunnels.length > 0) {
    lines.push(
      "! Static connections: the spoke CIDRs over both tunnels (AWS routes back over the tunnel it chooses).",
      ...gateway.accepts.flatMap((a) => staticTunnels.map((t) => `ip route ${a.prefix} ${t.interfaceName}`)),
      "!",
    );
  }
  return lines.join("\n") + "\n";
}
