/**
 * `npm run build:backend [-- --reuse-app-dist]`: the two artifacts of Backstage's host
 * build, packages/backend/dist/skeleton.tar.gz (every package.json the backend needs,
 * for a cached `npm ci` layer) and dist/bundle.tar.gz (those packages built), as
 * `backstage-cli package build` makes them for the backend role.
 *
 * Why not that command: it shells out to `yarn` (to build bundled and custom-built
 * packages, and to copy yarn.lock), and this is an npm repository. This script runs the
 * same steps with the CLI's own packager (pinned by package-lock.json) and npm:
 *   1. the frontend app (served by the backend) with its own `backstage-cli package build`;
 *   2. every local package the backend depends on, CommonJS output, as the CLI does;
 *   3. the CLI's dist workspace (production package.json of each, config schemas), with
 *      package-lock.json instead of yarn.lock;
 *   4. the two archives.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PackageGraph } from '@backstage/cli-node';

const REPO_ROOT = path.resolve(__dirname, '..');
const BACKEND = 'backend';
const APP = 'app';
export const SKELETON_FILE = 'skeleton.tar.gz';
export const BUNDLE_FILE = 'bundle.tar.gz';

/* eslint-disable @typescript-eslint/no-require-imports */
// Internals of @backstage/cli-module-build (the version package-lock.json pins); the
// production start test (packages/backend/src/deploy) fails if they change shape.
const { createDistWorkspace, resolveLocalDependencies } =
  require('@backstage/cli-module-build/dist/lib/packager/createDistWorkspace.cjs.js') as {
    createDistWorkspace(
      names: string[],
      options: Record<string, unknown>,
    ): Promise<unknown>;
    resolveLocalDependencies(
      names: string[],
      packages: unknown[],
    ): Promise<Array<{ name: string; dir: string; packageJson: any }>>;
  };
const { buildPackages, getOutputsForRole } =
  require('@backstage/cli-module-build/dist/lib/builder/packager.cjs.js') as {
    buildPackages(options: Array<Record<string, unknown>>): Promise<void>;
    getOutputsForRole(role: string): Set<string>;
  };
const { Output } =
  require('@backstage/cli-module-build/dist/lib/builder/types.cjs.js') as {
    Output: Record<string, string>;
  };
const tar = require('tar') as {
  create(options: Record<string, unknown>, files: string[]): Promise<void>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

function log(line: string) {
  process.stdout.write(`build:backend: ${line}\n`);
}

function buildApp(appDir: string) {
  log('building the frontend app (packages/app)');
  const cli = require.resolve('@backstage/cli/bin/backstage-cli');
  const result = spawnSync(process.execPath, [cli, 'package', 'build'], {
    cwd: appDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building packages/app failed');
}

export async function buildBackendArtifacts(options: {
  reuseAppDist: boolean;
}): Promise<{ skeleton: string; bundle: string }> {
  // The CLI's packager resolves every path from the working directory's repository.
  process.chdir(REPO_ROOT);
  const packages = await PackageGraph.listTargetPackages();
  const targets = await resolveLocalDependencies([BACKEND], packages);

  const app = targets.find(t => t.name === APP);
  if (app) {
    const appDist = path.join(app.dir, 'dist', 'index.html');
    if (!options.reuseAppDist || !fs.existsSync(appDist)) buildApp(app.dir);
    else log('reusing packages/app/dist');
  }

  // The backend's own dependencies, built as createDistWorkspace builds them: no type
  // declarations (the image runs JavaScript only).
  const builds = targets
    .filter(t => t.name !== APP)
    .map(t => {
      const role = t.packageJson.backstage?.role;
      if (!role) throw new Error(`${t.name} has no backstage.role`);
      // The backend role's output is "bundle" (these archives): its own code is
      // CommonJS, as buildBackend builds it.
      const outputs =
        t.name === BACKEND ? new Set([Output.cjs]) : getOutputsForRole(role);
      outputs.delete(Output.types);
      return {
        targetDir: t.dir,
        packageJson: t.packageJson,
        outputs,
        logPrefix: `${path.relative(REPO_ROOT, t.dir)}: `,
        workspacePackages: packages,
      };
    });
  log(`building ${builds.map(b => b.packageJson.name).join(', ')}`);
  await buildPackages(builds);

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'backstage-bundle-'));
  try {
    await createDistWorkspace([BACKEND], {
      targetDir: workspace,
      buildDependencies: false,
      skeleton: SKELETON_FILE,
      files: ['package.json', 'package-lock.json'],
    });
    const distDir = path.join(REPO_ROOT, 'packages', 'backend', 'dist');
    fs.rmSync(distDir, { recursive: true, force: true });
    fs.mkdirSync(distDir);
    const skeleton = path.join(distDir, SKELETON_FILE);
    const bundle = path.join(distDir, BUNDLE_FILE);
    fs.renameSync(path.join(workspace, SKELETON_FILE), skeleton);
    await tar.create(
      {
        file: bundle,
        cwd: workspace,
        portable: true,
        noMtime: true,
        gzip: true,
      },
      [''],
    );
    return { skeleton, bundle };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { 'reuse-app-dist': { type: 'boolean', default: false } },
  });
  buildBackendArtifacts({ reuseAppDist: values['reuse-app-dist'] ?? false })
    .then(({ skeleton, bundle }) => {
      for (const file of [skeleton, bundle]) {
        const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
        log(`${path.relative(REPO_ROOT, file)} (${mb} MB)`);
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `build:backend failed: ${
          error instanceof Error ? error.stack : String(error)
        }\n`,
      );
      process.exitCode = 1;
    });
}
