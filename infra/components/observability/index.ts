/**
 * The observability module's face: flow logs of every VPC and of the Transit Gateway (FlowLogs), the
 * network dashboard (NetworkDashboard), who the alarm topic notifies (AlarmSubscriptions) and the
 * alarms on blackhole drops (BlackholeDropAlarms). Their args come from the stack config through
 * infra/wiring/observability.ts.
 */
export { AlarmSubscriptionProtocol, AlarmSubscriptions } from "./alarm-subscriptions";
export type { AlarmSubscription, AlarmSubscriptionsArgs } from "./alarm-subscriptions";
export { BlackholeDropAlarms } from "./blackhole-drop-alarms";
export type { BlackholeAlarmAttachment, BlackholeDropAlarmsArgs } from "./blackhole-drop-alarms";
export { dashboardBody } from "./dashboard-body";
export { FlowLogDestination, FlowLogs, FlowLogTarget, FlowLogTrafficType } from "./flow-logs";
export type { FlowLogsArgs } from "./flow-logs";
export { flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "./flow-log-role";
export { NetworkDashboard } from "./network-dashboard";
export type { DashboardAttachment, DashboardTunnel, NetworkDashboardArgs } from "./network-dashboard";
