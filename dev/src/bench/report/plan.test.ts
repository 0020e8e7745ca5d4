import { benchPlan, DEFAULT_OUT, parseBenchArgs, UsageError } from './plan';

describe('parseBenchArgs', () => {
  it('runs every bench, in report order, by default', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      only: ['limiter', 'pipeline', 'ledger', 'posture'],
      out: DEFAULT_OUT,
      markdown: false,
      passThrough: {},
    });
  });

  it('takes --only in any order and keeps the report order', () => {
    expect(parseBenchArgs(['--only', 'ledger, limiter']).only).toEqual([
      'limiter',
      'ledger',
    ]);
  });

  it.each([
    [['--only', 'limiter,nope']],
    [['--only', ',']],
    [['--limiter-seconds', '0']],
    [['--ledger-runs', 'three']],
    [['--unknown']],
  ])('rejects %j with a usage message', argv => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
  });
});

describe('benchPlan', () => {
  it('runs each bench through its own npm script, silently, with nothing added by default', () => {
    expect(benchPlan(parseBenchArgs(['--only', 'ledger']))).toEqual([
      {
        name: 'ledger',
        command: 'npm',
        args: [
          'run',
          '--silent',
          'bench:ledger',
          '--workspace=@prod-hardening/cost-monitoring',
          '--',
        ],
        env: {},
      },
    ]);
  });

  it('gives --quick short runs and lets a pass-through option override them', () => {
    const plan = benchPlan(
      parseBenchArgs([
        '--quick',
        '--limiter-seconds',
        '3',
        '--ledger-entries',
        '2000',
        '--pipeline-minutes',
        '2',
      ]),
    );
    const of = (name: string) => plan.find(s => s.name === name)!;
    expect(of('limiter').env).toEqual({
      BENCH_SECONDS: '3',
      BENCH_ROUNDS: '1',
    });
    expect(of('pipeline')).toMatchObject({
      env: { PIPELINE_MINUTES: '2' },
      args: expect.arrayContaining(['--quick']),
    });
    const ledgerArgs = of('ledger').args;
    expect(ledgerArgs[ledgerArgs.indexOf('--entries') + 1]).toBe('2000');
    expect(ledgerArgs.filter(a => a === '--entries')).toHaveLength(1);
    expect(of('posture').args.slice(-4)).toEqual([
      '--runs',
      '2',
      '--requests',
      '200',
    ]);
  });

  it('passes an option only to its own bench', () => {
    const [posture] = benchPlan(
      parseBenchArgs([
        '--only',
        'posture',
        '--limiter-rounds',
        '9',
        '--posture-requests',
        '50',
      ]),
    );
    expect(posture.env).toEqual({});
    expect(posture.args.slice(-2)).toEqual(['--requests', '50']);
  });
});
