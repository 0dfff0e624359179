/**
 * An existing VPC taken under management by a SpokeVpc (Pulumi's `import` resource option,
 * https://www.pulumi.com/docs/iac/concepts/resources/options/import/), with only what the hybrid step
 * adds: /28 attachment subnets, the TGW attachment, routes to the TGW in the workload route tables
 * (the network ACL and security group are SpokeVpc's own, as for a VPC it builds).
 *
 * Import ids, as the provider's "Import" sections give them (@pulumi/aws ec2/*.d.ts): VPC, subnet,
 * route table, internet gateway and NAT gateway by id; an Elastic IP by its allocation id; a route as
 * `<rtb-id>_<destination>`; a route table association as `<subnet-id>/<rtb-id>`.
 *
 * The inputs of an imported resource must mirror the real resource: Pulumi reads it, checks the
 * program's inputs against it, and a difference is an update right after the import (older CLIs
 * refuse the import). Mirrored here: the VPC's CIDR and DNS attributes, each subnet's CIDR, zone and
 * public-IP-on-launch, the VPC of every table, subnet and gateway, each association's subnet and
 * table, each route's destination and target, each NAT gateway's subnet, Elastic IP and public
 * connectivity, the Elastic IP's `vpc` domain. Not set, so not compared: what the provider computes
 * (a table's inline routes, an Elastic IP's association). Tags belong to whoever made the resources:
 * the program sets none on them and ignores theirs (`ignoreChanges: ["tags"]`, Pulumi's option for a
 * property changed outside the program, which the engine also applies before the import's comparison:
 * Pulumi developer docs, architecture/import.md), so a tag never fails or changes the import.
 *
 * The egress mode's facts decide the public side (vocabulary/egress.ts): a mode with NAT gateways of
 * its own adopts the internet gateway, public subnets, their tables and internet routes, the NAT
 * gateways and their Elastic IPs; a mode without them registers none of these, so a stack that
 * managed them deletes them (the decommission), after the workload default routes have moved to the
 * TGW: Pulumi deletes what the program no longer registers only once every create and update is done,
 * dependents first (docs/adopt.md).
 */
