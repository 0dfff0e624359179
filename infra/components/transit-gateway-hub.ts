/**
 * TransitGatewayHub: the Transit Gateway, one route table per segment plus one for on-prem, and
 * a RAM share of the TGW to the accounts that own spokes.
 *
 * Default route table association and propagation are disabled: every attachment's association
 * and propagations are chosen explicitly by segment, which is what makes segmentation hold.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceAssociation, PrincipalAssociation, ResourceShare } from "@pulumi/aws/ram";
import { RouteTable, TransitGateway } from "@pulumi/aws/ec2transitgateway";
import { onPremTableKey } from "../vocabulary/hub";
import { componentTypes } from "./tokens";

export interface TransitGatewayHubArgs {
  /** Description of the TGW. */
  description: string;
  /** Amazon-side BGP ASN: 64512-65534 or 4200000000-4294967294. Fixed while BGP attachments exist. */
  amazonSideAsn: number;
  /** VPN ECMP support: spreads flows over equal BGP paths of several VPN tunnels. */
  ecmp: boolean;
  /** DNS resolution of public hostnames to private addresses across attached VPCs. */
  dnsSupport: boolean;
  /** Segment names; each gets a TGW route table named `<hub>-<segment>`. */
  segments: string[];
  /** RAM principals (account ids, OU or organization ARNs) the TGW is shared with. Empty: no share. */
  sharePrincipals: string[];
  /** Allow RAM principals outside the organization. */
  allowExternalPrincipals: boolean;
  /** Protect the TGW from deletion (production). */
  protect: boolean;
  /** Tags for every resource. */
  tags: Record<string, string>;
}

/** Transit Gateway hub: the TGW, a route table per segment plus `onprem`, and an optional RAM share. */
export class TransitGatewayHub extends pulumi.ComponentResource {
  /** The Transit Gateway. */
  readonly transitGateway: TransitGateway;
  /** Id of the Transit Gateway. */
  readonly transitGatewayId: pulumi.Output<string>;
  /** ARN of the Transit Gateway. */
  readonly transitGatewayArn: pulumi.Output<string>;
  /** Route table per segment name, plus `onprem`. */
  readonly routeTables: Record<string, RouteTable>;
  /** Route table id per segment name, plus `onprem`. */
  readonly routeTableIds: Record<string, pulumi.Output<string>>;
  /** ARN of the RAM share of the TGW; absent without share principals. */
  readonly resourceShareArn?: pulumi.Output<string>;

  constructor(name: string, args: TransitGatewayHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.hub, name, {}, opts);
    const tags = (extra: string) => ({ ...args.tags, Name: extra });
    this.transitGateway = new TransitGateway(
      name,
      {
        description: args.description,
        amazonSideAsn: args.amazonSideAsn,
        autoAcceptSharedAttachments: "enable",
        defaultRouteTableAssociation: "disable",
        defaultRouteTablePropagation: "disable",
        vpnEcmpSupport: args.ecmp ? "enable" : "disable",
        dnsSupport: args.dnsSupport ? "enable" : "disable",
        tags: tags(name),
      },
      { parent: this, protect: args.protect },
    );
    this.transitGatewayId = this.transitGateway.id;
    this.transitGatewayArn = this.transitGateway.arn;

    this.routeTables = {};
    for (const key of [onPremTableKey, ...args.segments]) {
      this.routeTables[key] = new RouteTable(
        `${name}-${key}`,
        { transitGatewayId: this.transitGateway.id, tags: { ...tags(`${name}-${key}`), segment: key } },
        { parent: this },
      );
    }
    this.routeTableIds = Object.fromEntries(Object.entries(this.routeTables).map(([k, t]) => [k, t.id]));

    if (args.sharePrincipals.length > 0) {
      const share = new ResourceShare(
        `${name}-share`,
        { name: `${name}-tgw`, allowExternalPrincipals: args.allowExternalPrincipals, tags: tags(`${name}-share`) },
        { parent: this },
      );
      new ResourceAssociation(`${name}-share-tgw`, { resourceArn: this.transitGateway.arn, resourceShareArn: share.arn }, { parent: this });
      for (const principal of args.sharePrincipals) {
        new PrincipalAssociation(
          `${name}-share-${principal.split("/").pop()}`,
          { principal, resourceShareArn: share.arn },
          { parent: this },
        );
      }
      this.resourceShareArn = share.arn;
    }

    this.registerOutputs({
      transitGatewayId: this.transitGatewayId,
      transitGatewayArn: this.transitGatewayArn,
      routeTableIds: this.routeTableIds,
      resourceShareArn: this.resourceShareArn,
    });
  }
}
