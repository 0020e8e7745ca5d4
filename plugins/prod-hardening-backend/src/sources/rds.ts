import {
  DescribeDBInstancesCommand,
  DescribeDBParameterGroupsCommand,
  DescribeDBParametersCommand,
  RDSClient,
} from '@aws-sdk/client-rds';

/** An instance that uses a parameter group. */
export interface ParameterGroupInstance {
  id: string;
  endpoint?: string;
  port?: number;
  engineVersion?: string;
}
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

  /** The family of a DB parameter group, undefined when the group is not found. */
  async getParameterGroupFamily(
    groupName: string,
  ): Promise<string | undefined> {
    const out = await this.aws.client(RDSClient).send(
      new DescribeDBParameterGroupsCommand({
        DBParameterGroupName: groupName,
      }),
    );
    return out.DBParameterGroups?.[0]?.DBParameterGroupFamily;
  }

  /** The instances of the region whose parameter group is `groupName`. */
  async listInstancesUsing(
    groupName: string,
  ): Promise<ParameterGroupInstance[]> {
    const client = this.aws.client(RDSClient);
    const instances: ParameterGroupInstance[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(
        new DescribeDBInstancesCommand({ Marker: marker }),
      );
      for (const i of page.DBInstances ?? []) {
        if (
          i.DBParameterGroups?.some(g => g.DBParameterGroupName === groupName)
        ) {
          instances.push({
            id: i.DBInstanceIdentifier ?? '',
            endpoint: i.Endpoint?.Address,
            port: i.Endpoint?.Port,
            engineVersion: i.EngineVersion,
          });
        }
      }
      marker = page.Marker;
    } while (marker);
    return instances;
  }
}
