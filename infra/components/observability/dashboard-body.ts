/**
 * The body of the network's CloudWatch dashboard (CloudWatch API reference, "Dashboard Body
 * Structure and Syntax"): metric widgets, each a list of
 * `[namespace, metricName, dimensionName, dimensionValue, ..., {label, stat}]`.
 *
 * Sources for the metrics and dimensions:
 *  - S2S VPN User Guide, "Monitoring your Site-to-Site VPN tunnels using Amazon CloudWatch":
 *    namespace AWS/VPN, TunnelState (1 up, 0 down), TunnelDataIn / TunnelDataOut (bytes), each per
 *    tunnel with the dimensions VpnId and TunnelIpAddress (the tunnel's outside address);
 *  - Transit Gateway guide, "CloudWatch metrics for your transit gateways": namespace
 *    AWS/TransitGateway, BytesIn / BytesOut and PacketDropCountBlackhole / PacketDropCountNoRoute,
 *    per attachment with the dimensions TransitGateway and TransitGatewayAttachment.
 * A widget with no line is left out: PutDashboard refuses a metric widget without metrics. What is
 * graphed is listed in vocabulary/observability.ts, where the settings count it against the quotas.
 */
import type * as pulumi from "@pulumi/pulumi";
import { dashboardAttachmentMetrics, dashboardTunnelMetrics } from "../../vocabulary/observability";

/** One VPN tunnel on the dashboard. */
export interface DashboardTunnel {
  /** The connection's config name; the line's label starts with it. */
  connection: string;
  /** 1 or 2. */
  tunnel: number;
  /** The VPN connection id (VpnId dimension). */
  vpnId: pulumi.Input<string>;
  /** AWS's outside IP address of the tunnel (TunnelIpAddress dimension). */
  outsideIpAddress: pulumi.Input<string>;
}

/** One Transit Gateway attachment on the dashboard. */
export interface DashboardAttachment {
  /** Config name of what is attached (a spoke, the egress VPC, a VPN connection): the line's label. */
  name: string;
  /** The attachment id (TransitGatewayAttachment dimension). */
  attachmentId: pulumi.Input<string>;
}

export interface DashboardBodyInputs {
  region: string;
  transitGatewayId: pulumi.Input<string>;
  tunnels: DashboardTunnel[];
  attachments: DashboardAttachment[];
  periodSeconds: number;
}

type MetricLine = pulumi.Input<string | { label: string; stat: string }>[];

const width = 12;
const height = 6;

/** The dashboard body: VPN tunnel widgets, then Transit Gateway attachment widgets, two per row. */
export function dashboardBody(inputs: DashboardBodyInputs): { widgets: Record<string, unknown>[] } {
  const tunnelLine = (metric: string, stat: string) => (t: DashboardTunnel) => [
    "AWS/VPN",
    metric,
    "VpnId",
    t.vpnId,
    "TunnelIpAddress",
    t.outsideIpAddress,
    { label: `${t.connection} tunnel ${t.tunnel}`, stat },
  ];
  const attachmentLine = (metric: string) => (a: DashboardAttachment) => [
    "AWS/TransitGateway",
    metric,
    "TransitGateway",
    inputs.transitGatewayId,
    "TransitGatewayAttachment",
    a.attachmentId,
    { label: a.name, stat: "Sum" },
  ];
  const panels: { title: string; metrics: MetricLine[]; yAxis?: Record<string, unknown> }[] = [
    // TunnelState at its minimum over the period: a tunnel that dropped at any point shows 0.
    ...dashboardTunnelMetrics.map((m) => ({
      title: m.title,
      metrics: inputs.tunnels.map(tunnelLine(m.metric, m.stat)),
      ...(m.metric === "TunnelState" ? { yAxis: { left: { min: 0, max: 1 } } } : {}),
    })),
    ...dashboardAttachmentMetrics.map((m) => ({ title: m.title, metrics: inputs.attachments.map(attachmentLine(m.metric)) })),
  ];
  const widgets = panels
    .filter((p) => p.metrics.length > 0)
    .map((p, i) => ({
      type: "metric",
      x: (i % 2) * width,
      y: Math.floor(i / 2) * height,
      width,
      height,
      properties: {
        title: p.title,
        region: inputs.region,
        view: "timeSeries",
        period: inputs.periodSeconds,
        metrics: p.metrics,
        ...(p.yAxis ? { yAxis: p.yAxis } : {}),
      },
    }));
  return { widgets };
}
