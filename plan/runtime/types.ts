/**
 * Pulumi type tokens of what the program registers, in one table for the report, the analysis and
 * the tests: the provider resources (`awsTypes`) and the project's components (`componentTypes`,
 * defined beside the components themselves).
 */
import { componentTypes } from "../../infra/components/tokens";

export { componentTypes };

export const awsTypes = {
  tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
  tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
  tgwRoute: "aws:ec2transitgateway/route:Route",
  tgwAssociation: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
  tgwPropagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
  vpcAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  cgw: "aws:ec2/customerGateway:CustomerGateway",
  vpn: "aws:ec2/vpnConnection:VpnConnection",
  vpnConnectionRoute: "aws:ec2/vpnConnectionRoute:VpnConnectionRoute",
  vpc: "aws:ec2/vpc:Vpc",
  networkAcl: "aws:ec2/networkAcl:NetworkAcl",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  route: "aws:ec2/route:Route",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  igw: "aws:ec2/internetGateway:InternetGateway",
  igwAttachment: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
  nat: "aws:ec2/natGateway:NatGateway",
  ramShare: "aws:ram/resourceShare:ResourceShare",
  ramResource: "aws:ram/resourceAssociation:ResourceAssociation",
  ramPrincipal: "aws:ram/principalAssociation:PrincipalAssociation",
  ramAccepter: "aws:ram/resourceShareAccepter:ResourceShareAccepter",
  password: "random:index/randomPassword:RandomPassword",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  topicSubscription: "aws:sns/topicSubscription:TopicSubscription",
  flowLog: "aws:ec2/flowLog:FlowLog",
  iamRole: "aws:iam/role:Role",
  iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  eip: "aws:ec2/eip:Eip",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  ec2Tag: "aws:ec2/tag:Tag",
  provider: "pulumi:providers:aws",
} as const;
