import { resolveStatic } from '../expressions';
import { Block, resources, TfModule } from '../module';

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
