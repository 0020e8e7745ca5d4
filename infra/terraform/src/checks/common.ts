import { mentions } from '../blocks';
import { resolveStatic } from '../expressions';
import { Block, Body, findData, isBody, resources, TfModule } from '../module';
import { documentStatements, Statement } from '../policies';
import { Violation } from '../violations';

/** Where a missing resource of each type is expected, for messages naming a file. */
const HOME: Record<string, string> = {
  aws_db_parameter_group: 'rds.tf',
  aws_sqs_queue: 'sqs.tf',
  aws_dynamodb_table: 'dynamodb.tf',
  aws_sns_topic: 'sns.tf',
  aws_budgets_budget: 'budgets.tf',
  aws_elasticache_replication_group: 'elasticache.tf',
  aws_elasticache_parameter_group: 'elasticache.tf',
  aws_guardduty_detector: 'guardduty.tf',
  aws_securityhub_standards_subscription: 'security_hub.tf',
  aws_cloudtrail: 'cloudtrail.tf',
  aws_s3_account_public_access_block: 's3_account.tf',
  aws_cloudwatch_event_rule: 'security_alerts.tf',
  aws_ecs_cluster: 'ecs.tf',
  aws_vpc_endpoint: 'vpc_endpoints.tf',
  aws_lambda_event_source_mapping: 'lambda.tf',
  aws_lambda_function: 'lambda.tf',
  aws_lambda_alias: 'lambda.tf',
  aws_cloudwatch_metric_alarm: 'alarms.tf',
  aws_ecs_service: 'ecs_services.tf',
  aws_appautoscaling_target: 'ecs_services.tf',
  aws_appautoscaling_policy: 'ecs_services.tf',
  aws_s3_bucket_lifecycle_configuration: 's3_intelligent_tiering.tf',
  aws_ce_anomaly_monitor: 'cost_anomaly.tf',
  aws_ce_anomaly_subscription: 'cost_anomaly.tf',
  aws_secretsmanager_secret: 'secrets.tf',
  aws_secretsmanager_secret_rotation: 'secrets.tf',
};

/** A violation for something absent, located in the file where it belongs. */
export function missing(type: string, message: string): Violation {
  return { file: HOME[type] ?? 'main.tf', message };
}

/** The value of an attribute through locals and variable defaults, or undefined. */
export const value = (mod: TfModule, v: unknown) => resolveStatic(mod, v);

export const isTrue = (mod: TfModule, v: unknown) => value(mod, v) === true;

/** The first nested block of that name (`ttl`, `point_in_time_recovery`, ...). */
export function block(body: Body, name: string): Body | undefined {
  const b = body[name];
  return Array.isArray(b) && isBody(b[0]) ? b[0] : undefined;
}

/** Name of the resource of `type` that an expression points at (`aws_x.<name>.attr`). */
export function referencedName(
  expression: unknown,
  type: string,
): string | undefined {
  return new RegExp(`${type}\\.([A-Za-z0-9_]+)`).exec(
    JSON.stringify(expression ?? ''),
  )?.[1];
}

/** Every `<type>.<name>` an expression refers to (a list of references, say). */
export function referencedNames(expression: unknown, type: string): string[] {
  return [
    ...JSON.stringify(expression ?? '').matchAll(
      new RegExp(`${type}\\.([A-Za-z0-9_]+)`, 'g'),
    ),
  ].map(m => m[1]);
}

/**
 * How a replication group's clients authenticate: its AUTH token, or the users of its
 * RBAC user group (ElastiCache takes one or the other), each with the secret versions
 * their passwords come from.
 */
export function redisAuthentication(mod: TfModule, group: Block) {
  const userGroups = referencedNames(
    group.body.user_group_ids,
    'aws_elasticache_user_group',
  );
  const users = resources(mod, 'aws_elasticache_user_group')
    .filter(g => userGroups.includes(g.name))
    .flatMap(g => referencedNames(g.body.user_ids, 'aws_elasticache_user'))
    .map(name =>
      resources(mod, 'aws_elasticache_user').find(u => u.name === name),
    )
    .filter((u): u is Block => Boolean(u));
  return {
    authToken: referencedName(
      group.body.auth_token,
      'aws_secretsmanager_secret_version',
    ),
    userGroups,
    users: users.map(u => ({
      block: u,
      userName: resolveStatic(mod, u.body.user_name) ?? u.body.user_name,
      passwordVersions: referencedNames(
        u.body.passwords,
        'aws_secretsmanager_secret_version',
      ),
    })),
  };
}

