import { DescribeDBParametersCommand, RDSClient } from '@aws-sdk/client-rds';
import type { AwsClientFactory } from '../aws';

/** RDS parameter groups. */
export class RdsSource {
  constructor(private readonly aws: AwsClientFactory) {}

  /** The value of one parameter in a DB parameter group, or undefined when unset. */
  async getParameter(
    groupName: string,
    parameterName: string,
  ): Promise<string | undefined> {
    const client = this.aws.client(RDSClient);
    let marker: string | undefined;
    do {
      const page = await client.send(
        new DescribeDBParametersCommand({
          DBParameterGroupName: groupName,
          Marker: marker,
        }),
      );
      const match = page.Parameters?.find(
        p => p.ParameterName === parameterName,
      );
      if (match) return match.ParameterValue;
      marker = page.Marker;
    } while (marker);
    return undefined;
  }
}
