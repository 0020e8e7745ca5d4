import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  GetAliasCommand,
  GetFunctionCommand,
  ListEventSourceMappingsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { iamRoleArn, sqsQueueArn } from '../arns';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep, StepReport } from '../context';

/**
 * The emulator's copy of the rate limiter carries only its wiring (role, version,
 * alias, queue mapping): the real code is lambdas/rate-limiter, deployed by the
 * Terraform, and run locally by the stack's own process. Should anything invoke this
 * copy, it hands every record back to the queue instead of dropping it.
 */
export const PLACEHOLDER_HANDLER = `// Wiring only; the rate limiter's code is deployed from lambdas/rate-limiter.
exports.handler = async event => ({
  batchItemFailures: event.Records.map(r => ({ itemIdentifier: r.messageId })),
});
`;

export function buildDeploymentPackage(): Uint8Array {
  return zipSync({ 'index.js': strToU8(PLACEHOLDER_HANDLER) });
}

/** The trust policy of lambda.tf's rate-limiter role. */
export const LAMBDA_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
};

async function ensureRole(ctx: SeedContext, name: string, report: StepReport) {
  try {
    await ctx.clients.iam.send(new GetRoleCommand({ RoleName: name }));
    report.existing.push(`role ${name}`);
  } catch (err) {
    if (!isAwsError(err, 'NoSuchEntity', 'NoSuchEntityException')) throw err;
    await ctx.clients.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST_POLICY),
      }),
    );
    report.created.push(`role ${name}`);
  }
}

async function ensureFunction(
  ctx: SeedContext,
  name: string,
  report: StepReport,
) {
  try {
    await ctx.clients.lambda.send(
      new GetFunctionCommand({ FunctionName: name }),
    );
    report.existing.push(`function ${name}`);
  } catch (err) {
    if (!isAwsError(err, 'ResourceNotFoundException')) throw err;
    await ctx.clients.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: iamRoleArn(ctx, name),
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Architectures: ['arm64'],
        Code: { ZipFile: buildDeploymentPackage() },
      }),
    );
    report.created.push(`function ${name}`);
  }
}

/** The newest published version, publishing version 1 when there is none. */
async function latestPublishedVersion(
  ctx: SeedContext,
  name: string,
  report: StepReport,
): Promise<string> {
  const { Versions = [] } = await ctx.clients.lambda.send(
    new ListVersionsByFunctionCommand({ FunctionName: name }),
  );
  const published = Versions.map(v => v.Version ?? '')
    .filter(v => /^\d+$/.test(v))
    .sort((a, b) => Number(a) - Number(b));
  if (published.length) return published[published.length - 1];
  const { Version } = await ctx.clients.lambda.send(
    new PublishVersionCommand({ FunctionName: name }),
  );
  report.created.push(`version ${name}:${Version}`);
  return Version!;
}

async function ensureAlias(
  ctx: SeedContext,
  name: string,
  alias: string,
  version: string,
  report: StepReport,
) {
  const label = `alias ${name}:${alias}`;
  try {
    const current = await ctx.clients.lambda.send(
      new GetAliasCommand({ FunctionName: name, Name: alias }),
    );
    if (current.FunctionVersion !== version) {
      await ctx.clients.lambda.send(
        new UpdateAliasCommand({
          FunctionName: name,
          Name: alias,
          FunctionVersion: version,
        }),
      );
    }
    report.existing.push(label);
  } catch (err) {
    if (!isAwsError(err, 'ResourceNotFoundException')) throw err;
    await ctx.clients.lambda.send(
      new CreateAliasCommand({
        FunctionName: name,
        Name: alias,
        FunctionVersion: version,
      }),
    );
    report.created.push(label);
  }
}

/**
 * The story's mistake: the queue is mapped to the unqualified function ($LATEST), so
 * moving the alias would roll nothing back. Any mapping of the queue on a version or
 * an alias (a fix) is put back. The mapping is created disabled: the local stack
 * consumes the queue with the real handler itself, and an enabled mapping would make
 * the emulator try to run this copy on every message.
 */
async function ensureUnqualifiedMapping(
  ctx: SeedContext,
  name: string,
  queueName: string,
  report: StepReport,
) {
  const queueArn = sqsQueueArn(ctx, queueName);
  const { EventSourceMappings = [] } = await ctx.clients.lambda.send(
    new ListEventSourceMappingsCommand({ EventSourceArn: queueArn }),
  );
  const label = `event source mapping ${queueName} → ${name}`;
  let found = false;
  for (const m of EventSourceMappings) {
    const [, , , , , , fn, qualifier] = (m.FunctionArn ?? '').split(':');
    if (fn !== name) continue;
    if (qualifier === undefined && !found) {
      found = true;
      report.existing.push(label);
      continue;
    }
    await ctx.clients.lambda.send(
      new DeleteEventSourceMappingCommand({ UUID: m.UUID }),
    );
    report.removed.push(`event source mapping ${m.FunctionArn}`);
  }
  if (found) return;
  await ctx.clients.lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: queueArn,
      FunctionName: name,
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      Enabled: false,
    }),
  );
  report.created.push(label);
}

/** The rate limiter's function, published version, alias and queue mapping (after sqs). */
export const lambdaStep: SeedStep = {
  name: 'lambda',
  async run(ctx) {
    const report = emptyReport('lambda');
    const name = ctx.resources.rateLimiterFunctionName;
    await ensureRole(ctx, name, report);
    await ensureFunction(ctx, name, report);
    const version = await latestPublishedVersion(ctx, name, report);
    await ensureAlias(
      ctx,
      name,
      ctx.resources.rateLimiterAlias,
      version,
      report,
    );
    await ensureUnqualifiedMapping(
      ctx,
      name,
      ctx.resources.queues.rateLimiter,
      report,
    );
    return report;
  },
};
