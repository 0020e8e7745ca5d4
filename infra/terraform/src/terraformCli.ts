import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TERRAFORM_BIN =
  process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';
export const PLUGIN_DIR = process.env.TF_PLUGIN_DIR ?? '/opt/tf-plugins';

/** Terraform and a local provider mirror: the only way these tests run Terraform (never the network). */
export function terraformAvailable(): { available: boolean; reason: string } {
  if (!fs.existsSync(TERRAFORM_BIN))
    return {
      available: false,
      reason: `no terraform binary at ${TERRAFORM_BIN}`,
    };
  if (!fs.existsSync(PLUGIN_DIR))
    return { available: false, reason: `no provider mirror at ${PLUGIN_DIR}` };
  return { available: true, reason: '' };
}

/** Copies a directory tree, skipping Terraform working files. */
export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: src =>
      !/(^|[\\/])(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate.*)$/.test(
        src,
      ),
  });
}

export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs terraform in `cwd` with its data dir and CLI config in a temp dir, providers
 * only from the local mirror.
 */
export async function terraform(
  cwd: string,
  args: string[],
  dataDir: string,
): Promise<TerraformResult> {
  try {
    const { stdout, stderr } = await run(TERRAFORM_BIN, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        TF_DATA_DIR: dataDir,
        TF_CLI_CONFIG_FILE: '/dev/null',
        TF_IN_AUTOMATION: '1',
        TF_INPUT: '0',
        CHECKPOINT_DISABLE: '1',
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(error),
    };
  }
}

/** `terraform init` against the mirror in a scratch copy of `dir`; returns the copy's path. */
export async function initScratch(
  dir: string,
  relative = '.',
): Promise<{
  cwd: string;
  dataDir: string;
  cleanup: () => void;
  init: TerraformResult;
}> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-check-'));
  copyTree(dir, path.join(root, 'module'));
  const cwd = path.join(root, 'module', relative);
  const dataDir = path.join(root, 'data');
  const init = await terraform(
    cwd,
    [
      'init',
      '-backend=false',
      '-input=false',
      '-no-color',
      `-plugin-dir=${PLUGIN_DIR}`,
    ],
    dataDir,
  );
  return {
    cwd,
    dataDir,
    init,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
