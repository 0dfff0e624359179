/**
 * Which input changes replace a resource, per resource type this program registers, and which
 * in-place changes interrupt traffic or would not be applied at all.
 *
 * A preview without a cloud account cannot ask the provider's Diff, so the rules are written down
 * here, each with its source:
 *  - the AWS provider's source: terraform-provider-aws, which @pulumi/aws bridges (ForceNew in a
 *    resource's schema, ForceNewIfChange in its CustomizeDiff, what its Update function sends);
 *  - aws-facts: the team's AWS facts (aws-facts.md), "VPN connection", "Customer gateway" and
 *    "Transit gateway" sections, and the EC2 API reference / S2S VPN User Guide pages named;
 *  - provider schema: properties marked "forces new resource" in the provider's schema and the
 *    notes in node_modules/@pulumi/aws/<module>/<resource>.d.ts;
 *  - random: @pulumi/random, every argument of a random value forces a new value.
 *
 * Beyond the table, the engine applies Pulumi's own rules: a different URN (name, type or parent)
 * is a delete plus a create; a different provider is a replacement; and a replacement cascades to
 * a resource whose replace-on-change input is fed by the replaced resource's id or outputs.
 */

/**
 * What a changed input does:
 *  - replace: delete/create (or create/delete);
 *  - update: modified in place;
 *  - rejected: an in-place update AWS refuses in some states;
 *  - refused: the provider neither replaces nor updates it, so `pulumi up` would silently keep the
 *    old value and every later preview would show the change again; the plan refuses it.
 */
export type ChangeSeverity = "replace" | "update" | "rejected" | "refused";

export interface PropertyRule {
  /** Top-level input name; the whole subtree counts. */
  property: string;
  effect: Exclude<ChangeSeverity, "update">;
  source: string;
  note?: string;
  /**
   * Only this direction of change has the effect (a provider CustomizeDiff ForceNewIfChange); any
   * other change is an in-place update. An unset input counts as the provider's default.
   */
  onlyWhen?: { from: string; to: string; unsetIs: string };
  /**
   * Optional+Computed in the provider's schema: an input the program stops sending keeps the value
   * in state (Terraform plans the prior value), so unset after is no change; a resource created
   * without it holds what the provider computed, `providerDefault`, so unset before counts as that.
   */
  computed?: { providerDefault: unknown };
}

/** Inputs modified in place that still interrupt traffic (e.g. a tunnel renegotiates). */
export interface DisruptiveRule {
  properties: string[];
  source: string;
  note: string;
}

export interface TypeRules {
  /** Short label for reports. */
  label: string;
  rules: PropertyRule[];
  disruptive?: DisruptiveRule[];
}

const awsFactsVpn = "aws-facts.md, VPN connection: create-time choices (EC2 CreateVpnConnection; no Modify call)";
const awsFactsCgw = "aws-facts.md, customer gateway; EC2 CreateCustomerGateway (no Modify call for these)";
const provider = (resource: string) => `provider schema: ${resource} (forces new resource)`;
/** terraform-provider-aws, which @pulumi/aws bridges: the VPN connection resource. */
const vpnSource = "terraform-provider-aws internal/service/ec2/vpnsite_connection.go";
/** terraform-provider-aws: the transit gateway resource. */
const tgwSource = "terraform-provider-aws internal/service/ec2/transitgateway_.go";

const replace = (property: string, source: string, note?: string): PropertyRule => ({
  property,
  effect: "replace",
  source,
  ...(note ? { note } : {}),
});

/** The rule for an input, if any, and the effect it has on this change (onlyWhen decides the direction). */
export function ruleEffect(rule: PropertyRule | undefined, before: unknown, after: unknown): ChangeSeverity {
  if (!rule) return "update";
  if (!rule.onlyWhen) return rule.effect;
  const { from, to, unsetIs } = rule.onlyWhen;
  const value = (v: unknown) => (v === undefined ? unsetIs : v);
  return value(before) === from && value(after) === to ? rule.effect : "update";
}

/**
 * The values of an input that the diff compares: an Optional+Computed input (`computed`) unset
 * before is the provider's default, and unset after keeps whatever is in state.
 */
export function comparedValues(rule: PropertyRule | undefined, before: unknown, after: unknown): [unknown, unknown] {
  if (!rule?.computed) return [before, after];
  const was = before === undefined ? rule.computed.providerDefault : before;
  return [was, after === undefined ? was : after];
}

