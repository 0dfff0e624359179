/**
 * TransitGatewayShareAccepter: accepts, in a spoke's account, the RAM invitation to the hub's
 * Transit Gateway share. Outside one AWS Organization with RAM sharing enabled, an account
 * principal of a share receives an invitation, and the shared TGW is not visible to that account
 * (its attachment cannot be created) until the invitation is accepted (AWS RAM User Guide,
 * "Accepting and rejecting invitations"; the provider's ResourceShareAccepter: "not necessary"
 * when both accounts are in one organization with RAM sharing enabled).
 *
 * Constructed with the spoke account's provider. The share ARN it takes must come after the
 * principal association that sends the invitation (network.ts hands it one that waits for the
 * whole hub), and the spoke's attachment must wait for `resourceShareArn` of this component.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceShareAccepter } from "@pulumi/aws/ram/resourceShareAccepter";
import { componentTypes } from "./tokens";

/** Inputs of TransitGatewayShareAccepter. */
export interface TransitGatewayShareAccepterArgs {
  /** ARN of the hub's RAM share, once the principal association for this account exists. */
  resourceShareArn: pulumi.Input<string>;
}

/** Accepts the RAM invitation to the hub's Transit Gateway share in the receiving account. */
export class TransitGatewayShareAccepter extends pulumi.ComponentResource {
  /** The accepted share's ARN, known once the invitation is accepted: attachments wait for it. */
  readonly resourceShareArn: pulumi.Output<string>;
  /** The invitation's status (ACCEPTED). */
  readonly status: pulumi.Output<string>;
  /** The account that accepted. */
  readonly receiverAccountId: pulumi.Output<string>;

  constructor(name: string, args: TransitGatewayShareAccepterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.shareAccepter, name, {}, opts);
    const accepter = new ResourceShareAccepter(name, { shareArn: args.resourceShareArn }, { parent: this });
    this.resourceShareArn = accepter.shareArn;
    this.status = accepter.status;
    this.receiverAccountId = accepter.receiverAccountId;
    this.registerOutputs({
      resourceShareArn: this.resourceShareArn,
      status: this.status,
      receiverAccountId: this.receiverAccountId,
    });
  }
}
