/**
 * The wiring: stack settings (infra/settings) -> each component's args, one file per component it
 * feeds. Pure functions of the settings, plus the ids other components and the config's secrets
 * supply; network.ts builds each component's args here and constructs the component. The
 * components never import this folder nor the settings, so the component package (C#) carries
 * neither (tests/layering.test.ts).
 */
export { centralEgressVpcArgs, egressReturnRoutes } from "./central-egress-vpc";
export { planSegmentation, segmentRoutingArgs, segmentRoutingName } from "./segment-routing";
export type { AttachmentRef, PlannedRoute, SegmentRoutingInputs, TablePlan } from "./segment-routing";
export { siteToSiteVpnArgs } from "./site-to-site-vpn";
export type { VpnInputs } from "./site-to-site-vpn";
export { spokeDeniedZones, spokeIngressRules, spokeTransitRoutes, spokeVpcArgs } from "./spoke-vpc";
export type { SpokeVpcInputs } from "./spoke-vpc";
export { transitGatewayHubArgs } from "./transit-gateway-hub";
export { alarmSubscriptionsArgs, blackholeDropAlarmsArgs } from "./alarms";
export { flowLogsArgs, flowLogsName, flowLogVpcs, transitGatewayFlowLog } from "./flow-logs";
export { attachedVpcs, dashboardPeriodSeconds, networkDashboardArgs } from "./network-dashboard";
export type { DashboardInputs } from "./network-dashboard";
export { shareAccepterArgs, shareAccepterName, shareAcceptingAccounts } from "./transit-gateway-share-accepter";
