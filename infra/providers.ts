/**
 * One AWS provider per account that has a role to assume; the network account's provider owns
 * the hub, the VPN and every TGW association and propagation. An account without a role uses the
 * ambient credentials (undefined provider).
 */
import { Provider } from "@pulumi/aws/provider";
import type { NetworkSettings } from "./settings/types";

export interface AccountProviders {
  network?: Provider;
  /** By account name. */
  byAccount: Record<string, Provider | undefined>;
}

export function createProviders(settings: NetworkSettings): AccountProviders {
  const byAccount: Record<string, Provider | undefined> = {};
  for (const account of settings.accounts) {
    byAccount[account.name] = account.roleArn
      ? new Provider(`aws-${account.name}`, {
          region: settings.region as never,
          allowedAccountIds: [account.accountId],
          assumeRoles: [{ roleArn: account.roleArn, sessionName: `${settings.project}-${settings.stack}` }],
          defaultTags: { tags: settings.tags },
        })
      : undefined;
  }
  return {
    ...(settings.networkAccount !== undefined && byAccount[settings.networkAccount] ? { network: byAccount[settings.networkAccount] } : {}),
    byAccount,
  };
}
