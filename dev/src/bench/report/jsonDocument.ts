/**
 * Finds the JSON document in a bench's standard output. The benches print theirs
 * before or after a text table, pretty-printed (limiter, posture, pipeline) or on one
 * line (ledger): a document is an object that starts at the beginning of a line.
 * The last complete one wins, so a bench may print progress objects before its report.
 */
export function lastJsonDocument(output: string): unknown {
  const lines = output.split('\n');
  for (let start = lines.length - 1; start >= 0; start--) {
    if (!lines[start].startsWith('{')) continue;
    // the closing brace of a pretty-printed object is also at the start of a line
    for (let end = start; end < lines.length; end++) {
      if (end > start && !lines[end].startsWith('}')) continue;
      const parsed = tryParse(lines.slice(start, end + 1).join('\n'));
      if (parsed !== undefined) return parsed;
    }
  }
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
