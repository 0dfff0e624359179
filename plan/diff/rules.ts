/**
 * Which input changes replace a resource, per resource type this program registers.
 *
 * A preview without a cloud account cannot ask the provider's Diff, so the rules are written down
 * here, each with its source:
 *  - aws-facts: the team's AWS facts (aws-facts.md), "VPN connection", "Customer gateway" and
 *    "Transit gateway" sections (create-time choices of the EC2 API: no Modify call exists).
 *  - provider: the AWS provider's resource schema (properties marked "forces new resource" /
 *    ForceNew in the upstream Terraform AWS provider that @pulumi/aws bridges, and the notes in
 *    node_modules/@pulumi/aws/<module>/<resource>.d.ts).
 *  - random: @pulumi/random, every argument of a random value forces a new value.
 *
 * Beyond the table, the engine applies Pulumi's own rules: a different URN (name, type or parent)
 * is a delete plus a create; a different provider is a replacement; and a replacement cascades to
 * a resource whose replace-on-change input is fed by the replaced resource's id or outputs.
 */

export type ChangeSeverity = "replace" | "update" | "rejected";

export interface PropertyRule {
  /** Top-level input name; the whole subtree counts. */
  property: string;
  /** replace: delete/create (or create/delete); rejected: an update AWS refuses in some states. */
  effect: Exclude<ChangeSeverity, "update">;
  source: string;
  note?: string;
}

export interface TypeRules {
  /** Short label for reports. */
  label: string;
  rules: PropertyRule[];
  /** Inputs whose in-place update still interrupts traffic (e.g. a tunnel renegotiates). */
  disruptive?: { properties: string[]; source: string; note: string };
}

const awsFactsVpn = "aws-facts.md, VPN connection: create-time choices (EC2 CreateVpnConnection; no Modify call)";
const awsFactsCgw = "aws-facts.md, customer gateway; EC2 CreateCustomerGateway (no Modify call for these)";
const provider = (resource: string) => `provider schema: ${resource} (forces new resource)`;

const replace = (property: string, source: string, note?: string): PropertyRule => ({
  property,
  effect: "replace",
  source,
  ...(note ? { note } : {}),
});

