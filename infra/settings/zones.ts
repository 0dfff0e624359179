/**
 * Which on-prem zones a connection's routes hold, from the parsed config: one home for the defaults
 * that `staticRouteZones` and `onPrem.advertises.zones` have when unset (every zone).
 */
import type { ParsedConfig } from "./schema";

type ZoneConfig = Pick<ParsedConfig, "onPrem">;

function everyZone(config: ZoneConfig): string[] {
  return config.onPrem.zones.map((z) => z.name);
}

/** The zones on-prem announces over BGP: `onPrem.advertises.zones`, every zone when unset. */
export function announcedZones(config: ZoneConfig): string[] {
  return config.onPrem.advertises.zones ?? everyZone(config);
}

/** The zones a static connection gives static routes: its `staticRouteZones`, every zone when unset. */
export function staticZones(config: ZoneConfig, connection: { staticRouteZones?: string[] | undefined }): string[] {
  return connection.staticRouteZones ?? everyZone(config);
}
