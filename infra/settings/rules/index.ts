import { customerGatewayRules } from "./customer-gateways";
import { adoptionRules } from "./adoption";
import { adoptionEgressRules } from "./adoption-egress";
import { networkRules } from "./network";
import { operationsRules } from "./operations";
import { referenceRules } from "./references";
import { routingRules } from "./routing";
import { sharingRules } from "./sharing";
import { tunnelRules } from "./tunnels";
import { vpnRules } from "./vpn";

export type { Rule, RuleContext } from "./context";

/** Every rule, in the order their errors are listed. */
export const allRules = [
  ...referenceRules,
  ...vpnRules,
  ...customerGatewayRules,
  ...tunnelRules,
  ...networkRules,
  ...routingRules,
  ...adoptionRules,
  ...adoptionEgressRules,
  ...sharingRules,
  ...operationsRules,
];
