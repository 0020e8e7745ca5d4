import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkRelativeLinks,
  checkRunbook,
  headings,
  linkTargets,
  markdownFiles,
  RUNBOOK_SECTIONS,
} from '../src/docs';
import { REPO_ROOT } from '../src/paths';

const DOCS_DIR = path.join(REPO_ROOT, 'docs');
const RUNBOOKS_DIR = path.join(DOCS_DIR, 'runbooks');
const runbooks = markdownFiles(RUNBOOKS_DIR).filter(
  f => path.basename(f) !== 'README.md',
);

const format = (problems: { file: string; message: string }[]) =>
  problems.map(p => `${p.file}: ${p.message}`).join('\n');

describe('on-call runbooks (docs/runbooks)', () => {
  it("covers the seed's four runbooks", () => {
    expect(runbooks.map(f => path.basename(f)).sort()).toEqual(
      expect.arrayContaining([
        'cost-alerts.md',
        'elasticache-migration.md',
        'rate-limiter.md',
        'security-incident.md',
      ]),
    );
  });

  it.each(runbooks.map(f => [path.relative(REPO_ROOT, f), f]))(
    `%s has ${RUNBOOK_SECTIONS.join(
      ', ',
    )}, a portal tab, numbered steps with commands`,
    (rel, file) => {
      expect(format(checkRunbook(rel, fs.readFileSync(file, 'utf8')))).toBe('');
    },
  );

  it('indexes every runbook in docs/runbooks/README.md', () => {
    const index = linkTargets(
      fs.readFileSync(path.join(RUNBOOKS_DIR, 'README.md'), 'utf8'),
    );
    expect(
      runbooks.map(f => path.basename(f)).filter(f => !index.includes(f)),
    ).toEqual([]);
  });

  it('resolves every relative link under docs/, anchors included', () => {
    const files = markdownFiles(DOCS_DIR);
    expect(files.length).toBeGreaterThan(runbooks.length);
    expect(format(checkRelativeLinks(files, REPO_ROOT))).toBe('');
  });
});

describe('the runbook and link checks themselves', () => {
  const complete = [
    '# Runbook: x',
    '## Symptoms',
    'An alarm fires.',
    '## Confirm in the portal',
    '1. Open the **Throttling** tab.',
    '## Steps',
    '1. Look:',
    '   ```sh',
    '   aws sqs list-queues',
    '   ```',
    '## Rollback',
    'Move the alias back to the previous version with aws lambda update-alias.',
    '## Who to tell',
    'Post in #ops when you start and when you are done, with what you did.',
  ].join('\n');

  it('accepts a runbook with every part', () => {
    expect(checkRunbook('x.md', complete)).toEqual([]);
  });

  it('names the missing section, an unnamed tab and steps without commands', () => {
    const broken = complete
      .replace(/## Rollback\n.*\n/, '')
      .replace('**Throttling** tab', 'portal')
      .replace(/```sh\n.*\n\s*```/, 'run the command');
    expect(checkRunbook('x.md', broken).map(p => p.message)).toEqual([
      'has no "## Rollback" section',
      '"Confirm in the portal" names no tab as **<tab>** tab (Posture, FinOps, Throttling, Weekly review)',
      '"Steps" has no command block (```sh)',
    ]);
  });

  it('notices sections out of order', () => {
    const swapped = complete
      .replace('## Symptoms', '## Tmp')
      .replace('## Steps', '## Symptoms')
      .replace('## Tmp', '## Steps');
    expect(checkRunbook('x.md', swapped).map(p => p.message)).toContain(
      `sections are not in the order ${RUNBOOK_SECTIONS.join(', ')}`,
    );
  });

  it('reads headings and links outside code only, with GitHub anchors', () => {
    const md = [
      '## Confirm in the portal',
      '## Steps',
      '## Steps',
      '```sh',
      '# not a heading [nor a link](nowhere.md)',
      '```',
      'See [the steps](#steps-1) and `[code](skipped.md)`.',
    ].join('\n');
    expect(headings(md).map(h => h.slug)).toEqual([
      'confirm-in-the-portal',
      'steps',
      'steps-1',
    ]);
    expect(linkTargets(md)).toEqual(['#steps-1']);
  });

  it('reports a missing file and a missing anchor, naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-check-'));
    try {
      fs.writeFileSync(path.join(dir, 'b.md'), '# B\n## Steps\n');
      fs.writeFileSync(
        path.join(dir, 'a.md'),
        '[ok](b.md#steps) [gone](c.md) [no anchor](b.md#rollback) [web](https://example.com)\n',
      );
      expect(checkRelativeLinks([path.join(dir, 'a.md')], dir)).toEqual([
        { file: 'a.md', message: 'links to c.md, which does not exist' },
        {
          file: 'a.md',
          message: 'links to b.md#rollback, but b.md has no heading #rollback',
        },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
