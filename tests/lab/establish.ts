/**
 * Waiting for the tunnels, and saying why one does not come up: charon's logs on both sides name
 * the cause (a NO_PROPOSAL_CHOSEN or AUTHENTICATION_FAILED notify, the proposals each side had, a
 * MAC mismatch of the keys, an unknown peer, no answer at all). Log lines are read, never the keys:
 * charon does not log keys at the log level the lab uses.
 */
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { LabTunnel } from "./lab";
import type { IkeSa } from "./readback";
import { ikeSas } from "./readback";

export interface TunnelStatus {
  tunnel: LabTunnel;
  established: boolean;
  sa?: IkeSa;
  /** Why it did not establish, from charon's logs. */
  reason?: string;
}

function logOf(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

function lastMatch(text: string, re: RegExp): RegExpExecArray | undefined {
  let found: RegExpExecArray | undefined;
  for (const line of text.split("\n")) {
    const m = re.exec(line);
    if (m) found = m;
  }
  return found;
}

/** The cause of a failed tunnel in charon's logs, or undefined when the logs name none (yet). */
export function diagnose(gatewayLog: string, awsLog: string): string | undefined {
  const notify = lastMatch(
    gatewayLog,
    /received (NO_PROPOSAL_CHOSEN|AUTHENTICATION_FAILED|TS_UNACCEPTABLE|INVALID_SYNTAX|INVALID_KE_PAYLOAD|SINGLE_PAIR_REQUIRED) notify/,
  );
  const received = lastMatch(awsLog, /received proposals: (.*)$/)?.[1];
  const configured = lastMatch(awsLog, /configured proposals: (.*)$/)?.[1];
  if (notify?.[1] === "NO_PROPOSAL_CHOSEN") {
    return `NO_PROPOSAL_CHOSEN: AWS accepts none of the gateway's proposals${received && configured ? ` (gateway offered ${received}; AWS allows ${configured})` : ""}`;
  }
  if (notify?.[1] === "AUTHENTICATION_FAILED") {
    const mac = lastMatch(awsLog, /tried \d+ shared keys? for '([^']*)' - '([^']*)', but MAC mismatched/);
    return `AUTHENTICATION_FAILED: ${mac ? `the pre-shared keys differ (AWS side: MAC mismatched for ${mac[1]} - ${mac[2]})` : "AWS rejected the gateway's authentication"}`;
  }
  if (notify?.[1] === "TS_UNACCEPTABLE") return "TS_UNACCEPTABLE: the traffic selectors differ (AWS uses 0.0.0.0/0 both ways)";
  if (notify?.[1] && notify[1] !== "INVALID_KE_PAYLOAD") return `${notify[1]} from AWS`;
  if (/no shared key found/.test(gatewayLog)) return "the gateway has no pre-shared key for this tunnel";
  if (/no IKE config found/.test(awsLog)) return "AWS has no tunnel for the gateway's outside address";
  if (/no matching peer config found/.test(awsLog))
    return "the identities differ (AWS expects the customer gateway's address as its IKE id)";
  if (/giving up after \d+ retransmits/.test(gatewayLog)) return "no answer from AWS (IKE retransmissions ran out)";
  return undefined;
}

/** Waits until every tunnel is established (IKE_SA ESTABLISHED, CHILD_SA INSTALLED) or has failed with a cause. */
export async function waitForTunnels(tunnels: LabTunnel[], timeoutMs: number): Promise<TunnelStatus[]> {
  const end = Date.now() + timeoutMs;
  const status = new Map<LabTunnel, TunnelStatus>();
  while (status.size < tunnels.length && Date.now() < end) {
    for (const t of tunnels.filter((x) => !status.has(x))) {
      const sa = ikeSas(t.cgw.charon).find((x) => x.state === "ESTABLISHED" && x.children.some((c) => c.state === "INSTALLED"));
      if (sa) {
        status.set(t, { tunnel: t, established: true, sa });
        continue;
      }
      const reason = diagnose(logOf(t.cgw.charon.log), logOf(t.aws.charon.log));
      if (reason) status.set(t, { tunnel: t, established: false, reason });
    }
    if (status.size < tunnels.length) await sleep(200);
  }
  return tunnels.map(
    (t) =>
      status.get(t) ?? {
        tunnel: t,
        established: false,
        reason: `not established within ${timeoutMs / 1000} s and charon's logs name no cause`,
      },
  );
}