/** The rules, by Pulumi type token. */
export const replacementRules: Record<string, TypeRules> = {
  "aws:ec2/vpnConnection:VpnConnection": {
    label: "VPN connection",
    rules: [
      replace("enableAcceleration", awsFactsVpn, "accelerated VPN is chosen at creation only"),
      replace("staticRoutesOnly", awsFactsVpn),
      replace("tunnelInsideIpVersion", awsFactsVpn),
      replace("outsideIpAddressType", awsFactsVpn),
      replace("customerGatewayId", awsFactsVpn, "treated as create-time, as aws-facts.md says; new outside IPs"),
      replace("transitGatewayId", awsFactsVpn),
      replace("vpnGatewayId", awsFactsVpn),
      replace("transportTransitGatewayAttachmentId", awsFactsVpn + "; " + provider("aws_vpn_connection")),
      replace("type", provider("aws_vpn_connection")),
      replace("tunnelBandwidth", awsFactsVpn, "create-time outside a few regions (aws-facts.md)"),
      replace("localIpv4NetworkCidr", provider("aws_vpn_connection")),
      replace("remoteIpv4NetworkCidr", provider("aws_vpn_connection")),
      replace("localIpv6NetworkCidr", provider("aws_vpn_connection")),
      replace("remoteIpv6NetworkCidr", provider("aws_vpn_connection")),
    ],
    disruptive: {
      // Every tunnel option (inside CIDRs, keys, IKE/IPsec proposals, lifetimes, DPD, startup
      // action, logging) and the key storage go through ModifyVpnTunnelOptions or
      // ModifyVpnConnectionOptions, which restart the tunnel.
      properties: [
        ...[1, 2].flatMap((n) =>
          [
            "InsideCidr",
            "InsideIpv6Cidr",
            "PresharedKey",
            "IkeVersions",
            "Phase1EncryptionAlgorithms",
            "Phase2EncryptionAlgorithms",
            "Phase1IntegrityAlgorithms",
            "Phase2IntegrityAlgorithms",
            "Phase1DhGroupNumbers",
            "Phase2DhGroupNumbers",
            "Phase1LifetimeSeconds",
            "Phase2LifetimeSeconds",
            "DpdTimeoutSeconds",
            "DpdTimeoutAction",
            "RekeyMarginTimeSeconds",
            "RekeyFuzzPercentage",
            "ReplayWindowSize",
            "StartupAction",
            "EnableTunnelLifecycleControl",
            "LogOptions",
          ].map((option) => `tunnel${n}${option}`),
        ),
        "presharedKeyStorage",
      ],
      source: "EC2 ModifyVpnTunnelOptions, ModifyVpnConnectionOptions",
      note: "modified in place, but the tunnel goes down while it renegotiates and the device must match",
    },
  },
  "aws:ec2/customerGateway:CustomerGateway": {
    label: "customer gateway",
    rules: ["bgpAsn", "bgpAsnExtended", "ipAddress", "deviceName", "type", "certificateArn"].map((p) =>
      replace(p, `${awsFactsCgw}; ${provider("aws_customer_gateway")}`),
    ),
  },
  "aws:ec2transitgateway/transitGateway:TransitGateway": {
    label: "transit gateway",
    rules: [
      {
        property: "amazonSideAsn",
        effect: "rejected",
        source: "aws-facts.md, transit gateway; @pulumi/aws ec2transitgateway/transitGateway.d.ts (ModifyTransitGatewayOptions)",
        note: "updated in place by the provider, but AWS refuses it while BGP attachments (VPN) exist",
      },
      replace("multicastSupport", provider("aws_ec2_transit_gateway")),
    ],
  },
  "aws:ec2transitgateway/routeTable:RouteTable": {
    label: "TGW route table",
    rules: [replace("transitGatewayId", provider("aws_ec2_transit_gateway_route_table"))],
  },
  "aws:ec2transitgateway/route:Route": {
    label: "TGW route",
    rules: ["destinationCidrBlock", "transitGatewayRouteTableId", "transitGatewayAttachmentId", "blackhole"].map((p) =>
      replace(p, provider("aws_ec2_transit_gateway_route") + "; the resource has no update"),
    ),
  },
  "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": {
    label: "TGW association",
    rules: ["transitGatewayAttachmentId", "transitGatewayRouteTableId"].map((p) =>
      replace(p, provider("aws_ec2_transit_gateway_route_table_association")),
    ),
  },
  "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": {
    label: "TGW propagation",
    rules: ["transitGatewayAttachmentId", "transitGatewayRouteTableId"].map((p) =>
      replace(p, provider("aws_ec2_transit_gateway_route_table_propagation")),
    ),
  },
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": {
    label: "TGW VPC attachment",
    rules: ["vpcId", "transitGatewayId"].map((p) => replace(p, provider("aws_ec2_transit_gateway_vpc_attachment"))),
  },
  "aws:ec2/vpc:Vpc": {
    label: "VPC",
    rules: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"].map((p) => replace(p, provider("aws_vpc"))),
  },
  "aws:ec2/subnet:Subnet": {
    label: "subnet",
    rules: ["cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId", "outpostArn"].map((p) => replace(p, provider("aws_subnet"))),
  },
  "aws:ec2/routeTable:RouteTable": {
    label: "VPC route table",
    rules: [replace("vpcId", provider("aws_route_table"))],
  },
  "aws:ec2/route:Route": {
    label: "VPC route",
    rules: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"].map((p) =>
      replace(p, provider("aws_route") + "; targets are replaced in place (ReplaceRoute)"),
    ),
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    label: "VPC route table association",
    rules: ["subnetId", "gatewayId"].map((p) => replace(p, provider("aws_route_table_association"))),
  },
  "aws:ec2/internetGateway:InternetGateway": { label: "internet gateway", rules: [] },
  "aws:ec2/natGateway:NatGateway": {
    label: "NAT gateway",
    rules: ["subnetId", "allocationId", "connectivityType", "privateIp"].map((p) => replace(p, provider("aws_nat_gateway"))),
  },
  "aws:ec2/eip:Eip": {
    label: "Elastic IP",
    rules: ["domain", "address", "networkBorderGroup", "publicIpv4Pool", "customerOwnedIpv4Pool"].map((p) =>
      replace(p, provider("aws_eip")),
    ),
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    label: "security group",
    rules: ["name", "namePrefix", "description", "vpcId"].map((p) => replace(p, provider("aws_security_group"))),
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    label: "security group ingress rule",
    rules: [replace("securityGroupId", provider("aws_vpc_security_group_ingress_rule"))],
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
    label: "security group egress rule",
    rules: [replace("securityGroupId", provider("aws_vpc_security_group_egress_rule"))],
  },
  "aws:ec2/tag:Tag": {
    label: "EC2 tag",
    rules: ["resourceId", "key"].map((p) => replace(p, provider("aws_ec2_tag"))),
  },
  "aws:ram/resourceShare:ResourceShare": { label: "RAM share", rules: [] },
  "aws:ram/resourceAssociation:ResourceAssociation": {
    label: "RAM resource association",
    rules: ["resourceArn", "resourceShareArn"].map((p) => replace(p, provider("aws_ram_resource_association"))),
  },
  "aws:ram/principalAssociation:PrincipalAssociation": {
    label: "RAM principal association",
    rules: ["principal", "resourceShareArn"].map((p) => replace(p, provider("aws_ram_principal_association"))),
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    label: "log group",
    rules: ["name", "namePrefix", "logGroupClass"].map((p) => replace(p, provider("aws_cloudwatch_log_group"))),
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    label: "alarm",
    rules: [replace("name", provider("aws_cloudwatch_metric_alarm (alarm_name)"))],
  },
  "aws:sns/topic:Topic": {
    label: "SNS topic",
    rules: ["name", "namePrefix", "fifoTopic"].map((p) => replace(p, provider("aws_sns_topic"))),
  },
  "random:index/randomPassword:RandomPassword": {
    label: "random password",
    rules: [
      "length",
      "lower",
      "upper",
      "numeric",
      "special",
      "minLower",
      "minUpper",
      "minNumeric",
      "minSpecial",
      "overrideSpecial",
      "keepers",
    ].map((p) => replace(p, "random: every argument of RandomPassword forces a new value")),
  },
  "pulumi:providers:aws": {
    label: "AWS provider",
    rules: [
      replace(
        "region",
        "Pulumi AWS provider: a region change replaces the provider and so every resource it manages",
        "resources of this provider are replaced too",
      ),
    ],
  },
};

/** Inputs that never force anything and are noise in a diff (engine bookkeeping). */
export const ignoredInputs = new Set(["__defaults"]);

export function rulesFor(type: string): TypeRules | undefined {
  return replacementRules[type];
}