import type * as pulumi from "@pulumi/pulumi";
import { Eip } from "@pulumi/aws/ec2/eip";
import { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
import { NatGateway } from "@pulumi/aws/ec2/natGateway";
import { Route } from "@pulumi/aws/ec2/route";
import { RouteTable } from "@pulumi/aws/ec2/routeTable";
import { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
import { Subnet } from "@pulumi/aws/ec2/subnet";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import type { VpcAttachment } from "@pulumi/aws/ec2transitgateway/vpcAttachment";
import { unhandled } from "../lib/exhaustive";
import { egressModes } from "../vocabulary/egress";
import type { SpokeEgress } from "../vocabulary/egress";
import type { ExistingRouteTable, ExistingSubnet, ExistingVpc } from "../vocabulary/vpc";
import { routeWorkloadTable } from "./spoke-routing";
import type { DefaultRouteNat, SpokeRouting, SpokeVpcSide } from "./spoke-routing";
import type { NameTags } from "./vpc-parts";

/** What adoption needs of the spoke besides the existing VPC: its routing, CIDR, and how to attach. */
export interface AdoptionInputs extends SpokeRouting {
  /** The VPC's CIDR (the spoke's `cidr`): mirrored on the imported VPC. */
  cidr: string;
  /** Creates the spoke's TGW attachment on the given subnets (SpokeVpc's, shared with a built VPC). */
  attach(vpcId: pulumi.Input<string>, subnetIds: pulumi.Input<string>[]): VpcAttachment;
}

/** Import ids of the provider's routes and associations (their "Import" sections). */
export const importIds = {
  route: (routeTableId: string, destination: string) => `${routeTableId}_${destination}`,
  association: (subnetId: string, routeTableId: string) => `${subnetId}/${routeTableId}`,
};

/**
 * Adopts `existing` as the VPC side of spoke `name`. Names come from the config names
 * (`<name>-<subnet>`, `<name>-<table>`, `<name>-<nat>`); ids only say what to import.
 */
export function adoptExistingVpc(
  owner: pulumi.Resource,
  name: string,
  existing: ExistingVpc,
  inputs: AdoptionInputs,
  tags: NameTags,
): SpokeVpcSide {
  // Imported as they are, their tags left to their owners. What the hybrid step never retires (the
  // VPC, workload subnets, their tables and associations) is kept in AWS if the spoke leaves the
  // program (`retainOnDelete`): the program did not build the team's network and never deletes it.
  const imported = (id: string, kept: boolean): pulumi.CustomResourceOptions => ({
    parent: owner,
    import: id,
    ignoreChanges: ["tags"],
    ...(kept ? { retainOnDelete: true } : {}),
  });
  const association = (
    subnet: ExistingSubnet,
    table: ExistingRouteTable,
    subnetId: pulumi.Input<string>,
    tableId: pulumi.Input<string>,
    kept: boolean,
  ) =>
    new RouteTableAssociation(
      `${name}-${subnet.name}`,
      { subnetId, routeTableId: tableId },
      { parent: owner, import: importIds.association(subnet.id, table.id), ...(kept ? { retainOnDelete: true } : {}) },
    );
  refuseInconsistent(name, existing, inputs.egress);
  const tableOf = (s: ExistingSubnet): ExistingRouteTable =>
    existing.routeTables.find((t) => t.name === s.routeTable) ?? { name: "", id: "" };
  const served = (t: ExistingRouteTable, isPublic: boolean) =>
    existing.subnets.some((s) => s.routeTable === t.name && s.public === isPublic);

  const vpc = new Vpc(
    `${name}-vpc`,
    { cidrBlock: inputs.cidr, enableDnsSupport: existing.enableDnsSupport, enableDnsHostnames: existing.enableDnsHostnames },
    imported(existing.vpcId, true),
  );
  const subnet = (s: ExistingSubnet, kept: boolean) =>
    new Subnet(
      `${name}-${s.name}`,
      { vpcId: vpc.id, cidrBlock: s.cidr, availabilityZone: s.availabilityZone, mapPublicIpOnLaunch: s.mapPublicIpOnLaunch },
      imported(s.id, kept),
    );
  const workloads = existing.subnets.filter((s) => !s.public).map((s) => ({ s, subnet: subnet(s, true) }));
  // The attachment's own /28s: created, named and tagged as in a VPC the program builds.
  const transit = existing.attachmentSubnets.map((a) => {
    const subnetName = `${name}-tgw-${a.availabilityZone}`;
    const created = new Subnet(
      subnetName,
      { vpcId: vpc.id, cidrBlock: a.cidr, availabilityZone: a.availabilityZone, tags: { ...tags(subnetName), role: "tgw" } },
      { parent: owner },
    );
    return { az: a.availabilityZone, subnet: created };
  });
  const attachment = inputs.attach(
    vpc.id,
    transit.map((t) => t.subnet.id),
  );

  // The public side, while the egress mode runs NAT gateways of its own.
  const mode = egressModes[inputs.egress];
  const publics = existing.subnets.filter((s) => s.public);
  const natGatewayIds: Record<string, pulumi.Output<string>> = {};
  const publicSubnetIds: Record<string, pulumi.Output<string>> = {};
  if (mode.ownNatGateways) {
    const igw = new InternetGateway(`${name}-igw`, { vpcId: vpc.id }, imported(existing.internetGatewayId ?? "", false));
    const publicTables = existing.routeTables.filter((t) => served(t, true));
    const tableIds = new Map<string, pulumi.Output<string>>();
    for (const t of publicTables) {
      const table = new RouteTable(`${name}-${t.name}`, { vpcId: vpc.id }, imported(t.id, false));
      tableIds.set(t.name, table.id);
      new Route(
        `${name}-${t.name}-default`,
        { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
        { parent: owner, import: importIds.route(t.id, "0.0.0.0/0") },
      );
    }
    const publicSubnets = new Map<string, Subnet>();
    for (const s of publics) {
      const created = subnet(s, false);
      publicSubnets.set(s.name, created);
      publicSubnetIds[s.name] = created.id;
      const table = tableOf(s);
      association(s, table, created.id, tableIds.get(table.name) ?? table.id, false);
    }
    for (const n of existing.natGateways) {
      const inSubnet = publicSubnets.get(n.subnet)?.id;
      // The Elastic IP waits for the internet gateway (provider note on aws.ec2.Eip), so it is
      // released before the gateway is detached on decommission.
      const eip = new Eip(`${name}-${n.name}-eip`, { domain: "vpc" }, { ...imported(n.allocationId, false), dependsOn: [igw] });
      const nat = new NatGateway(
        `${name}-${n.name}`,
        { subnetId: inSubnet, allocationId: eip.id, connectivityType: "public" },
        { ...imported(n.id, false), dependsOn: [igw] },
      );
      natGatewayIds[n.name] = nat.id;
    }
  }

  // Workload route tables: adopted with their associations, given the routes to the TGW, and the
  // default route the mode asks for (adopted as it is while it goes to a NAT gateway).
  const workloadTables = existing.routeTables.filter((t) => served(t, false));
  for (const t of workloadTables) {
    const tableName = `${name}-${t.name}`;
    const table = new RouteTable(tableName, { vpcId: vpc.id }, imported(t.id, true));
    for (const w of workloads.filter((w) => w.s.routeTable === t.name)) association(w.s, t, w.subnet.id, table.id, true);
    routeWorkloadTable(owner, tableName, table.id, inputs, attachment, defaultRouteNat(t, inputs, natGatewayIds));
  }

  return {
    vpcId: vpc.id,
    attachmentId: attachment.id,
    workloadSubnetIds: workloads.map((w) => w.subnet.id),
    privateSubnetIds: Object.fromEntries(workloads.map((w) => [w.s.name, w.subnet.id])),
    transitSubnetIds: Object.fromEntries(transit.map((t) => [t.az, t.subnet.id])),
    publicSubnetIds,
    natGatewayIds,
  };
}

/** The NAT gateway an adopted workload table's 0.0.0.0/0 targets today, as the mode's workload default route needs it. */
function defaultRouteNat(
  table: ExistingRouteTable,
  inputs: AdoptionInputs,
  natGatewayIds: Record<string, pulumi.Output<string>>,
): DefaultRouteNat | undefined {
  const target = egressModes[inputs.egress].workloadDefaultRoute;
  switch (target) {
    case "nat-gateway": {
      const id = table.natGateway === undefined ? undefined : natGatewayIds[table.natGateway];
      return id === undefined ? undefined : { id, importId: importIds.route(table.id, "0.0.0.0/0") };
    }
    case "transit-gateway":
      return undefined;
    default:
      return unhandled(target, "workload default route");
  }
}

/**
 * What the component refuses before it registers anything, for a program that does not run the
 * settings rules (a C# program; the rules check more, with key paths): names that do not resolve, a
 * table serving both kinds of subnets, and what the egress mode's facts do not allow (a public side
 * kept or missing, a workload table's NAT gateway where the default route goes to the TGW).
 */
function refuseInconsistent(name: string, existing: ExistingVpc, egress: SpokeEgress): void {
  const fail = (what: string) => {
    throw new Error(`${name}: ${what}`);
  };
  const tables = new Set(existing.routeTables.map((t) => t.name));
  const publics = new Set(existing.subnets.filter((s) => s.public).map((s) => s.name));
  const nats = new Set(existing.natGateways.map((n) => n.name));
  for (const s of existing.subnets)
    if (!tables.has(s.routeTable)) fail(`subnet ${s.name} names route table ${s.routeTable}, which is not in existing.routeTables`);
  for (const t of existing.routeTables) {
    const kinds = new Set(existing.subnets.filter((s) => s.routeTable === t.name).map((s) => s.public));
    if (kinds.size > 1) fail(`route table ${t.name} serves public and workload subnets; give each kind its own table`);
  }
  const mode = egressModes[egress];
  if (!mode.ownNatGateways && (publics.size > 0 || nats.size > 0 || existing.internetGatewayId !== undefined)) {
    fail(
      `egress "${egress}" runs no NAT gateways of its own, so the existing NAT gateways, internet gateway and public subnets are retired: leave them out of existing`,
    );
  }
  if (publics.size > 0 && existing.internetGatewayId === undefined) fail(`public subnets need existing.internetGatewayId`);
  for (const n of existing.natGateways)
    if (!publics.has(n.subnet)) fail(`NAT gateway ${n.name} is in ${n.subnet}, which is not a public subnet in existing.subnets`);
  const target = mode.workloadDefaultRoute;
  for (const t of existing.routeTables.filter((t) => existing.subnets.some((s) => s.routeTable === t.name && !s.public))) {
    switch (target) {
      case "nat-gateway":
        if (t.natGateway === undefined || !nats.has(t.natGateway))
          fail(`route table ${t.name} names no NAT gateway of existing.natGateways for its 0.0.0.0/0 (egress "${egress}")`);
        break;
      case "transit-gateway":
        if (t.natGateway !== undefined)
          fail(`route table ${t.name} names NAT gateway ${t.natGateway}, but egress "${egress}" sends 0.0.0.0/0 to the TGW`);
        break;
      default:
        unhandled(target, "workload default route");
    }
  }
}
