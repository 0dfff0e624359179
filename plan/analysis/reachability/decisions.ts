/**
 * The text naming a deciding route ("route table x: 10.0.0.0/8 -> TGW (route-name)"). Many walks
 * are decided by one route, so each text is built once per analysis and shared.
 */
import type { RouteIndex } from "../lookup";
import { attachmentLabel } from "../model";
import type { TgwRoute, VpcRoute } from "../model";

export class DecisionTexts {
  private readonly vpcRoutes = new Map<VpcRoute, string>();
  /**
   * By the route set a TGW lookup returned (one array per table, destination and failure set). Weak:
   * a failure scenario's route sets go with the scenario's lookups.
   */
  private readonly tgwRoutes = new WeakMap<TgwRoute[], string>();

  constructor(private readonly ix: RouteIndex) {}

  /** A VPC route in the table `tableId`. */
  vpc(tableId: string, route: VpcRoute): string {
    let d = this.vpcRoutes.get(route);
    if (d === undefined) {
      d = `route table ${this.ix.tableName(tableId)}: ${route.prefix} -> ${this.vpcTarget(route)}${route.resource === "local" ? "" : ` (${route.resource})`}`;
      this.vpcRoutes.set(route, d);
    }
    return d;
  }

  /** The winning TGW routes of one lookup (`first` is `routes[0]`; several routes are ECMP). */
  tgw(first: TgwRoute, routes: TgwRoute[]): string {
    let d = this.tgwRoutes.get(routes);
    if (d !== undefined) return d;
    const { ix } = this;
    const where = `TGW route table ${ix.tableName(first.table)}: ${first.prefix}`;
    if (first.blackhole) d = `${where} blackhole (static route ${first.resource})`;
    else {
      const targets = routes.map((r) => (r.attachment === undefined ? undefined : ix.attachments.get(r.attachment)));
      const names = targets.map((a) => (a ? attachmentLabel(a) : "unknown attachment")).join(", ");
      const how = first.kind === "static" ? `static route ${first.resource}` : `propagated by ${routes.map((r) => r.resource).join(", ")}`;
      d = `${where} -> ${names} (${how}${routes.length > 1 ? `, ECMP x${routes.length}` : ""})`;
    }
    this.tgwRoutes.set(routes, d);
    return d;
  }

  private vpcTarget(r: VpcRoute): string {
    const t = r.target;
    switch (t.kind) {
      case "local":
        return "local";
      case "tgw":
        return "TGW";
      case "nat":
        return `NAT ${this.ix.nats.get(t.id)?.name ?? t.id}`;
      case "igw":
        return `internet gateway ${this.ix.igws.get(t.id)?.name ?? t.id}`;
      default:
        return t.id;
    }
  }
}
