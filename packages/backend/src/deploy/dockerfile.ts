/**
 * A Dockerfile parser for the instructions packages/backend/Dockerfile uses, so a test
 * can perform its steps without a Docker engine. Anything else is an error rather than
 * silently skipped: a step the test cannot perform must not pass unnoticed.
 */

export type DockerInstruction =
  | { kind: 'FROM'; image: string; line: number }
  | { kind: 'ENV'; vars: Record<string, string>; line: number }
  | { kind: 'WORKDIR'; path: string; line: number }
  | { kind: 'USER'; user: string; line: number }
  | {
      kind: 'COPY';
      sources: string[];
      destination: string;
      flags: Record<string, string>;
      line: number;
    }
  | {
      kind: 'RUN';
      command: string;
      /** `--mount=` values, e.g. `type=cache,target=/home/node/.npm`. */
      mounts: Array<Record<string, string>>;
      line: number;
    }
  | { kind: 'EXPOSE'; ports: number[]; line: number }
  | { kind: 'CMD'; argv: string[]; line: number };

export class DockerfileSyntaxError extends Error {
  constructor(line: number, message: string) {
    super(`Dockerfile line ${line}: ${message}`);
    this.name = 'DockerfileSyntaxError';
  }
}

/** Logical lines: comments dropped, `\` continuations joined, with their first line number. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comment lines (including parser directives) are dropped, also inside a continuation.
    if (trimmed.startsWith('#')) return;
    if (!current) {
      if (trimmed === '') return;
      current = { text: '', line: index + 1 };
    }
    if (trimmed.endsWith('\\')) {
      current.text += `${trimmed.slice(0, -1).trim()} `;
    } else {
      current.text += trimmed;
      out.push({ text: current.text.trim(), line: current.line });
      current = undefined;
    }
  });
  if (current) out.push({ text: current.text.trim(), line: current.line });
  return out;
}

/** Splits on whitespace, keeping "double-quoted" parts inside a word (quotes removed). */
function words(text: string, line: number): string[] {
  const tokens = text.match(/(?:[^\s"]+|"(?:[^"\\]|\\.)*")+|"/g) ?? [];
  return tokens.map(token => {
    const unquoted = token.replace(/"((?:[^"\\]|\\.)*)"/g, (_, inner: string) =>
      inner.replace(/\\(.)/g, '$1'),
    );
    if (token === '"' || /"/.test(token.replace(/"(?:[^"\\]|\\.)*"/g, '')))
      throw new DockerfileSyntaxError(line, `unbalanced quote in ${token}`);
    return unquoted;
  });
}

/** `--name=value` flags at the start of an instruction's arguments, and the rest. */
function leadingFlags(text: string): {
  flags: Array<[string, string]>;
  rest: string;
} {
  const flags: Array<[string, string]> = [];
  let rest = text;
  const flag = /^--([a-z-]+)=(\S+)\s*/;
  for (let match = flag.exec(rest); match !== null; match = flag.exec(rest)) {
    flags.push([match[1], match[2]]);
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** `type=cache,target=/x,uid=1000` -> { type: 'cache', target: '/x', uid: '1000' }. */
function keyValues(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split(',').map(pair => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function parseEnv(args: string, line: number): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const word of words(args, line)) {
    const at = word.indexOf('=');
    if (at <= 0)
      throw new DockerfileSyntaxError(
        line,
        `ENV takes KEY=value pairs, got "${word}"`,
      );
    vars[word.slice(0, at)] = word.slice(at + 1);
  }
  return vars;
}

function parseExecForm(args: string, line: number): string[] {
  let argv: unknown;
  try {
    argv = JSON.parse(args);
  } catch {
    throw new DockerfileSyntaxError(
      line,
      'CMD must be in exec form: a JSON array of strings',
    );
  }
  if (!Array.isArray(argv) || !argv.every(a => typeof a === 'string'))
    throw new DockerfileSyntaxError(
      line,
      'CMD must be a JSON array of strings',
    );
  return argv;
}

export function parseDockerfile(text: string): DockerInstruction[] {
  return logicalLines(text).map(({ text: source, line }) => {
    const match = /^(\S+)\s*(.*)$/.exec(source)!;
    const keyword = match[1].toUpperCase();
    const args = match[2];
    if (args === '')
      throw new DockerfileSyntaxError(line, `${keyword} has no arguments`);
    switch (keyword) {
      case 'FROM':
        return { kind: 'FROM', image: words(args, line)[0], line };
      case 'ENV':
        return { kind: 'ENV', vars: parseEnv(args, line), line };
      case 'WORKDIR':
        return { kind: 'WORKDIR', path: args, line };
      case 'USER':
        return { kind: 'USER', user: args, line };
      case 'EXPOSE':
        return {
          kind: 'EXPOSE',
          ports: words(args, line).map(p => Number(p.replace(/\/tcp$/, ''))),
          line,
        };
      case 'CMD':
        return { kind: 'CMD', argv: parseExecForm(args, line), line };
      case 'COPY': {
        const { flags, rest } = leadingFlags(args);
        const paths = words(rest, line);
        if (paths.length < 2)
          throw new DockerfileSyntaxError(
            line,
            'COPY needs a source and a destination',
          );
        return {
          kind: 'COPY',
          sources: paths.slice(0, -1),
          destination: paths[paths.length - 1],
          flags: Object.fromEntries(flags),
          line,
        };
      }
      case 'RUN': {
        const { flags, rest } = leadingFlags(args);
        const unknown = flags.filter(([name]) => name !== 'mount');
        if (unknown.length > 0)
          throw new DockerfileSyntaxError(
            line,
            `RUN flag --${unknown[0][0]} is not supported`,
          );
        return {
          kind: 'RUN',
          command: rest,
          mounts: flags.map(([, value]) => keyValues(value)),
          line,
        };
      }
      default:
        throw new DockerfileSyntaxError(
          line,
          `${keyword} is not an instruction this parser performs`,
        );
    }
  });
}
