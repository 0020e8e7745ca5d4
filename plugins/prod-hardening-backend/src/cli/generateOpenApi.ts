/**
 * Writes the files generated from src/schema/openapi.yaml (the typed server router
 * here, the wire types in -common), or with --check lists the stale ones and exits 1.
 *
 *   npm run generate:openapi [-- --check]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BACKEND_DIR,
  GeneratedFile,
  generateOpenApiFiles,
} from './openapi/generateOpenApiFiles';

/** The generated files whose committed content differs from a fresh generation. */
export async function staleGeneratedFiles(
  files: GeneratedFile[],
): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    const committed = await readFile(file.path, 'utf8').catch(() => undefined);
    if (committed !== file.content) stale.push(file.path);
  }
  return stale;
}

async function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
  const files = await generateOpenApiFiles();
  const show = (path: string) => relative(BACKEND_DIR, path);
  if (values.check) {
    const stale = await staleGeneratedFiles(files);
    for (const path of stale) process.stdout.write(`stale: ${show(path)}\n`);
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  for (const file of files) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
    process.stdout.write(`wrote ${show(file.path)}\n`);
  }
}

if (require.main === module) {
  main().catch(err => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exitCode = 2;
  });
}
