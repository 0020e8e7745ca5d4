import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleGeneratedFiles } from '../cli/generateOpenApi';
import {
  generateOpenApiFiles,
  OPENAPI_YAML,
} from '../cli/openapi/generateOpenApiFiles';

jest.setTimeout(60_000);

describe('files generated from openapi.yaml', () => {
  it('are committed as `npm run generate:openapi` writes them', async () => {
    const files = await generateOpenApiFiles();
    expect(files.map(f => f.path)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /backend\/src\/schema\/openapi\/generated\/router\.ts$/,
        ),
        expect.stringMatching(
          /common\/src\/schema\/openapi\/generated\/models\.ts$/,
        ),
      ]),
    );
    await expect(staleGeneratedFiles(files)).resolves.toEqual([]);
  });

  it('are reported stale once the contract changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
    try {
      const edited = join(dir, 'openapi.yaml');
      const yaml = await readFile(OPENAPI_YAML, 'utf8');
      await writeFile(
        edited,
        yaml.replace('title: prod-hardening', 'title: changed'),
      );
      const stale = await staleGeneratedFiles(
        await generateOpenApiFiles(edited),
      );
      expect(stale).toEqual([
        expect.stringMatching(
          /backend\/src\/schema\/openapi\/generated\/router\.ts$/,
        ),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
