/**
 * The components this project publishes as a Pulumi component package (PulumiPlugin.yaml), so that
 * programs in other languages (C#) can use them: `pulumi package add <path or git url>`.
 * The schema is inferred from the classes and their args interfaces by Pulumi's TypeScript analyzer
 * (@pulumi/pulumi/provider/experimental); tests/component-schema.test.ts checks it.
 */
import { CentralEgressVpc } from "./components/central-egress-vpc";
import { AlarmSubscriptions, BlackholeDropAlarms, FlowLogs, NetworkDashboard } from "./components/observability";
import { TransitGatewayHub } from "./components/transit-gateway-hub";
import { SegmentRouting } from "./components/segment-routing";
import { SpokeVpc } from "./components/spoke-vpc";
import { TransitGatewayShareAccepter } from "./components/transit-gateway-share-accepter";
import { SiteToSiteVpn } from "./components/vpn";

/** The package name: package.json's `name`, and the first part of every schema token. */
export const packageName = "hybrid-network";

/**
 * The components the package serves. The analyzer fails the whole package on one args or output
 * shape it cannot express (a string-literal union: use an `as const` object; an intersection type;
 * a reference to one of our own component classes), so every component here must pass it.
 */
export const packageComponents = [
  TransitGatewayHub,
  TransitGatewayShareAccepter,
  SiteToSiteVpn,
  SpokeVpc,
  CentralEgressVpc,
  SegmentRouting,
  FlowLogs,
  NetworkDashboard,
  AlarmSubscriptions,
  BlackholeDropAlarms,
];
