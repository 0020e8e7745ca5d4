import fs from 'node:fs';
import path from 'node:path';

/** A broken rule in a Markdown file, located by its path relative to the repository. */
export interface DocProblem {
  file: string;
  message: string;
}

/** The parts every runbook has, as level-2 headings, in this order. */
export const RUNBOOK_SECTIONS = [
  'Symptoms',
  'Confirm in the portal',
  'Steps',
  'Rollback',
  'Who to tell',
];

/** The portal's tabs; "Confirm in the portal" must send the reader to one of them. */
export const PORTAL_TABS = ['Posture', 'FinOps', 'Throttling', 'Weekly review'];

/** Every `.md` file below a directory, sorted. */
export function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return markdownFiles(full);
      return e.name.endsWith('.md') ? [full] : [];
    })
    .sort();
}

/** The text outside fenced code blocks, line by line (fenced lines become empty). */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map(line => {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (!fence || fence === marker)) {
      fence = fence ? undefined : marker;
      return '';
    }
    return fence ? '' : line;
  });
}

export interface Heading {
  level: number;
  text: string;
  /** Anchor GitHub gives it (`#confirm-in-the-portal`), duplicates numbered. */
  slug: string;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export function slugOf(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  return proseLines(markdown).flatMap(line => {
    const match = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!match) return [];
    const base = slugOf(match[2]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return [
      {
        level: match[1].length,
        text: match[2],
        slug: count ? `${base}-${count}` : base,
      },
    ];
  });
}

/** The text of each level-2 section, by heading. */
function sections(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  const prose = proseLines(markdown);
  let current: string | undefined;
  for (const [i, line] of markdown.split('\n').entries()) {
    const h2 = /^##\s+(.+?)\s*$/.exec(prose[i]);
    if (h2) {
      current = h2[1];
      result.set(current, '');
    } else if (current !== undefined) {
      result.set(current, `${result.get(current)}${line}\n`);
    }
  }
  return result;
}

/** Inline link targets outside code: `[text](target)`, images included. */
export function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of proseLines(markdown)) {
    const withoutCode = line.replace(/`[^`]*`/g, '');
    for (const m of withoutCode.matchAll(
      /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
    ))
      targets.push(m[1]);
  }
  return targets;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Every relative link of the files resolves: the file or directory exists and, when the
 * link has an anchor into a Markdown file, that file has the heading.
 */
export function checkRelativeLinks(
  files: string[],
  repoRoot: string,
): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const file of files) {
    const rel = path.relative(repoRoot, file);
    for (const target of linkTargets(fs.readFileSync(file, 'utf8'))) {
      if (EXTERNAL.test(target)) continue;
      const [pathPart, anchor] = target.split('#', 2);
      const resolved = pathPart
        ? path.resolve(path.dirname(file), decodeURIComponent(pathPart))
        : file;
      if (!resolved.startsWith(repoRoot) || !fs.existsSync(resolved)) {
        problems.push({
          file: rel,
          message: `links to ${target}, which does not exist`,
        });
        continue;
      }
      if (anchor && resolved.endsWith('.md')) {
        const slugs = headings(fs.readFileSync(resolved, 'utf8')).map(
          h => h.slug,
        );
        if (!slugs.includes(anchor.toLowerCase()))
          problems.push({
            file: rel,
            message: `links to ${target}, but ${path.relative(
              repoRoot,
              resolved,
            )} has no heading #${anchor}`,
          });
      }
    }
  }
  return problems;
}

/**
 * A runbook has the five sections in order; the portal section names a tab; the steps
 * are numbered and give at least one command block; rollback and who-to-tell say something.
 */
export function checkRunbook(file: string, markdown: string): DocProblem[] {
  const problems: DocProblem[] = [];
  const problem = (message: string) => problems.push({ file, message });
  const h2 = headings(markdown)
    .filter(h => h.level === 2)
    .map(h => h.text);
  const positions = RUNBOOK_SECTIONS.map(s => h2.indexOf(s));
  RUNBOOK_SECTIONS.forEach((s, i) => {
    if (positions[i] < 0) problem(`has no "## ${s}" section`);
  });
  const present = positions.filter(p => p >= 0);
  if (present.some((p, i) => i > 0 && p < present[i - 1]))
    problem(`sections are not in the order ${RUNBOOK_SECTIONS.join(', ')}`);

  const body = sections(markdown);
  const portal = body.get('Confirm in the portal') ?? '';
  if (
    body.has('Confirm in the portal') &&
    !PORTAL_TABS.some(tab => new RegExp(`\\*\\*${tab}\\*\\* tab`).test(portal))
  )
    problem(
      `"Confirm in the portal" names no tab as **<tab>** tab (${PORTAL_TABS.join(
        ', ',
      )})`,
    );
  const steps = body.get('Steps') ?? '';
  if (body.has('Steps')) {
    if (!/^\s*1\.\s/m.test(steps)) problem('"Steps" is not a numbered list');
    if (!/```(sh|bash|hcl)\n/.test(steps))
      problem('"Steps" has no command block (```sh)');
  }
  for (const s of ['Rollback', 'Who to tell'])
    if (body.has(s) && (body.get(s) ?? '').trim().length < 40)
      problem(`"${s}" is empty`);
  return problems;
}
