/**
 * Whether a spoke's on-prem zones have a way to it. A TGW route table holds only what is propagated
 * to it or set statically (Transit Gateway guide, "Transit gateway route tables"): a zone is routed
 * over a BGP connection only when on-prem announces it, and over a static connection only when that
 * connection's static routes hold it (S2S VPN User Guide, "Static and dynamic routing"); and a
 * static route per prefix goes to one connection, so the static default route too.
 */
import { keyPath, show } from "../errors";
import type { ParsedConfig } from "../schema";
import { announcedZones, staticZones } from "../zones";
import type { Rule } from "./context";

/**
 * The connections that carry a zone: BGP connections when on-prem announces it, static connections
 * whose static routes hold it. A default route on-prem announces does not count: a segment whose
 * spokes leave through the central egress VPC sends 0.0.0.0/0 there, so a zone only the default
 * covers would go to the egress VPC and be dropped.
 */
export function zoneCarriers(config: Pick<ParsedConfig, "vpnConnections" | "onPrem">, zone: string): string[] {
  const announced = announcedZones(config).includes(zone);
  return config.vpnConnections.filter((c) => (c.routing === "bgp" ? announced : staticZones(config, c).includes(zone))).map((c) => c.name);
}

/** Every zone a spoke names is carried by at least one VPN connection, or no route would reach it. */
export const zonesRouted: Rule = (config, _ctx, out) => {
  const known = new Set(config.onPrem.zones.map((z) => z.name));
  for (const s of config.spokes) {
    s.onPremZones.forEach((zone, i) => {
      // An unknown zone is the references rule's to report.
      if (!known.has(zone) || zoneCarriers(config, zone).length > 0) return;
      out.report(
        keyPath("spokes", s.name, "onPremZones", i),
        "zone-not-routed",
        `${show(zone)} is neither announced by on-prem over a BGP connection (onPrem.advertises.zones) nor held by a static connection's staticRouteZones: no route would reach it`,
      );
    });
  }
};

/**
 * A zone is carried statically or over BGP, not both. For one prefix a TGW route table prefers a
 * static route to a propagated one (Transit Gateway guide, "Route evaluation order"; AWS Knowledge
 * Center, "Direct Connect and VPN failover with Transit Gateway": a static VPN route should be less
 * specific than the BGP-propagated ones), so the BGP connections would never carry the zone, and a
 * static route has one target and does not move when that connection fails: the announced zone
 * would look redundant and be a single point of failure.
 */
export const zonesStaticOrBgp: Rule = (config, _ctx, out) => {
  const bgp = config.vpnConnections.filter((c) => c.routing === "bgp").map((c) => c.name);
  if (bgp.length === 0) return;
  const announced = new Set(announcedZones(config));
  for (const c of config.vpnConnections) {
    if (c.routing !== "static") continue;
    const both = staticZones(config, c).filter((z) => announced.has(z));
    if (both.length === 0) continue;
    out.report(
      keyPath("vpnConnections", c.name, "staticRouteZones"),
      "zone-static-and-bgp",
      `${both.map(show).join(", ")} ${both.length === 1 ? "is" : "are"} also announced over BGP (${bgp.join(", ")}); a static route beats the learned one and does not fail over: hold ${both.length === 1 ? "it" : "them"} statically or list the zones on-prem announces in onPrem.advertises.zones without ${both.length === 1 ? "it" : "them"}`,
    );
  }
};

/**
 * At most one static connection carries on-prem's default route: a TGW route table holds one static
 * route per prefix, to one attachment (Transit Gateway quotas). That one must be chosen when there
 * are several is the egress rule's to say (static-default-choice, rules/network.ts).
 */
export const staticDefaultRoute: Rule = (config, _ctx, out) => {
  const flagged = config.vpnConnections.filter((c) => c.staticDefaultRoute === true);
  for (const c of flagged) {
    if (c.routing !== "static")
      out.report(
        keyPath("vpnConnections", c.name, "staticDefaultRoute"),
        "static-default-needs-static-routing",
        `set only with routing "static" (got ${show(c.routing)}); over BGP on-prem announces 0.0.0.0/0 (onPrem.advertises.defaultRoute)`,
      );
  }
  const flaggedStatic = flagged.filter((c) => c.routing === "static");
  for (const c of flaggedStatic.slice(1)) {
    out.report(
      keyPath("vpnConnections", c.name, "staticDefaultRoute"),
      "static-default-twice",
      `vpnConnections[${flaggedStatic[0]!.name}] already carries the static 0.0.0.0/0; one static route per prefix per route table`,
    );
  }
};

export const routingRules: Rule[] = [zonesRouted, zonesStaticOrBgp, staticDefaultRoute];
