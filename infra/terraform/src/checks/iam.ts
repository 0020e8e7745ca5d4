import { Statement } from '../policies';
import { Violation } from '../violations';

function where(s: Statement): string {
  return `${s.source}${s.sid ? ` (${s.sid})` : ''}`;
}

/**
 * No Allow statement grants every action, uses NotAction, or grants a wildcard action
 * on every resource. Key policies are exempt from the last rule: there "*" is the key.
 */
export function checkNoWildcardGrants(statements: Statement[]): Violation[] {
  const found: Violation[] = [];
  for (const s of statements.filter(st => st.effect === 'Allow')) {
    if (s.actions.includes('*')) {
      found.push({ file: s.file, message: `${where(s)} allows Action "*"` });
    }
    if (s.notActions.length > 0) {
      found.push({
        file: s.file,
        message: `${where(s)} allows NotAction (everything but a list)`,
      });
    }
    const wildcards = s.actions.filter(
      a => a !== '*' && a.includes('*') && !a.startsWith('${'),
    );
    if (!s.keyPolicy && s.resources.includes('*') && wildcards.length > 0) {
      found.push({
        file: s.file,
        message: `${where(s)} allows wildcard actions ${wildcards.join(
          ', ',
        )} on Resource "*"`,
      });
    }
  }
  return found;
}

/**
 * A workload role (Lambda, ECS task) only reaches the resources it is given: "*" is
 * accepted only for the listed actions that have no resource-level permissions, and
 * every other resource must mention one of `allowedTargets`.
 */
export function checkRoleScope(
  statements: Statement[],
  role: string,
  starActions: string[],
  allowedTargets: string[],
): Violation[] {
  const found: Violation[] = [];
  for (const s of statements.filter(st => st.effect === 'Allow')) {
    for (const resource of s.resources) {
      if (resource === '*') {
        const extra = s.actions.filter(a => !starActions.includes(a));
        if (extra.length > 0) {
          found.push({
            file: s.file,
            message: `${where(s)} gives role ${role} ${extra.join(
              ', ',
            )} on Resource "*"`,
          });
        }
      } else if (!allowedTargets.some(t => resource.includes(t))) {
        found.push({
          file: s.file,
          message: `${where(
            s,
          )} gives role ${role} access to ${resource}, outside its own resources`,
        });
      }
    }
  }
  return found;
}
