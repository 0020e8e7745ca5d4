/** Percentile of an unsorted sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[rank];
}

export const round = (value: number, digits = 3) =>
  Number(value.toFixed(digits));

/** Prints rows as an aligned text table. */
export function table(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const widths = columns.map(c =>
    Math.max(c.length, ...rows.map(r => String(r[c]).length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
  return [
    line(columns),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(r => line(columns.map(c => String(r[c])))),
  ].join('\n');
}
