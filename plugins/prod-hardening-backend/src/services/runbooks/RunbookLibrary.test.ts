import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findRunbookDirectory, RunbookLibrary } from './RunbookLibrary';

describe('RunbookLibrary', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbooks-'));
    await writeFile(join(dir, 'README.md'), '# Index\n');
    await writeFile(
      join(dir, 'rate-limiter.md'),
      '# Runbook: rate limiter\n\nSteps.',
    );
    await writeFile(join(dir, 'notes.txt'), 'not a runbook');
    await writeFile(join(dir, 'Bad Name.md'), '# ignored');
  });

  it('serves the Markdown runbooks of the directory, titled by their first heading', async () => {
    const library = await RunbookLibrary.open(dir);
    expect(await library.list()).toEqual([
      { id: 'rate-limiter', title: 'Rate limiter' },
    ]);
    expect((await library.get('rate-limiter')).markdown).toContain('Steps.');
  });

  it('answers 404 for anything not listed, including paths out of the directory', async () => {
    const library = await RunbookLibrary.open(dir);
    for (const id of [
      'README',
      'notes',
      '../rate-limiter',
      '..%2Fetc%2Fpasswd',
      'Bad Name',
    ]) {
      await expect(library.get(id)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    }
  });

  it('says how to configure the directory when none was found', async () => {
    const library = await RunbookLibrary.open(undefined);
    expect(await library.list()).toEqual([]);
    await expect(library.get('rate-limiter')).rejects.toThrow(
      /prodHardening\.runbooks\.directory/,
    );
  });

  it("finds the repository's docs/runbooks from any folder below it", async () => {
    const nested = join(dir, '..', 'repo-like', 'packages', 'backend');
    await mkdir(join(dir, '..', 'repo-like', 'docs', 'runbooks'), {
      recursive: true,
    });
    await writeFile(
      join(dir, '..', 'repo-like', 'docs', 'runbooks', 'README.md'),
      '#',
    );
    await mkdir(nested, { recursive: true });
    expect(findRunbookDirectory(nested)).toBe(
      resolve(dir, '..', 'repo-like', 'docs', 'runbooks'),
    );
    // This repository's own runbooks are found from the plugin's folder.
    const repo = findRunbookDirectory(__dirname);
    expect(repo).toMatch(/docs[\\/]runbooks$/);
    const library = await RunbookLibrary.open(repo);
    expect((await library.list()).map(r => r.id)).toEqual(
      expect.arrayContaining([
        'elasticache-migration',
        'rate-limiter',
        'cost-alerts',
        'security-incident',
      ]),
    );
  });
});
