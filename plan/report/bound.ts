/**
 * Where the report stops listing what grows with the square of the spokes: beyond
 * `fullDetailMaxNetworks` networks (spokes, on-prem zones and the internet) the reachability matrix
 * groups spokes by class and the spokes section lists each TGW table's blackholes once, not once
 * per spoke of the table (docs/analysis.md). At or below it the report is complete.
 */
import type { NetworkSettings } from "../../infra/settings/types";

export const fullDetailMaxNetworks = 40;

/** Spokes, on-prem zones and the internet. */
export function networkCount(settings: Pick<NetworkSettings, "spokes" | "onPrem">): number {
  return settings.spokes.length + settings.onPrem.zones.length + 1;
}

export function isLargeStack(settings: Pick<NetworkSettings, "spokes" | "onPrem">): boolean {
  return networkCount(settings) > fullDetailMaxNetworks;
}
