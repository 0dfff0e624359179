/**
 * Settings -> NetworkDashboard args: every tunnel of every VPN connection, and every Transit Gateway
 * attachment (spokes, the central egress VPC, then the VPN connections), in config order, with the
 * ids and addresses the other components produced.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DashboardAttachment, DashboardTunnel, NetworkDashboardArgs } from "../components/observability";
import type { NetworkSettings } from "../settings/types";

/** AWS/VPN publishes a data point every 5 minutes; the TGW metrics are summed over the same period. */
export const dashboardPeriodSeconds = 300;

/** What the dashboard needs from the hub, the VPN and the VPCs. */
export interface DashboardInputs {
  transitGatewayId: pulumi.Input<string>;
  /** Connection name -> VPN connection id. */
  vpnConnectionIds: Record<string, pulumi.Input<string>>;
  /** Connection name -> both tunnels' outside addresses, tunnel 1 first. */
  tunnelAddresses: Record<string, pulumi.Input<string>[]>;
  /** Attachment ids by what is attached: spoke or egress VPC name, VPN connection name. */
  vpcAttachmentIds: Record<string, pulumi.Input<string>>;
  vpnAttachmentIds: Record<string, pulumi.Input<string>>;
}

function required<T>(record: Record<string, T>, key: string, what: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`no ${what} for ${key}`);
  return value;
}

/** Every VPC attachment the program makes: the spokes, then the central egress VPC. */
export function attachedVpcs(settings: NetworkSettings): string[] {
  return [...settings.spokes.map((s) => s.name), ...(settings.centralEgress ? [settings.centralEgress.name] : [])];
}

export function networkDashboardArgs(settings: NetworkSettings, inputs: DashboardInputs): NetworkDashboardArgs {
  const tunnels: DashboardTunnel[] = settings.vpnConnections.flatMap((c) =>
    required(inputs.tunnelAddresses, c.name, "tunnel addresses").map((address, i) => ({
      connection: c.name,
      tunnel: i + 1,
      vpnId: required(inputs.vpnConnectionIds, c.name, "VPN connection id"),
      outsideIpAddress: address,
    })),
  );
  const attachments: DashboardAttachment[] = [
    ...attachedVpcs(settings).map((name) => ({ name, attachmentId: required(inputs.vpcAttachmentIds, name, "VPC attachment") })),
    ...settings.vpnConnections.map((c) => ({ name: c.name, attachmentId: required(inputs.vpnAttachmentIds, c.name, "VPN attachment") })),
  ];
  return {
    dashboardName: settings.monitoring.dashboard.name,
    region: settings.region,
    transitGatewayId: inputs.transitGatewayId,
    tunnels,
    attachments,
    periodSeconds: dashboardPeriodSeconds,
  };
}