/** Statements of the `aws_iam_policy_document` a `policy = data....json` attribute uses. */
function statementsOfPolicyAttribute(
  mod: TfModule,
  policy: unknown,
  keyPolicy: boolean,
): Statement[] {
  const docName = /data\.aws_iam_policy_document\.([A-Za-z0-9_]+)\.json/.exec(
    String(policy),
  )?.[1];
  const doc = docName && findData(mod, 'aws_iam_policy_document', docName);
  return doc ? documentStatements(mod, doc, keyPolicy) : [];
}

/** The `aws_sns_topic_policy` of a topic of the module. */
export function topicPolicy(mod: TfModule, topic: string) {
  return resources(mod, 'aws_sns_topic_policy').find(p =>
    mentions(mod, p.body.arn, `aws_sns_topic.${topic}.`),
  );
}

/** Statements of a topic's policy document (empty when it has none). */
export function topicPolicyStatements(
  mod: TfModule,
  topic: string,
): Statement[] {
  const policy = topicPolicy(mod, topic);
  return policy
    ? statementsOfPolicyAttribute(mod, policy.body.policy, false)
    : [];
}

/** Statements of a KMS key's policy document (empty when it has none). */
export function keyPolicyStatements(mod: TfModule, key: string): Statement[] {
  const owner = resources(mod, 'aws_kms_key').find(k => k.name === key);
  return owner ? statementsOfPolicyAttribute(mod, owner.body.policy, true) : [];
}

/** An Allow statement gives `principal` every one of `actions` (exact or by `prefix*`). */
export function allows(
  statements: Statement[],
  principal: string,
  actions: string[],
): boolean {
  const covers = (granted: string, wanted: string) =>
    granted === wanted ||
    (granted.endsWith('*') && wanted.startsWith(granted.slice(0, -1)));
  return actions.every(wanted =>
    statements.some(
      s =>
        s.effect === 'Allow' &&
        s.principals.includes(principal) &&
        s.actions.some(granted => covers(granted, wanted)),
    ),
  );
}

/**
 * An AWS service that publishes to an encrypted topic needs both the topic policy
 * (sns:Publish) and the topic key's policy (GenerateDataKey, Decrypt). Without either,
 * its notifications are dropped without an error anyone sees.
 */
export function checkServicePublishes(
  mod: TfModule,
  topic: string,
  principal: string,
  why: string,
): Violation[] {
  const found: Violation[] = [];
  const owner = resources(mod, 'aws_sns_topic').find(t => t.name === topic);
  if (!owner)
    return [missing('aws_sns_topic', `no aws_sns_topic.${topic} (${why})`)];
  const policy = topicPolicy(mod, topic);
  if (!allows(topicPolicyStatements(mod, topic), principal, ['sns:Publish'])) {
    found.push({
      file: policy?.file ?? owner.file,
      message: `${
        policy
          ? `aws_sns_topic_policy.${policy.name}`
          : `aws_sns_topic.${topic}`
      } does not let ${principal} sns:Publish (${why})`,
    });
  }
  const key = referencedName(owner.body.kms_master_key_id, 'aws_kms_key');
  const keyBlock =
    key && resources(mod, 'aws_kms_key').find(k => k.name === key);
  if (
    keyBlock &&
    !allows(keyPolicyStatements(mod, key), principal, [
      'kms:GenerateDataKey',
      'kms:Decrypt',
    ])
  ) {
    found.push({
      file: keyBlock.file,
      message: `aws_kms_key.${key} policy does not let ${principal} use the key of aws_sns_topic.${topic} (kms:GenerateDataKey*, kms:Decrypt; ${why})`,
    });
  }
  return found;
}
