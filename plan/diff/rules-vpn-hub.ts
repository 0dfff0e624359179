/**
 * Replacement rules of the VPN connection, the customer gateway and the transit gateway: the
 * resources whose provider behaviour is least regular (force-new only in one direction, inputs the
 * provider neither replaces nor updates, in-place changes that interrupt the tunnels). Each rule
 * names its source next to it.
 */
import { provider, replace } from "./rule-types";
import type { PropertyRule, TypeRules } from "./rule-types";
import { awsTypes } from "../runtime/types";

const awsFactsVpn = "aws-facts.md, VPN connection: create-time choices (EC2 CreateVpnConnection; no Modify call)";
const awsFactsCgw = "aws-facts.md, customer gateway; EC2 CreateCustomerGateway (no Modify call for these)";
/** terraform-provider-aws, which @pulumi/aws bridges: the VPN connection resource. */
const vpnSource = "terraform-provider-aws internal/service/ec2/vpnsite_connection.go";
/** terraform-provider-aws: the transit gateway resource. */
const tgwSource = "terraform-provider-aws internal/service/ec2/transitgateway_.go";

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

export const vpnAndHubRules: Record<string, TypeRules> = {
  [awsTypes.vpn]: {
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
  [awsTypes.cgw]: {
    label: "customer gateway",
    rules: ["bgpAsn", "bgpAsnExtended", "ipAddress", "deviceName", "type", "certificateArn"].map((p) =>
      replace(p, `${awsFactsCgw}; ${provider("aws_customer_gateway")}`),
    ),
  },
  [awsTypes.tgw]: {
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
};
