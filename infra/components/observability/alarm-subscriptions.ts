/**
 * AlarmSubscriptions: who the alarm topic notifies. One SNS subscription per configured endpoint
 * (email, https, sqs, lambda), named after its config name.
 *
 * SNS Subscribe (API reference): an email or HTTP(S) endpoint, or one in another account, stays
 * "pending confirmation" until its owner confirms; until then AWS lets no one delete it, so the
 * provider forgets such a subscription on delete and SNS drops it after the confirmation window.
 * An SQS queue's policy and a Lambda function's resource policy must let the topic deliver: they
 * belong to the queue's and the function's owners.
 */
import * as pulumi from "@pulumi/pulumi";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import { AlarmSubscriptionProtocol } from "../../vocabulary/observability";
import { componentTypes } from "../tokens";

export { AlarmSubscriptionProtocol };

/** One endpoint the alarm topic notifies. */
export interface AlarmSubscription {
  /** Config name; the subscription's resource name derives from it. */
  name: string;
  /** How the notification is delivered. */
  protocol: AlarmSubscriptionProtocol;
  /** An email address, an https:// URL, an SQS queue ARN or a Lambda function ARN, as the protocol says. */
  endpoint: string;
}

/** Inputs of AlarmSubscriptions. */
export interface AlarmSubscriptionsArgs {
  /** The SNS topic the alarms notify (one this program owns). */
  topicArn: pulumi.Input<string>;
  /** The endpoints to subscribe. */
  subscriptions: AlarmSubscription[];
}

/** Subscriptions of the alarm topic: email addresses, HTTPS endpoints, SQS queues, Lambda functions. */
export class AlarmSubscriptions extends pulumi.ComponentResource {
  /** Config name -> the subscription's ARN (`pending confirmation` until an email or HTTPS endpoint confirms). */
  readonly subscriptionArns: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: AlarmSubscriptionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentTypes.alarmSubscriptions, name, {}, opts);
    this.subscriptionArns = {};
    for (const s of args.subscriptions) {
      const subscription = new TopicSubscription(
        `${name}-${s.name}`,
        { topic: args.topicArn, protocol: s.protocol, endpoint: s.endpoint },
        { parent: this },
      );
      this.subscriptionArns[s.name] = subscription.arn;
    }
    this.registerOutputs({ subscriptionArns: this.subscriptionArns });
  }
}
