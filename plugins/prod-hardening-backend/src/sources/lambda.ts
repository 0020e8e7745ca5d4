import {
  GetAliasCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { partitionOf, type AwsClientFactory } from '../aws';
import type { LambdaAliasFacts } from '../checks/lambdaAlias/evaluate';

export interface AliasState {
  functionFound: boolean;
  alias?: LambdaAliasFacts['alias'];
}

/** Lambda functions' aliases and event source mappings (read-only). */
export class LambdaSource {
  constructor(private readonly aws: AwsClientFactory) {}

  /** The alias, or why there is none: the function or only the alias is missing. */
  async getAlias(functionName: string, alias: string): Promise<AliasState> {
    try {
      const out = await this.aws
        .client(LambdaClient)
        .send(new GetAliasCommand({ FunctionName: functionName, Name: alias }));
      return {
        functionFound: true,
        alias: {
          arn: out.AliasArn ?? `${functionName}:${alias}`,
          functionVersion: out.FunctionVersion ?? '$LATEST',
          additionalVersionWeights: out.RoutingConfig?.AdditionalVersionWeights,
        },
      };
    } catch (err) {
      const { name, message } = err as Error;
      if (name !== 'ResourceNotFoundException') throw err;
      // One error name for both; the message says which one is missing.
      return { functionFound: !/function not found/i.test(message) };
    }
  }

  /** The queue's event source mappings that invoke the function, with any qualifier. */
  async listQueueMappings(
    queueName: string,
    functionName: string,
  ): Promise<{ queueArn: string; mappings: LambdaAliasFacts['mappings'] }> {
    const { region, accountId } = this.aws;
    const queueArn = `arn:${partitionOf(
      region,
    )}:sqs:${region}:${accountId}:${queueName}`;
    const client = this.aws.client(LambdaClient);
    const mappings: LambdaAliasFacts['mappings'] = [];
    let marker: string | undefined;
    do {
      // Listed by queue, not by function name: the queue's mappings are found whether
      // they were created on the function, on a version or on the alias.
      const page = await client.send(
        new ListEventSourceMappingsCommand({
          EventSourceArn: queueArn,
          Marker: marker,
        }),
      );
      for (const m of page.EventSourceMappings ?? []) {
        const arn = m.FunctionArn ?? '';
        if (arn.split(':')[6] !== functionName) continue;
        mappings.push({ uuid: m.UUID ?? '', functionArn: arn, state: m.State });
      }
      marker = page.NextMarker;
    } while (marker);
    return { queueArn, mappings };
  }
}