/**
 * The transit gateway's default route table options: terraform-provider-aws resourceTransitGateway
 * (transitgateway_.go) has CustomizeDiff customdiff.ForceNewIfChange("default_route_table_association"
 * / "default_route_table_propagation") returning true only for old "disable" and new "enable";
 * every other change goes to ModifyTransitGateway in resourceTransitGatewayUpdate. The schema
 * default is "enable". Provider issue 34449 (open) asks for the in-place update instead.
 */
const tgwDefaultRouteTableOption = (property: string): PropertyRule => ({
  property,
  effect: "replace",
  source: `${tgwSource}, resourceTransitGateway CustomizeDiff ForceNewIfChange (disable -> enable only; provider issue 34449)`,
  note: "turning the default route table back on replaces the transit gateway",
  onlyWhen: { from: "disable", to: "enable", unsetIs: "enable" },
});

/**
 * An input the provider neither forces new nor updates: resourceVPNConnection's schema has no
 * ForceNew on outside_ip_address_type and transport_transit_gateway_attachment_id, and
 * resourceVPNConnectionUpdate sends neither (ModifyVpnConnection takes the gateway ids,
 * ModifyVpnConnectionOptions the network CIDRs); resourceVPNConnectionRead reads them back from AWS.
 */
const refusedVpnInput = (property: string): PropertyRule => ({
  property,
  effect: "refused",
  source: `${vpnSource}: not ForceNew, not sent by resourceVPNConnectionUpdate, read back by resourceVPNConnectionRead`,
  note: "the provider neither updates nor replaces the connection for it (the old value stays, the change shows on every preview): rename the connection to have it replaced (new outside IP addresses: reconfigure the device)",
});

