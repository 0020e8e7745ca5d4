import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { execFile } from 'node:child_process';
import { renderModelsFile } from './renderModelFiles';
import { renderRouterFile } from './renderRouterFile';

/** The backend plugin's directory (this file is in its src/cli/openapi). */
export const BACKEND_DIR = resolve(__dirname, '../../..');
const COMMON_DIR = resolve(BACKEND_DIR, '../prod-hardening-common');

/** The single source of the HTTP contract. */
export const OPENAPI_YAML = resolve(BACKEND_DIR, 'src/schema/openapi.yaml');

export interface GeneratedFile {
  /** Absolute path the file is committed at. */
  path: string;
  content: string;
}

const INDEX_OF_GENERATED = `//
export * from './generated';
`;

/**
 * Formats like `prettier --write` would (the repository's config, resolved from the
 * file's path), through the CLI since the installed prettier 2 ships no types.
 */
function formatted(file: GeneratedFile): Promise<GeneratedFile> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      [
        require.resolve('prettier/bin-prettier.js'),
        '--stdin-filepath',
        file.path,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) =>
        err ? fail(err) : done({ path: file.path, content: stdout }),
    );
    child.stdin!.end(file.content);
  });
}

/**
 * Every file generated from openapi.yaml, rendered in memory and formatted as
 * committed: `npm run generate:openapi` writes them, the freshness test compares them.
 */
export async function generateOpenApiFiles(
  yamlPath: string = OPENAPI_YAML,
): Promise<GeneratedFile[]> {
  const spec = parse(await readFile(yamlPath, 'utf8')) as object;
  const backendOut = resolve(BACKEND_DIR, 'src/schema/openapi');
  const commonOut = resolve(COMMON_DIR, 'src/schema/openapi');
  const files: GeneratedFile[] = [
    { path: `${backendOut}/index.ts`, content: INDEX_OF_GENERATED },
    {
      path: `${backendOut}/generated/index.ts`,
      content: "//\nexport * from './router';\n",
    },
    {
      path: `${backendOut}/generated/router.ts`,
      content: renderRouterFile(spec),
    },
    { path: `${commonOut}/index.ts`, content: INDEX_OF_GENERATED },
    {
      path: `${commonOut}/generated/index.ts`,
      content: "//\nexport * from './models';\n",
    },
    {
      path: `${commonOut}/generated/models.ts`,
      content: await renderModelsFile(spec),
    },
  ];
  return Promise.all(files.map(formatted));
}
