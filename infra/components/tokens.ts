/**
 * The type token of every component this program registers: `<package>:<module>:<Name>`. A token is
 * part of each child's URN, so changing one needs aliases (docs/evolution.md). The offline report
 * and analysis find components by these same constants (plan/runtime/types.ts).
 */
export const componentTypes = {
  hub: "hybrid-network:hub:TransitGatewayHub",
  vpn: "hybrid-network:vpn:SiteToSiteVpn",
  vpnConnection: "hybrid-network:vpn:Connection",
  spoke: "hybrid-network:spoke:SpokeVpc",
  centralEgress: "hybrid-network:egress:CentralEgressVpc",
  segmentRouting: "hybrid-network:segmentation:SegmentRouting",
  shareAccepter: "hybrid-network:hub:TransitGatewayShareAccepter",
  flowLogs: "hybrid-network:observability:FlowLogs",
  dashboard: "hybrid-network:observability:NetworkDashboard",
  alarmSubscriptions: "hybrid-network:observability:AlarmSubscriptions",
  blackholeAlarms: "hybrid-network:observability:BlackholeDropAlarms",
} as const;
