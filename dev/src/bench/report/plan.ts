/**
 * `npm run bench` options and what each bench is run with. Every bench keeps its own
 * CLI; this only maps the one report's options onto them.
 */
import { parseArgs } from 'node:util';
import { BENCH_NAMES, BenchName } from './row';

export const DEFAULT_OUT = 'bench-results/latest.json';

/** Options passed through to one bench, as flags or environment variables. */
const PASS_THROUGH = {
  'limiter-seconds': { bench: 'limiter', env: 'BENCH_SECONDS' },
  'limiter-rounds': { bench: 'limiter', env: 'BENCH_ROUNDS' },
  'pipeline-minutes': { bench: 'pipeline', env: 'PIPELINE_MINUTES' },
  'ledger-runs': { bench: 'ledger', flag: '--runs' },
  'ledger-entries': { bench: 'ledger', flag: '--entries' },
  'posture-runs': { bench: 'posture', flag: '--runs' },
  'posture-requests': { bench: 'posture', flag: '--requests' },
} as const satisfies Record<
  string,
  { bench: BenchName; env?: string; flag?: string }
>;
type PassThrough = keyof typeof PASS_THROUGH;

/**
 * `--quick`: a smoke run of a few minutes, mostly the pipeline's one-minute scenario.
 * Its numbers show that everything runs and roughly where it stands; the limiter's
 * and ledger's come from single short runs, the pipeline's from a lower load.
 */
const QUICK: Record<
  BenchName,
  { env?: Record<string, string>; args?: string[] }
> = {
  limiter: { env: { BENCH_SECONDS: '1', BENCH_ROUNDS: '1' } },
  pipeline: { args: ['--quick'] },
  ledger: {
    args: [
      '--runs',
      '1',
      '--entries',
      '1000',
      '--history',
      '500',
      '--named-entries',
      '20',
      '--queries',
      '10',
    ],
  },
  posture: { args: ['--runs', '2', '--requests', '200'] },
};

/** Where each bench's npm script lives. */
const WORKSPACE: Record<BenchName, { workspace: string; script: string }> = {
  limiter: {
    workspace: '@prod-hardening/rate-limiter',
    script: 'bench:limiter',
  },
  pipeline: {
    workspace: '@prod-hardening/rate-limiter',
    script: 'bench:pipeline',
  },
  ledger: {
    workspace: '@prod-hardening/cost-monitoring',
    script: 'bench:ledger',
  },
  posture: {
    workspace: '@prod-hardening/plugin-prod-hardening-backend',
    script: 'bench:posture',
  },
};

export interface BenchOptions {
  quick: boolean;
  only: BenchName[];
  out: string;
  markdown: boolean;
  passThrough: Partial<Record<PassThrough, string>>;
}

export interface BenchSpec {
  name: BenchName;
  /** The command, run from the repository root. */
  command: string;
  args: string[];
  env: Record<string, string>;
}

export class UsageError extends Error {}

export const USAGE = `npm run bench -- [--quick] [--only ${BENCH_NAMES.join(
  ',',
)}] [--out ${DEFAULT_OUT}] [--markdown]
  pass-through: ${Object.keys(PASS_THROUGH)
    .map(o => `--${o} N`)
    .join(' ')}`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string', default: DEFAULT_OUT },
        markdown: { type: 'boolean', default: false },
        ...Object.fromEntries(
          Object.keys(PASS_THROUGH).map(o => [o, { type: 'string' as const }]),
        ),
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const only = values.only
    ? values.only
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)
    : [...BENCH_NAMES];
  const unknown = only.filter(
    n => !(BENCH_NAMES as readonly string[]).includes(n),
  );
  if (unknown.length > 0 || only.length === 0) {
    throw new UsageError(
      `--only takes a comma-separated list of ${BENCH_NAMES.join(', ')}; got "${
        values.only
      }"`,
    );
  }
  const passThrough: BenchOptions['passThrough'] = {};
  for (const option of Object.keys(PASS_THROUGH) as PassThrough[]) {
    const raw = (values as Record<string, unknown>)[option];
    if (raw === undefined) continue;
    const number = Number(raw);
    if (typeof raw !== 'string' || !(number > 0) || !Number.isFinite(number)) {
      throw new UsageError(`--${option} takes a positive number; got "${raw}"`);
    }
    passThrough[option] = raw;
  }
  return {
    quick: values.quick ?? false,
    // in the order the report lists them, whatever order --only gave
    only: BENCH_NAMES.filter(n => only.includes(n)),
    out: values.out ?? DEFAULT_OUT,
    markdown: values.markdown ?? false,
    passThrough,
  };
}

/** Replaces `flag`'s value in `args`, or appends the flag. */
function withFlag(args: string[], flag: string, value: string): string[] {
  const i = args.indexOf(flag);
  return i === -1
    ? [...args, flag, value]
    : [...args.slice(0, i + 1), value, ...args.slice(i + 2)];
}

export function benchPlan(options: BenchOptions): BenchSpec[] {
  return options.only.map(name => {
    const quick = options.quick ? QUICK[name] : {};
    let args = [...(quick.args ?? [])];
    const env = { ...(quick.env ?? {}) };
    for (const [option, value] of Object.entries(options.passThrough)) {
      const target: { bench: BenchName; env?: string; flag?: string } =
        PASS_THROUGH[option as PassThrough];
      if (target.bench !== name || value === undefined) continue;
      if (target.env) env[target.env] = value;
      if (target.flag) args = withFlag(args, target.flag, value);
    }
    const { workspace, script } = WORKSPACE[name];
    return {
      name,
      command: 'npm',
      // --silent: npm's own banner would otherwise share stdout with the report
      args: [
        'run',
        '--silent',
        script,
        `--workspace=${workspace}`,
        '--',
        ...args,
      ],
      env,
    };
  });
}
