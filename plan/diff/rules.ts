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
import { vpnAndHubRules } from "./rules-vpn-hub";
import { provider, replace } from "./rule-types";
import type { TypeRules } from "./rule-types";
import { awsTypes } from "../runtime/types";

export { comparedValues, ruleEffect } from "./rule-types";
export type { ChangeSeverity, DisruptiveRule, PropertyRule, TypeRules } from "./rule-types";

/** The rules, by Pulumi type token. */
export const replacementRules: Record<string, TypeRules> = {
  ...vpnAndHubRules,
  [awsTypes.tgwRouteTable]: {
    label: "TGW route table",
    rules: [replace("transitGatewayId", provider("aws_ec2_transit_gateway_route_table"))],
  },
  [awsTypes.tgwRoute]: {
    label: "TGW route",
    rules: ["destinationCidrBlock", "transitGatewayRouteTableId", "transitGatewayAttachmentId", "blackhole"].map((p) =>
      replace(p, provider("aws_ec2_transit_gateway_route") + "; the resource has no update"),
    ),
  },
  [awsTypes.tgwAssociation]: {
    label: "TGW association",
    rules: ["transitGatewayAttachmentId", "transitGatewayRouteTableId"].map((p) =>
      replace(p, provider("aws_ec2_transit_gateway_route_table_association")),
    ),
  },
  [awsTypes.tgwPropagation]: {
    label: "TGW propagation",
    rules: ["transitGatewayAttachmentId", "transitGatewayRouteTableId"].map((p) =>
      replace(p, provider("aws_ec2_transit_gateway_route_table_propagation")),
    ),
  },
  [awsTypes.vpcAttachment]: {
    label: "TGW VPC attachment",
    rules: ["vpcId", "transitGatewayId"].map((p) => replace(p, provider("aws_ec2_transit_gateway_vpc_attachment"))),
  },
  [awsTypes.vpc]: {
    label: "VPC",
    rules: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"].map((p) => replace(p, provider("aws_vpc"))),
  },
  [awsTypes.subnet]: {
    label: "subnet",
    rules: ["cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId", "outpostArn"].map((p) => replace(p, provider("aws_subnet"))),
  },
  [awsTypes.routeTable]: {
    label: "VPC route table",
    rules: [replace("vpcId", provider("aws_route_table"))],
  },
  [awsTypes.route]: {
    label: "VPC route",
    rules: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"].map((p) =>
      replace(p, provider("aws_route") + "; targets are replaced in place (ReplaceRoute)"),
    ),
  },
  [awsTypes.routeTableAssociation]: {
    label: "VPC route table association",
    rules: ["subnetId", "gatewayId"].map((p) => replace(p, provider("aws_route_table_association"))),
  },
  [awsTypes.igw]: { label: "internet gateway", rules: [] },
  // terraform-provider-aws vpc_network_acl.go: vpc_id is ForceNew; ingress, egress and subnet_ids
  // are updated in place (resourceNetworkACLUpdate: updateNetworkACLEntries deletes the entries no
  // longer wanted and creates the new ones, an unchanged entry is left alone; associations are
  // moved one by one).
  [awsTypes.networkAcl]: {
    label: "network ACL",
    rules: [replace("vpcId", provider("aws_network_acl"))],
  },
  [awsTypes.nat]: {
    label: "NAT gateway",
    rules: ["subnetId", "allocationId", "connectivityType", "privateIp"].map((p) => replace(p, provider("aws_nat_gateway"))),
  },
  [awsTypes.eip]: {
    label: "Elastic IP",
    rules: ["domain", "address", "networkBorderGroup", "publicIpv4Pool", "customerOwnedIpv4Pool"].map((p) =>
      replace(p, provider("aws_eip")),
    ),
  },
  [awsTypes.securityGroup]: {
    label: "security group",
    rules: ["name", "namePrefix", "description", "vpcId"].map((p) => replace(p, provider("aws_security_group"))),
  },
  [awsTypes.ingressRule]: {
    label: "security group ingress rule",
    rules: [replace("securityGroupId", provider("aws_vpc_security_group_ingress_rule"))],
  },
  [awsTypes.egressRule]: {
    label: "security group egress rule",
    rules: [replace("securityGroupId", provider("aws_vpc_security_group_egress_rule"))],
  },
  [awsTypes.ec2Tag]: {
    label: "EC2 tag",
    rules: ["resourceId", "key"].map((p) => replace(p, provider("aws_ec2_tag"))),
  },
  [awsTypes.ramShare]: { label: "RAM share", rules: [] },
  [awsTypes.ramResource]: {
    label: "RAM resource association",
    rules: ["resourceArn", "resourceShareArn"].map((p) => replace(p, provider("aws_ram_resource_association"))),
  },
  [awsTypes.ramPrincipal]: {
    label: "RAM principal association",
    rules: ["principal", "resourceShareArn"].map((p) => replace(p, provider("aws_ram_principal_association"))),
  },
  [awsTypes.logGroup]: {
    label: "log group",
    rules: ["name", "namePrefix", "logGroupClass"].map((p) => replace(p, provider("aws_cloudwatch_log_group"))),
  },
  [awsTypes.alarm]: {
    label: "alarm",
    rules: [replace("name", provider("aws_cloudwatch_metric_alarm (alarm_name)"))],
  },
  [awsTypes.topic]: {
    label: "SNS topic",
    rules: ["name", "namePrefix", "fifoTopic"].map((p) => replace(p, provider("aws_sns_topic"))),
  },
  // CreateFlowLogs has no Modify counterpart: the provider marks every argument but the tags ForceNew.
  [awsTypes.flowLog]: {
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
  [awsTypes.iamRole]: {
    label: "IAM role",
    rules: ["name", "namePrefix", "path"].map((p) => replace(p, provider("aws_iam_role"))),
  },
  [awsTypes.iamRolePolicy]: {
    label: "IAM role policy",
    rules: ["name", "namePrefix", "role"].map((p) => replace(p, provider("aws_iam_role_policy"))),
  },
  [awsTypes.dashboard]: {
    label: "dashboard",
    rules: [replace("dashboardName", provider("aws_cloudwatch_dashboard (dashboard_name)"))],
  },
  [awsTypes.topicSubscription]: {
    label: "SNS subscription",
    rules: ["topic", "protocol", "endpoint", "endpointAutoConfirms", "confirmationTimeoutInMinutes"].map((p) =>
      replace(p, provider("aws_sns_topic_subscription")),
    ),
  },
  [awsTypes.ramAccepter]: {
    label: "RAM share accepter",
    rules: [replace("shareArn", provider("aws_ram_resource_share_accepter"))],
  },
  [awsTypes.password]: {
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
  [awsTypes.provider]: {
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
