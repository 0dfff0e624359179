/**
 * Rules for an adopted VPC's route tables and public side, and what its egress mode keeps or retires
 * (vocabulary/egress.ts). Sources: Amazon VPC User Guide, "Subnet route tables" (a subnet is
 * associated with exactly one route table; without an explicit association it uses the VPC's main
 * route table, which cannot be deleted), "Subnet types" (a public subnet has a direct route to an
 * internet gateway, so it needs one) and "NAT gateways" (a public NAT gateway lives in a public
 * subnet; its Elastic IP is its address).
 */
import { unhandled } from "../../lib/exhaustive";
import { egressModes, spokeEgressModes } from "../../vocabulary/egress";
import { NatGatewayPlacement } from "../../vocabulary/vpc";
import { show } from "../errors";
import { adoptingSpokes } from "./adoption";
import type { Rule } from "./context";

/**
 * Every adopted subnet names the route table it is explicitly associated with: a workload subnet's
 * table gets the routes to the TGW, a public subnet's holds its internet route. A subnet on the
 * VPC's main route table has no association to adopt (associate it explicitly first). A table serves
 * workload or public subnets, not both (the egress switch retires the public ones), and serves at
 * least one listed subnet.
 */
export const adoptedRouteTables: Rule = (config, _ctx, out) => {
  for (const a of adoptingSpokes(config)) {
    const tables = new Set(a.existing.routeTables.map((t) => t.name));
    for (const s of a.existing.subnets) {
      const path = a.path(`.subnets[${s.name}].routeTable`);
      if (s.routeTable === undefined) {
        out.report(
          path,
          "adopt-subnet-route-table",
          `not set: name the route table in routeTables the subnet is explicitly associated with (a subnet on the VPC's main route table must be associated explicitly first)`,
        );
      } else if (!tables.has(s.routeTable)) {
        out.report(
          path,
          "unknown-reference",
          `${show(s.routeTable)} is not a route table in routeTables; known: ${[...tables].join(", ") || "(none)"}`,
        );
      }
    }
    for (const t of a.existing.routeTables) {
      const served = a.existing.subnets.filter((s) => s.routeTable === t.name);
      const path = a.path(`.routeTables[${t.name}]`);
      if (served.length === 0) out.report(path, "adopt-route-table-unused", `no listed subnet is associated with ${show(t.name)}`);
      const publics = served.filter((s) => s.public).map((s) => s.name);
      const workloads = served.filter((s) => !s.public).map((s) => s.name);
      if (publics.length > 0 && workloads.length > 0) {
        out.report(
          path,
          "adopt-route-table-mixed",
          `serves public subnets ${show(publics)} and workload subnets ${show(workloads)}; give each kind its own route table`,
        );
      }
    }
  }
};

/**
 * The public side follows the egress mode's facts: a mode with NAT gateways of its own keeps them
 * (at least one, in a public subnet, public subnets behind an internet gateway); a mode without
 * retires them, so the NAT gateways, the internet gateway and the public subnets are no longer listed
 * (the switch deletes them). The NAT placement comes from the listed NAT gateways, not `natGateways`.
 */
export const adoptedPublicSide: Rule = (config, _ctx, out) => {
  const withOwnNat = spokeEgressModes.filter((m) => egressModes[m].ownNatGateways).map((m) => show(m));
  for (const a of adoptingSpokes(config)) {
    const { existing, spoke } = a;
    const mode = `egress ${show(spoke.egress)}`;
    const publics = existing.subnets.filter((s) => s.public);
    if (egressModes[spoke.egress].ownNatGateways) {
      if (existing.natGateways.length === 0) {
        out.report(
          a.path(".natGateways"),
          "adopt-nat-egress-needs-nat",
          `${mode} sends internet traffic to the VPC's NAT gateways, but none is listed`,
        );
      }
      if (spoke.natGateways !== NatGatewayPlacement.PerAz) {
        out.report(
          `spokes[${spoke.name}].natGateways`,
          "adopt-nat-placement",
          `${show(spoke.natGateways)} does not apply to an adopted VPC: its NAT gateways are the ones in existing.natGateways`,
        );
      }
    } else {
      const retired = `${mode} runs no NAT gateways of its own: the switch retires it; remove it from existing (only ${withOwnNat.join(" or ")} keeps it)`;
      for (const n of existing.natGateways) out.report(a.path(`.natGateways[${n.name}]`), "adopt-retired-by-egress", retired);
      if (existing.internetGatewayId !== undefined) out.report(a.path(".internetGatewayId"), "adopt-retired-by-egress", retired);
      for (const s of publics) out.report(a.path(`.subnets[${s.name}].public`), "adopt-retired-by-egress", retired);
    }
    if (publics.length > 0 && existing.internetGatewayId === undefined) {
      out.report(
        a.path(".internetGatewayId"),
        "adopt-public-subnet-needs-igw",
        `not set, but ${show(publics.map((s) => s.name))} are public: a public subnet routes to an internet gateway`,
      );
    }
    for (const n of existing.natGateways) {
      const subnet = existing.subnets.find((s) => s.name === n.subnet);
      const path = a.path(`.natGateways[${n.name}].subnet`);
      if (!subnet) out.report(path, "unknown-reference", `${show(n.subnet)} is not a subnet in subnets`);
      else if (!subnet.public)
        out.report(path, "adopt-nat-in-private-subnet", `${show(n.subnet)} is not public: a public NAT gateway lives in a public subnet`);
    }
  }
};

/**
 * The current 0.0.0.0/0 route of each workload route table, as the mode's workload default route needs
 * it: toward a NAT gateway, the table names the NAT gateway it targets today (the route is adopted as
 * it is); toward the TGW, it names none. A public route table never names one (its route goes to the
 * internet gateway).
 */
export const adoptedDefaultRoutes: Rule = (config, _ctx, out) => {
  for (const a of adoptingSpokes(config)) {
    const { existing, spoke } = a;
    const nats = new Set(existing.natGateways.map((n) => n.name));
    const target = egressModes[spoke.egress].workloadDefaultRoute;
    for (const t of existing.routeTables) {
      const path = a.path(`.routeTables[${t.name}].natGateway`);
      const served = existing.subnets.filter((s) => s.routeTable === t.name);
      const isPublic = served.length > 0 && served.every((s) => s.public);
      if (isPublic) {
        if (t.natGateway !== undefined)
          out.report(path, "adopt-route-table-nat", `set on a public route table, whose 0.0.0.0/0 goes to the internet gateway`);
        continue;
      }
      switch (target) {
        case "nat-gateway":
          if (t.natGateway === undefined) {
            out.report(
              path,
              "adopt-route-table-nat",
              `not set: with egress ${show(spoke.egress)} the workload subnets' 0.0.0.0/0 goes to a NAT gateway; name the one it targets today`,
            );
          } else if (!nats.has(t.natGateway)) {
            out.report(
              path,
              "unknown-reference",
              `${show(t.natGateway)} is not a NAT gateway in natGateways; known: ${[...nats].join(", ") || "(none)"}`,
            );
          }
          break;
        case "transit-gateway":
          if (t.natGateway !== undefined) {
            out.report(
              path,
              "adopt-route-table-nat",
              `set, but with egress ${show(spoke.egress)} the workload subnets' 0.0.0.0/0 goes to the TGW`,
            );
          }
          break;
        default:
          unhandled(target, "workload default route");
      }
    }
  }
};

export const adoptionEgressRules: Rule[] = [adoptedRouteTables, adoptedPublicSide, adoptedDefaultRoutes];
