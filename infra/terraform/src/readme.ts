import { singleInterpolation } from './expressions';
import { outputs, TfModule, variables } from './module';

export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

function code(text: string): string {
  return `\`${cell(text)}\``;
}

/** Inputs and outputs tables in the style of terraform-docs, generated from the parsed module. */
export function renderDocs(mod: TfModule): string {
  const inputs = [...variables(mod)].sort((a, b) => {
    const req = Number(!('default' in a.body)) - Number(!('default' in b.body));
    return req !== 0 ? -req : a.name.localeCompare(b.name);
  });
  const lines = [
    BEGIN,
    '## Inputs',
    '',
    '| Name | Description | Type | Default | Required |',
    '|------|-------------|------|---------|:--------:|',
    ...inputs.map(v => {
      const type = singleInterpolation(v.body.type) ?? String(v.body.type);
      const required = !('default' in v.body);
      const def = required ? 'n/a' : code(JSON.stringify(v.body.default));
      return `| ${v.name} | ${cell(String(v.body.description ?? ''))} | ${code(
        type,
      )} | ${def} | ${required ? 'yes' : 'no'} |`;
    }),
    '',
    '## Outputs',
    '',
    '| Name | Description |',
    '|------|-------------|',
    ...[...outputs(mod)]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(o => `| ${o.name} | ${cell(String(o.body.description ?? ''))} |`),
    END,
  ];
  return lines.join('\n');
}

/** The README with its generated section replaced by `docs`. */
export function replaceDocs(readme: string, docs: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`README has no ${BEGIN} ... ${END} section`);
  return readme.slice(0, start) + docs + readme.slice(end + END.length);
}

export function currentDocs(readme: string): string | undefined {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  return start < 0 || end < start
    ? undefined
    : readme.slice(start, end + END.length);
}
