import { NotFoundError } from '@backstage/errors';
import type {
  Runbook,
  RunbookSummary,
} from '@prod-hardening/plugin-prod-hardening-common';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** A runbook id: the file name without `.md`; nothing that could leave the directory. */
export const RUNBOOK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The first `docs/runbooks` found walking up from `start`: the repository's runbooks
 * whether the backend runs from the repository root or from packages/backend.
 */
export function findRunbookDirectory(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'docs', 'runbooks');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The on-call runbooks, read from one directory of Markdown files. Only the files
 * listed at start-up can be served: an id is looked up, never joined into a path.
 */
export class RunbookLibrary {
  private constructor(
    private readonly directory: string | undefined,
    private readonly files: Map<string, string>,
  ) {}

  static async open(directory: string | undefined): Promise<RunbookLibrary> {
    const files = new Map<string, string>();
    if (directory) {
      for (const name of (await readdir(directory)).sort()) {
        const id = name.replace(/\.md$/, '');
        if (
          name.endsWith('.md') &&
          name !== 'README.md' &&
          RUNBOOK_ID.test(id)
        ) {
          files.set(id, join(directory, name));
        }
      }
    }
    return new RunbookLibrary(directory, files);
  }

  async list(): Promise<RunbookSummary[]> {
    return Promise.all(
      [...this.files.keys()].map(async id => {
        const { title } = await this.get(id);
        return { id, title };
      }),
    );
  }

  async get(id: string): Promise<Runbook> {
    const file = this.files.get(id);
    if (!file) {
      throw new NotFoundError(
        this.directory
          ? `There is no runbook "${id}". Known runbooks: ${[
              ...this.files.keys(),
            ].join(', ')}.`
          : 'No runbook directory was found: set prodHardening.runbooks.directory.',
      );
    }
    const markdown = await readFile(file, 'utf8');
    // "# Runbook: rate limiter (…)" is listed as "Rate limiter (…)".
    const heading = /^#\s+(.+)$/m.exec(markdown)?.[1].trim();
    const bare = heading?.replace(/^Runbook:\s*/i, '');
    const title = bare ? bare[0].toUpperCase() + bare.slice(1) : id;
    return { id, title, markdown };
  }
}