/** The rules, by Pulumi type token. */
export const replacementRules: Record<string, TypeRules> = {
  "aws:ec2/vpnConnection:VpnConnection": {
    label: "VPN connection",
    rules: [
      // ForceNew in resourceVPNConnection's schema: enable_acceleration, static_routes_only,
      // tunnel_inside_ip_version, type.
      replace("enableAcceleration", `${awsFactsVpn}; ${vpnSource} (ForceNew)`, "accelerated VPN is chosen at creation only"),
      replace("staticRoutesOnly", `${awsFactsVpn}; ${vpnSource} (ForceNew)`),
      replace("tunnelInsideIpVersion", `${awsFactsVpn}; ${vpnSource} (ForceNew)`),
      replace("type", `${vpnSource} (ForceNew)`),
      // ForceNew in the provider: terraform-provider-aws PR 47843 (open) would remove ForceNew and
      // call ModifyVpnConnectionOptions, which AWS supports in some regions only. Optional and
      // Computed too (its output type in @pulumi/aws ec2/vpnConnection.d.ts is Output<string>, where
      // an Optional-only input such as transportTransitGatewayAttachmentId has Output<string |
      // undefined>): an accelerated connection that no longer sends it keeps "standard" in state,
      // and one created without it holds AWS's default, "standard".
      {
        ...replace(
          "tunnelBandwidth",
          `${awsFactsVpn}; ${vpnSource} (ForceNew, Optional+Computed; in-place proposal PR 47843 open)`,
          "create-time outside a few regions",
        ),
        computed: { providerDefault: "standard" },
      },
      refusedVpnInput("outsideIpAddressType"),
      refusedVpnInput("transportTransitGatewayAttachmentId"),
    ],
    disruptive: [
      {
        // resourceVPNConnectionUpdate: ModifyVpnConnection when customer_gateway_id,
        // transit_gateway_id or vpn_gateway_id change (none is ForceNew). EC2 API reference,
        // ModifyVpnConnection: the AWS-side endpoint IP addresses and tunnel options remain;
        // S2S VPN User Guide, "Tunnel endpoint replacements": both tunnels are unavailable while
        // new tunnel endpoints are provisioned.
        properties: ["customerGatewayId", "transitGatewayId", "vpnGatewayId"],
        source: `${vpnSource}, resourceVPNConnectionUpdate (EC2 ModifyVpnConnection); S2S VPN User Guide, tunnel endpoint replacements`,
        note: "modified in place: the outside IP addresses are kept, but both tunnels go down while AWS provisions new endpoints",
      },
      {
        // resourceVPNConnectionUpdate: ModifyVpnConnectionOptions for the four network CIDRs (not
        // ForceNew). EC2 API reference, ModifyVpnConnectionOptions: endpoint IPs and tunnel options
        // do not change, the connection is briefly unavailable; "Tunnel endpoint replacements":
        // both tunnels are unavailable.
        properties: ["localIpv4NetworkCidr", "remoteIpv4NetworkCidr", "localIpv6NetworkCidr", "remoteIpv6NetworkCidr"],
        source: `${vpnSource}, resourceVPNConnectionUpdate (EC2 ModifyVpnConnectionOptions); S2S VPN User Guide, tunnel endpoint replacements`,
        note: "modified in place: the outside IP addresses are kept, but both tunnels go down while the options are applied",
      },
      {
        // Every tunnel option (keys, IKE/IPsec proposals, lifetimes, DPD, startup action, logging)
        // and the key storage go through ModifyVpnTunnelOptions, which takes the modified tunnel
        // down ("Tunnel endpoint replacements"). The inside CIDRs too: ForceNew in the provider up
        // to v6.26, in place since terraform-provider-aws PR 45781 (ModifyVpnTunnelOptions
        // TunnelInsideCidr / TunnelInsideIpv6Cidr). UNVERIFIED: that the pinned @pulumi/aws 7.48
        // bundles a provider at or after that change (its 7.x line bridges provider 6.x, 7.0 being
        // 6.3, and reached 6.46 in May 2026).
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
        source: `EC2 ModifyVpnTunnelOptions (${vpnSource}, resourceVPNConnectionUpdate; inside CIDRs in place since provider PR 45781)`,
        note: "modified in place, but the tunnel goes down while it renegotiates and the device must match",
      },
    ],
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
        // Not ForceNew in current provider releases: resourceTransitGatewayUpdate sends
        // amazon_side_asn to ModifyTransitGateway (older releases had it ForceNew).
        property: "amazonSideAsn",
        effect: "rejected",
        source: `aws-facts.md, transit gateway; ${tgwSource}, resourceTransitGatewayUpdate (ModifyTransitGateway)`,
        note: "updated in place by the provider, but AWS refuses it while BGP attachments (VPN) exist",
      },
      tgwDefaultRouteTableOption("defaultRouteTableAssociation"),
      tgwDefaultRouteTableOption("defaultRouteTablePropagation"),
      replace("multicastSupport", `${tgwSource} (ForceNew)`),
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
  // terraform-provider-aws vpc_network_acl.go: vpc_id is ForceNew; ingress, egress and subnet_ids
  // are updated in place (resourceNetworkACLUpdate: updateNetworkACLEntries deletes the entries no
  // longer wanted and creates the new ones, an unchanged entry is left alone; associations are
  // moved one by one).
  "aws:ec2/networkAcl:NetworkAcl": {
    label: "network ACL",
    rules: [replace("vpcId", provider("aws_network_acl"))],
  },
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
  // CreateFlowLogs has no Modify counterpart: the provider marks every argument but the tags ForceNew.
  "aws:ec2/flowLog:FlowLog": {
    label: "flow log",
    rules: [
      "vpcId",
      "transitGatewayId",
      "transitGatewayAttachmentId",
      "subnetId",
      "eniId",
      "trafficType",
      "logDestination",
      "logDestinationType",
      "logFormat",
      "iamRoleArn",
      "maxAggregationInterval",
      "destinationOptions",
      "deliverCrossAccountRole",
    ].map((p) => replace(p, provider("aws_flow_log") + "; EC2 has no ModifyFlowLogs")),
  },
  "aws:iam/role:Role": {
    label: "IAM role",
    rules: ["name", "namePrefix", "path"].map((p) => replace(p, provider("aws_iam_role"))),
  },
  "aws:iam/rolePolicy:RolePolicy": {
    label: "IAM role policy",
    rules: ["name", "namePrefix", "role"].map((p) => replace(p, provider("aws_iam_role_policy"))),
  },
  "aws:cloudwatch/dashboard:Dashboard": {
    label: "dashboard",
    rules: [replace("dashboardName", provider("aws_cloudwatch_dashboard (dashboard_name)"))],
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    label: "SNS subscription",
    rules: ["topic", "protocol", "endpoint", "endpointAutoConfirms", "confirmationTimeoutInMinutes"].map((p) =>
      replace(p, provider("aws_sns_topic_subscription")),
    ),
  },
  "aws:ram/resourceShareAccepter:ResourceShareAccepter": {
    label: "RAM share accepter",
    rules: [replace("shareArn", provider("aws_ram_resource_share_accepter"))],
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
