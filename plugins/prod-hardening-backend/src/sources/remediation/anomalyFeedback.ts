import {
  CostExplorerClient,
  ProvideAnomalyFeedbackCommand,
} from '@aws-sdk/client-cost-explorer';
import type { AnomalyFeedbackValue } from '@prod-hardening/plugin-prod-hardening-common';
import type { AwsClientFactory } from '../../aws';

/**
 * Sends a person's answer about an anomaly to AWS Cost Anomaly Detection. The answer
 * changes the account's anomaly model (AWS tunes detection with it), so it is a write:
 * it runs with the remediation role acting for that person, never with the read role,
 * and CloudTrail names them (SourceIdentity). Hence this folder: the read role's IAM
 * policy stays free of writes (infra/terraform/.../iam_portal.tf).
 */
export class AnomalyFeedbackWriter {
  constructor(private readonly aws: Pick<AwsClientFactory, 'actingAs'>) {}

  async provide(
    anomalyId: string,
    feedback: AnomalyFeedbackValue,
    userRef: string,
  ): Promise<void> {
    await this.aws.actingAs({ userRef }, aws =>
      aws.client(CostExplorerClient).send(
        new ProvideAnomalyFeedbackCommand({
          AnomalyId: anomalyId,
          Feedback: feedback,
        }),
      ),
    );
  }
}
