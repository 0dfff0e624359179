/**
 * NetworkDashboard: one CloudWatch dashboard for the stack's network (dashboard-body.ts): every VPN
 * tunnel's state and data in/out, every Transit Gateway attachment's bytes in/out and its packets
 * dropped by a blackhole route or for want of a route. The body is JSON resolved from the ids and
 * addresses the other components produce. In the account that owns the hub and the VPN, where the
 * AWS/VPN and AWS/TransitGateway metrics are published.
 */
import * as pulumi from "@pulumi/pulumi";
import { Dashboard } from "@pulumi/aws/cloudwatch/dashboard";
import { componentTypes } from "../tokens";
import { dashboardBody } from "./dashboard-body";
import type { DashboardAttachment, DashboardTunnel } from "./dashboard-body";

export type { DashboardAttachment, DashboardTunnel };

/** Inputs of NetworkDashboard. */
export interface NetworkDashboardArgs {
  /** The dashboard's name: letters, digits, '-' and '_', up to 255 characters. */
  dashboardName: string;
  /** The AWS region of the metrics (every widget names it). */
  region: string;
  /** The hub's Transit Gateway (TransitGateway dimension). */
  transitGatewayId: pulumi.Input<string>;
  /** Every VPN tunnel, both of each connection. */
  tunnels: DashboardTunnel[];
  /** Every Transit Gateway attachment: spokes, the egress VPC, the VPN connections. */
  attachments: DashboardAttachment[];
  /** Seconds per data point on the graphs (AWS/VPN publishes every 300). */
  periodSeconds: number;
}

/** CloudWatch dashboard of the network: VPN tunnel state and traffic, Transit Gateway attachment traffic and drops. */
export class NetworkDashboard extends pulumi.ComponentResource {
  /** The dashboard's name. */
  readonly dashboardName: pulumi.Output<string>;
  /** The dashboard's ARN. */
  readonly dashboardArn: pulumi.Output<string>;

  constructor(name: string, args: NetworkDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.dashboard, name, {}, opts);
    const dashboard = new Dashboard(
      name,
      {
        dashboardName: args.dashboardName,
        dashboardBody: pulumi.jsonStringify(pulumi.output(dashboardBody(args))),
      },
      { parent: this },
    );
    this.dashboardName = dashboard.dashboardName;
    this.dashboardArn = dashboard.dashboardArn;
    this.registerOutputs({ dashboardName: this.dashboardName, dashboardArn: this.dashboardArn });
  }
}
