/**
 * swanctl.conf of a customer gateway: one IKE connection per tunnel, route-based. Each CHILD_SA
 * carries 0.0.0.0/0 both ways (as AWS's side does) bound to the tunnel's XFRM interface through
 * `if_id_in`/`if_id_out`, so routing (BGP, frr.conf) decides what enters which tunnel; charon
 * installs no routes for such SAs. Proposals, lifetimes, DPD and who starts IKE follow the
 * registered tunnel options (proposals.ts). Keys are placeholders that fill-keys.sh fills in.
 */
import type { ConnectionPlan, GatewayPlan, TunnelPlan } from "./model";
import { keyPlaceholder, outsideAddressPlaceholder } from "./placeholders";
import { awsDpdIntervalSeconds, espProposals, ikeProposals, ikeVersion, saTimers } from "./proposals";
import type { StartupAction } from "./tunnel-options";

/** What the device does at start, on DPD timeout and when AWS closes the CHILD_SA, for AWS's startup action. */
export function deviceActions(startup: StartupAction): { start: string; dpd: string; close: string; why: string } {
  switch (startup) {
    case "add":
      // AWS waits for the device ("add": the customer gateway initiates): start at once, and
      // re-initiate after a DPD timeout or a close by AWS, since AWS never will.
      return {
        start: "start",
        dpd: "restart",
        close: "start",
        why: "AWS startup action add: this gateway initiates IKE and re-initiates after a failure",
      };
    case "start":
      // AWS initiates; the device still re-establishes on demand when traffic (BGP) needs the tunnel.
      return {
        start: "trap",
        dpd: "trap",
        close: "trap",
        why: "AWS startup action start: AWS initiates; traffic into the interface re-initiates",
      };
    default: {
      const never: never = startup;
      throw new Error(`unknown startup action ${String(never)}`);
    }
  }
}

function quoted(value: string): string {
  return `"${value}"`;
}

function list(values: (string | number)[], sep = "/"): string {
  return values.map(String).join(sep);
}

/** The lines of one tunnel's connection. */
function connectionLines(gateway: GatewayPlan, connection: ConnectionPlan, t: TunnelPlan): string[] {
  const o = t.options;
  const ike = saTimers(o.phase1LifetimeSeconds, o);
  const esp = saTimers(o.phase2LifetimeSeconds, o);
  const actions = deviceActions(o.startupAction);
  const remote = t.awsOutsideAddress ?? outsideAddressPlaceholder(t.connection, t.tunnel);
  const remoteValue = t.awsOutsideAddress ?? quoted(remote);
  return [
    `  # ${t.connection} tunnel ${t.tunnel}: AWS outside ${remote}; inside ${t.insideCidr} (AWS ${t.awsInsideAddress}, this gateway ${t.customerInsideAddress});`,
    `  # XFRM interface ${t.interfaceName} (if_id ${t.ifId}).`,
    `  # AWS allows: ${list(o.ikeVersions)}; phase 1 ${list(o.phase1EncryptionAlgorithms)}, ${list(o.phase1IntegrityAlgorithms)}, DH ${list(o.phase1DhGroupNumbers)}, ${o.phase1LifetimeSeconds} s;`,
    `  # phase 2 ${list(o.phase2EncryptionAlgorithms)}, ${list(o.phase2IntegrityAlgorithms)}, DH ${list(o.phase2DhGroupNumbers)}, ${o.phase2LifetimeSeconds} s;`,
    `  # rekey margin ${o.rekeyMarginTimeSeconds} s, fuzz ${o.rekeyFuzzPercentage} %; DPD ${o.dpdTimeoutSeconds} s, AWS then does "${o.dpdTimeoutAction}"; startup action "${o.startupAction}".`,
    `  ${t.name} {`,
    `    version = ${ikeVersion(o)}`,
    `    local_addrs = ${gateway.outsideAddress}`,
    `    remote_addrs = ${remoteValue}`,
    `    proposals = ${ikeProposals(o).join(", ")}`,
    `    # IKE SA: rekey ${ike.rand} s or less before ${ike.rekey} s, ahead of AWS; gone by ${ike.life} s, AWS's phase 1 lifetime.`,
    `    rekey_time = ${ike.rekey}s`,
    `    rand_time = ${ike.rand}s`,
    `    over_time = ${ike.life - ike.rekey}s`,
    `    # DPD: probe after ${awsDpdIntervalSeconds} s of silence, as AWS does (dead after the retransmissions in strongswan-aws.conf).`,
    `    dpd_delay = ${awsDpdIntervalSeconds}s`,
    ...(connection.accelerated ? ["    # Accelerated VPN: NAT-T (ESP in UDP 4500) is required.", "    encap = yes"] : []),
    "    mobike = no",
    "    # Never give up initiating; replace an older IKE SA with AWS's same endpoint.",
    "    keyingtries = 0",
    "    unique = replace",
    "    local {",
    "      auth = psk",
    `      id = ${gateway.outsideAddress}`,
    "    }",
    "    remote {",
    "      auth = psk",
    `      id = ${remoteValue}`,
    "    }",
    "    children {",
    `      ${t.name} {`,
    "        mode = tunnel",
    "        local_ts = 0.0.0.0/0",
    "        remote_ts = 0.0.0.0/0",
    `        esp_proposals = ${espProposals(o).join(", ")}`,
    `        # CHILD SA: rekey ${esp.rand} s or less before ${esp.rekey} s, ahead of AWS; hard limit ${esp.life} s, AWS's phase 2 lifetime.`,
    `        rekey_time = ${esp.rekey}s`,
    `        rand_time = ${esp.rand}s`,
    `        life_time = ${esp.life}s`,
    `        replay_window = ${o.replayWindowSize}`,
    `        # ${actions.why}.`,
    `        start_action = ${actions.start}`,
    `        dpd_action = ${actions.dpd}`,
    `        close_action = ${actions.close}`,
    `        if_id_in = ${t.ifId}`,
    `        if_id_out = ${t.ifId}`,
    "      }",
    "    }",
    "  }",
  ];
}

function secretLines(gateway: GatewayPlan, t: TunnelPlan): string[] {
  const remote = t.awsOutsideAddress ?? quoted(outsideAddressPlaceholder(t.connection, t.tunnel));
  return [
    `  ike-${t.name} {`,
    `    id-1 = ${gateway.outsideAddress}`,
    `    id-2 = ${remote}`,
    `    secret = ${quoted(keyPlaceholder(t.connection, t.tunnel))}`,
    "  }",
  ];
}

export function renderSwanctl(gateway: GatewayPlan): string {
  const tunnels = gateway.connections.flatMap((c) => c.tunnels.map((t) => ({ c, t })));
  return [
    `# swanctl.conf of customer gateway ${gateway.name}${gateway.deviceName ? ` (${gateway.deviceName})` : ""}, stack ${gateway.stack} of ${gateway.project}.`,
    "# Rendered by 'npm run cgw' from what the program registered; render again rather than edit.",
    "# Route-based: each tunnel's SAs carry 0.0.0.0/0 both ways and are bound to the tunnel's XFRM",
    "# interface (if_id, created by interfaces.sh); BGP (frr.conf) decides which prefixes enter which tunnel.",
    "# The secrets are placeholders: fill-keys.sh writes the keys in on the device (README.md).",
    "connections {",
    ...tunnels.flatMap(({ c, t }, i) => [...(i > 0 ? [""] : []), ...connectionLines(gateway, c, t)]),
    "}",
    "",
    "secrets {",
    ...tunnels.flatMap(({ t }) => secretLines(gateway, t)),
    "}",
    "",
  ].join("\n");
}
