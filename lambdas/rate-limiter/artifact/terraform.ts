import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Reads what the deployment needs to agree on from the Terraform that deploys the
 * Lambda, so the build and its tests follow the module instead of a copy of it.
 */

export const REPO_ROOT = resolve(__dirname, '../../..');
export const TERRAFORM_MODULE_DIR = join(
  REPO_ROOT,
  'infra/terraform/production-hardening',
);

/**
 * The lines of the block opened by the first line matching `header`. The files are
 * `terraform fmt`-ed, so a block closes on the first later line that is a lone `}` at
 * the header's indentation; that avoids parsing HCL expressions and strings.
 */
function blockLines(text: string, header: RegExp, what: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex(line => header.test(line));
  if (start < 0) throw new Error(`Terraform: ${what} not found`);
  const indent = /^\s*/.exec(lines[start])![0];
  const end = lines.findIndex((line, i) => i > start && line === `${indent}}`);
  if (end < 0) throw new Error(`Terraform: ${what} is not closed`);
  return lines.slice(start + 1, end);
}

/** The string default of a variable of the module (`variables.tf`). */
export function variableDefault(
  name: string,
  moduleDir: string = TERRAFORM_MODULE_DIR,
): string {
  const text = readFileSync(join(moduleDir, 'variables.tf'), 'utf8');
  const body = blockLines(
    text,
    new RegExp(`^variable "${name}" \\{`),
    `variable ${name}`,
  );
  for (const line of body) {
    const match = /^\s*default\s*=\s*"([^"]*)"\s*$/.exec(line);
    if (match) return match[1];
  }
  throw new Error(`Terraform: variable ${name} has no string default`);
}

/** Names of the environment variables `lambda.tf` gives the function. */
export function lambdaEnvironmentNames(
  moduleDir: string = TERRAFORM_MODULE_DIR,
): string[] {
  const text = readFileSync(join(moduleDir, 'lambda.tf'), 'utf8');
  const body = blockLines(
    text,
    /^\s*rate_limiter_environment\s*=\s*\{/,
    'local rate_limiter_environment',
  );
  const names = body.flatMap(line => {
    const match = /^\s*([A-Z][A-Z0-9_]*)\s*=/.exec(line);
    return match ? [match[1]] : [];
  });
  if (names.length === 0) {
    throw new Error('Terraform: rate_limiter_environment names no variable');
  }
  return names;
}

/**
 * The `rate_limiter_artifact_path` the module's README passes in its usage example
 * (relative to where Terraform runs).
 */
export function documentedArtifactPath(
  moduleDir: string = TERRAFORM_MODULE_DIR,
): string {
  const text = readFileSync(join(moduleDir, 'README.md'), 'utf8');
  const match = /^\s*rate_limiter_artifact_path\s*=\s*"([^"]+)"/m.exec(text);
  if (!match) {
    throw new Error('Terraform README: no rate_limiter_artifact_path example');
  }
  return match[1];
}

/** A Lambda Node.js handler setting, `file.export`, as the files of a bundle. */
export interface HandlerLocation {
  /** The bundle's file, relative to the zip root (`index.js` for `index.handler`). */
  file: string;
  /** The function the file must export (`handler`). */
  exportName: string;
}

export function parseHandler(handler: string): HandlerLocation {
  const match =
    /^((?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+)\.([A-Za-z_$][\w$]*)$/.exec(handler);
  if (!match) {
    throw new Error(
      `handler "${handler}" is not of the form module.export (e.g. index.handler)`,
    );
  }
  return { file: `${match[1]}.js`, exportName: match[2] };
}

/** The esbuild target of a Lambda runtime: `nodejs20.x` -> `node20`. */
export function nodeTarget(runtime: string): string {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!match) throw new Error(`runtime "${runtime}" is not a Node.js runtime`);
  return `node${match[1]}`;
}

/** The handler and runtime the module deploys the function with (their defaults). */
export function deployedFunction(moduleDir: string = TERRAFORM_MODULE_DIR) {
  const handler = variableDefault('rate_limiter_handler', moduleDir);
  const runtime = variableDefault('rate_limiter_runtime', moduleDir);
  return {
    handler,
    runtime,
    location: parseHandler(handler),
    target: nodeTarget(runtime),
  };
}
