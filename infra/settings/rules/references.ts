/** Names: unique within their list, and every reference names something that exists. */
import { onPremTableKey } from "../../vocabulary/hub";
import { keyPath, show } from "../errors";
import type { Rule } from "./context";

export const uniqueNames: Rule = (config, _ctx, out) => {
  const lists: [string, { name: string }[]][] = [
    ["accounts", config.accounts],
    ["customerGateways", config.customerGateways],
    ["vpnConnections", config.vpnConnections],
    ["onPrem.zones", config.onPrem.zones],
    ["segments", config.segments],
    ["spokes", config.spokes],
  ];
  for (const [list, items] of lists) {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.name))
        out.report(keyPath(list, item.name), "duplicate-name", `${show(item.name)} is defined more than once in ${list}`);
      seen.add(item.name);
    }
  }
  // Spokes and the central egress VPC share the namespace of VPC resource names.
  if (config.centralEgress && config.spokes.some((s) => s.name === config.centralEgress?.name)) {
    out.report("centralEgress.name", "duplicate-name", `${show(config.centralEgress.name)} is also a spoke name`);
  }
};

/** TGW route tables are keyed by segment, `onprem` and the central egress name (`<hub>-<name>-vpc`): a segment may not take those names. */
export const reservedSegmentNames: Rule = (config, _ctx, out) => {
  const reserved = new Set([
    onPremTableKey,
    ...(config.centralEgress ? [config.centralEgress.name, `${config.centralEgress.name}-vpc`] : []),
  ]);
  for (const s of config.segments) {
    if (reserved.has(s.name)) {
      out.report(
        keyPath("segments", s.name, "name"),
        "segment-name-reserved",
        `${show(s.name)} names a route table the hub already has; reserved: ${[...reserved].join(", ")}`,
      );
    }
  }
};

export const references: Rule = (config, _ctx, out) => {
  const names = (items: { name: string }[]) => new Set(items.map((i) => i.name));
  const cgws = names(config.customerGateways);
  const zones = names(config.onPrem.zones);
  const segments = names(config.segments);
  const accounts = names(config.accounts);
  const ref = (path: string, value: string, set: Set<string>, what: string) => {
    if (!set.has(value))
      out.report(path, "unknown-reference", `${show(value)} is not a ${what}; known: ${[...set].join(", ") || "(none)"}`);
  };
  if (config.networkAccount !== undefined) ref("networkAccount", config.networkAccount, accounts, "name in accounts");
  for (const c of config.vpnConnections) {
    ref(keyPath("vpnConnections", c.name, "customerGateway"), c.customerGateway, cgws, "customer gateway");
    (c.staticRouteZones ?? []).forEach((z, i) => ref(keyPath("vpnConnections", c.name, "staticRouteZones", i), z, zones, "on-prem zone"));
    if (c.routing === "bgp" && c.staticRouteZones !== undefined) {
      out.report(
        keyPath("vpnConnections", c.name, "staticRouteZones"),
        "static-routes-need-static-routing",
        `set only with routing "static" (got ${show(c.routing)})`,
      );
    }
  }
  (config.onPrem.advertises.zones ?? []).forEach((z, i) => ref(`onPrem.advertises.zones[${i}]`, z, zones, "on-prem zone"));
  for (const s of config.segments) {
    s.reachableSegments.forEach((r, i) => {
      ref(keyPath("segments", s.name, "reachableSegments", i), r, segments, "segment");
      if (r === s.name)
        out.report(
          keyPath("segments", s.name, "reachableSegments", i),
          "segment-self-reference",
          `a segment always reaches itself; remove ${show(r)}`,
        );
    });
  }
  for (const s of config.spokes) {
    ref(keyPath("spokes", s.name, "segment"), s.segment, segments, "segment");
    if (s.account !== undefined) ref(keyPath("spokes", s.name, "account"), s.account, accounts, "name in accounts");
    s.onPremZones.forEach((z, i) => ref(keyPath("spokes", s.name, "onPremZones", i), z, zones, "on-prem zone"));
    s.ingress.forEach((rule, i) => {
      ref(keyPath("spokes", s.name, "ingress", i, "fromZone"), rule.fromZone, zones, "on-prem zone");
      if (zones.has(rule.fromZone) && !s.onPremZones.includes(rule.fromZone)) {
        out.report(
          keyPath("spokes", s.name, "ingress", i, "fromZone"),
          "ingress-zone-not-reachable",
          `${show(rule.fromZone)} is not in this spoke's onPremZones, so no route would carry its traffic`,
        );
      }
    });
  }
};

export const referenceRules: Rule[] = [uniqueNames, reservedSegmentNames, references];
