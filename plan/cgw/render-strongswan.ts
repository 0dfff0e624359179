/**
 * strongswan-aws.conf: the charon settings the tunnels need beyond swanctl.conf. charon has no
 * per-connection DPD timeout for IKEv2; a peer is dead when a probe's retransmissions run out, a
 * daemon-wide setting. It is set so this gateway gives up on AWS after AWS's own DPD timeout.
 */
import type { GatewayPlan } from "./model";
import { tunnelsOf } from "./model";
import { awsDpdIntervalSeconds, dpdRetransmission } from "./proposals";

export function renderStrongswan(gateway: GatewayPlan): string {
  // One setting for the whole daemon: the shortest DPD timeout of the gateway's tunnels.
  const dpd = Math.min(...tunnelsOf(gateway).map((t) => t.options.dpdTimeoutSeconds));
  const r = dpdRetransmission(dpd);
  return [
    `# strongSwan settings for the AWS tunnels of customer gateway ${gateway.name}, stack ${gateway.stack}.`,
    "# Rendered by 'npm run cgw'. Goes to /etc/strongswan.d/ (read by charon at start).",
    "charon {",
    `  # Dead peer detection: after ${awsDpdIntervalSeconds} s of silence (dpd_delay) a probe is sent ${r.tries + 1} times, ${r.timeout} s apart;`,
    `  # the peer is dead ${dpd} s after the last traffic, as AWS decides with its DPD timeout of ${dpd} s.`,
    "  # These settings also pace retries of IKE_SA_INIT (keyingtries = 0 retries for ever).",
    `  retransmit_timeout = ${r.timeout}`,
    `  retransmit_base = ${r.base}`,
    `  retransmit_tries = ${r.tries}`,
    "}",
    "",
  ].join("\n");
}
