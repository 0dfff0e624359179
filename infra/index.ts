/**
 * Entry point: stack config -> validated settings -> components -> stack outputs.
 * Invalid config throws before any resource is registered, listing every error.
 */
import { buildNetwork } from "./network";
import { readSettings } from "./settings/from-pulumi";

const settings = readSettings();
const network = buildNetwork(settings);

export const transitGatewayId = network.hub.transitGatewayId;
export const transitGatewayArn = network.hub.transitGatewayArn;
export const routeTableIds = network.hub.routeTableIds;
