import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export const PACKAGE_DIR = join(__dirname, '..');
/** The module that exports only the Lambda handler: all the bundle starts from. */
export const LAMBDA_ENTRY = join(PACKAGE_DIR, 'src/lambda.ts');

export interface BundleOptions {
  entryPoint: string;
  /** The bundle's path; its source map is written next to it (`.map`). */
  outFile: string;
  /** esbuild target, e.g. `node20`. */
  target: string;
}

export interface Bundle {
  /** The bundle and its source map. */
  files: string[];
}

/**
 * Bundles the handler with everything it imports, the AWS SDK v3 clients included:
 * the SDK the Lambda runtime ships is not a pinned version. CommonJS, because a
 * Lambda `index.handler` without a package.json is loaded as CommonJS.
 */
export async function bundleHandler(options: BundleOptions): Promise<Bundle> {
  const result = await build({
    entryPoints: [options.entryPoint],
    outfile: options.outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: options.target,
    // ES module builds first: the AWS SDK's are the ones esbuild can tree-shake
    mainFields: ['module', 'main'],
    treeShaking: true,
    minify: true,
    // error and class names stay readable in logs
    keepNames: true,
    // maps stack traces back to file:line with NODE_OPTIONS=--enable-source-maps;
    // the sources themselves stay out of the zip
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    // metafile inputs are relative to this directory
    absWorkingDir: PACKAGE_DIR,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const forbidden = forbiddenInputs(inputs, devDependenciesOfPackage());
  if (forbidden.length > 0) {
    throw new Error(
      `the Lambda bundle must not include dev tooling, tests or dev dependencies: ${forbidden.join(
        ', ',
      )}`,
    );
  }
  return { files: [options.outFile, `${options.outFile}.map`] };
}

/** Package name of an input under node_modules (`@scope/name` or `name`). */
function packageOf(input: string): string | undefined {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const name = parts[at + 1];
  return name.startsWith('@') ? `${name}/${parts[at + 2]}` : name;
}

/**
 * Inputs the bundle must not carry: anything outside the package's `src/` (its local
 * tooling in `local/`, test helpers in `testUtils/`, benches, other workspaces), its
 * tests and dev dependencies. A runtime module that starts
 * importing one of them fails the build instead of shipping it.
 */
export function forbiddenInputs(
  inputs: readonly string[],
  devDependencies: ReadonlySet<string>,
): string[] {
  return inputs.filter(input => {
    const pkg = packageOf(input);
    if (pkg) return devDependencies.has(pkg);
    const path = input.split(sep).join('/');
    return !path.startsWith('src/') || /\.test\.ts$/.test(path);
  });
}

function devDependenciesOfPackage(): Set<string> {
  const manifest = JSON.parse(
    readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'),
  ) as { devDependencies?: Record<string, string> };
  return new Set(Object.keys(manifest.devDependencies ?? {}));
}
