import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { bundleHandler, LAMBDA_ENTRY, PACKAGE_DIR } from './bundle';
import {
  deployedFunction,
  documentedArtifactPath,
  REPO_ROOT,
} from './terraform';
import { createZip } from './zip';

/**
 * The zip Terraform deploys, where the module's README usage example points
 * `rate_limiter_artifact_path` (`dist/rate-limiter.zip`), taken from the repository
 * root.
 */
export const DEFAULT_ZIP_PATH = join(REPO_ROOT, documentedArtifactPath());
/** The unzipped bundle, kept for inspection (`dist/` is git-ignored). */
export const DEFAULT_BUNDLE_DIR = join(PACKAGE_DIR, 'dist/lambda');

export interface BuildOptions {
  zipPath?: string;
  bundleDir?: string;
}

export interface LambdaArtifact {
  zipPath: string;
  zipBytes: number;
  /** The handler file inside `bundleDir`, as Lambda loads it. */
  bundlePath: string;
  bundleBytes: number;
  /** Terraform's `handler` and `runtime`, which the bundle was built for. */
  handler: string;
  runtime: string;
  target: string;
}

/** Bundles the handler for the runtime Terraform deploys and zips it. */
export async function buildLambdaArtifact(
  options: BuildOptions = {},
): Promise<LambdaArtifact> {
  const zipPath = options.zipPath ?? DEFAULT_ZIP_PATH;
  const bundleDir = options.bundleDir ?? DEFAULT_BUNDLE_DIR;
  const fn = deployedFunction();
  const bundlePath = join(bundleDir, fn.location.file);

  // a file left from an earlier build must not end up in the zip
  rmSync(bundleDir, { recursive: true, force: true });
  const bundle = await bundleHandler({
    entryPoint: LAMBDA_ENTRY,
    outFile: bundlePath,
    target: fn.target,
  });

  const zip = createZip(
    bundle.files.map(file => ({
      name: relative(bundleDir, file).split('\\').join('/'),
      data: readFileSync(file),
    })),
  );
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, zip);

  return {
    zipPath,
    zipBytes: zip.length,
    bundlePath,
    bundleBytes: readFileSync(bundlePath).length,
    handler: fn.handler,
    runtime: fn.runtime,
    target: fn.target,
  };
}

/** `1234567` -> `1,234,567 bytes (1205.6 KiB)` */
export function formatSize(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024).toFixed(
    1,
  )} KiB)`;
}

/** What was built, with paths relative to `baseDir`. */
export function describeArtifact(
  artifact: LambdaArtifact,
  baseDir: string,
): string {
  return [
    `handler ${artifact.handler} (${artifact.runtime}, esbuild target ${artifact.target})`,
    `bundle  ${relative(baseDir, artifact.bundlePath)}: ${formatSize(
      artifact.bundleBytes,
    )}`,
    `zip     ${relative(baseDir, artifact.zipPath)}: ${formatSize(
      artifact.zipBytes,
    )} (${basename(artifact.bundlePath)} and its source map)`,
  ].join('\n');
}
