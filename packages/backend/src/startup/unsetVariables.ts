import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import type { ProductionConfigProblem } from './productionReadiness';

/**
 * Why this exists: Backstage's config loader turns an unset ${VAR} into "no value", and
 * the merged configuration then falls back to the same key of an earlier file. A
 * production deployment missing PROD_HARDENING_AI_COSTS_TABLE would silently read
 * app-config.yaml's local name. In production every variable the files read must be set.
 */

/** The `--config` files of a command line, resolved against `cwd`. */
export function configFilesOf(argv: string[], cwd = process.cwd()): string[] {
  const files: string[] = [];
  argv.forEach((arg, index) => {
    if (arg === '--config' && argv[index + 1])
      files.push(resolve(cwd, argv[index + 1]));
    else if (arg.startsWith('--config='))
      files.push(resolve(cwd, arg.slice('--config='.length)));
  });
  return files;
}

/** Every `${VAR}` the YAML's values read, with the keys that read it. */
export function variablesReadBy(yamlText: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      // `$${VAR}` is Backstage's escape for a literal `${VAR}`.
      for (const match of value.matchAll(
        /(?<!\$)\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g,
      )) {
        found.set(match[1], [...(found.get(match[1]) ?? []), key]);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${key}[${index}]`));
    } else if (value && typeof value === 'object') {
      for (const [child, item] of Object.entries(value))
        visit(item, key ? `${key}.${child}` : child);
    }
  };
  visit(YAML.parse(yamlText), '');
  return found;
}

/** One problem per key whose variable is unset or empty in `env`. */
export function unsetVariableProblems(
  files: string[],
  env: NodeJS.ProcessEnv,
): ProductionConfigProblem[] {
  const problems: ProductionConfigProblem[] = [];
  for (const file of files) {
    for (const [name, keys] of variablesReadBy(readFileSync(file, 'utf8'))) {
      if ((env[name] ?? '').trim() !== '') continue;
      const hint = name.startsWith('PROD_HARDENING_')
        ? 'npm run config:from-terraform writes it from the Terraform outputs'
        : 'see docs/deploy.md, Environment';
      for (const key of keys)
        problems.push({
          key,
          problem: `reads \${${name}}, which is not set; set ${name} (${hint})`,
        });
    }
  }
  return problems;
}
