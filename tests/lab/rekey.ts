/**
 * Forced rekeys from the gateway side: every CHILD_SA (a CREATE_CHILD_SA exchange with the phase 2
 * DH group, which the first CHILD_SA never uses since its keys come from the IKE SA) and every IKE
 * SA. A phase 2 DH group the two sides do not share shows only here.
 */
import { swanctl, waitFor } from "./daemons";
import type { LabTunnel } from "./lab";
import type { ChildSa, IkeSa } from "./readback";
import { ikeSas } from "./readback";

export interface RekeyResult {
  tunnel: LabTunnel;
  ike?: IkeSa;
  child?: ChildSa;
  /** Why the rekey did not complete. */
  problem?: string;
}

function current(t: LabTunnel): { ike?: IkeSa; child?: ChildSa } {
  const ike = ikeSas(t.cgw.charon).find((s) => s.state === "ESTABLISHED");
  const child = ike?.children.find((c) => c.state === "INSTALLED");
  return { ...(ike ? { ike } : {}), ...(child ? { child } : {}) };
}

export async function rekeyAll(tunnels: LabTunnel[]): Promise<RekeyResult[]> {
  const before = new Map(tunnels.map((t) => [t, current(t)] as const));
  for (const t of tunnels) swanctl(t.cgw.charon, ["--rekey", "--child", t.name]);
  const results: RekeyResult[] = [];
  for (const t of tunnels) {
    const old = before.get(t)?.child?.spiIn;
    let now = current(t);
    const ok = await waitFor(
      () => {
        now = current(t);
        return now.child !== undefined && now.child.spiIn !== old && now.child.dhGroup !== undefined;
      },
      20_000,
      200,
    );
    results.push({
      tunnel: t,
      ...now,
      ...(ok ? {} : { problem: `CHILD_SA not rekeyed within 20 s (SPI ${old} still in use or no DH group)` }),
    });
  }
  for (const t of tunnels) swanctl(t.cgw.charon, ["--rekey", "--ike", t.name]);
  for (const r of results) {
    const oldSpis = r.ike?.spis;
    const ok = await waitFor(
      () => {
        const now = current(r.tunnel);
        if (now.ike && now.ike.spis !== oldSpis && now.child) {
          r.ike = now.ike;
          return true;
        }
        return false;
      },
      20_000,
      200,
    );
    if (!ok) r.problem = [r.problem, "IKE_SA not rekeyed within 20 s"].filter(Boolean).join("; ");
  }
  return results;
}
