/**
 * Escapes text for a Markdown table cell: a pipe would end the cell, a newline the row,
 * and < > [ ] ` * _ \ would turn a service name or alert message into HTML, links or
 * emphasis. A backslash before ASCII punctuation shows it literally (CommonMark).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|]/g, '\\$&');
}

export type Align = 'left' | 'right';

/** A GitHub-flavoured Markdown table; cells are escaped here. */
export function markdownTable(
  columns: readonly { title: string; align?: Align }[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${columns
    .map(c => (c.align === 'right' ? ' ---: ' : ' --- '))
    .join('|')}|`;
  return [line(columns.map(c => c.title)), rule, ...rows.map(line)].join('\n');
}
