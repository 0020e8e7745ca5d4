/**
 * bench:posture — the cost of the posture feature at scale, with the real code:
 *
 * 1. aggregation of 10k and 50k generated ASFF findings: normalise (severity
 *    included), score (Security Hub's passed ÷ evaluated over the control findings)
 *    and filter/sort/page as GET /findings does: time (median of several runs), heap
 *    growth and the process's peak RSS;
 * 2. GET /posture served from the warm cache by the real plugin over HTTP (test
 *    backend in front of a seeded moto_server): p50/p99 latency of N requests.
 *
 * Prints a JSON document, then a table. Run with `npm run bench:posture`
 * (options: --requests N, --runs N).
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
// The dev stack's bench helpers and the seed's generator, without the stack itself,
// so the memory figures stay the findings'.
import {
  percentile,
  round,
  seededRandom,
  table,
} from '@prod-hardening/dev-stack/bench';
import type { CheckStatus } from '@prod-hardening/plugin-prod-hardening-common';
import {
  AsffFinding,
  isOpenActiveFinding,
  normalizeFinding,
  queryFindings,
} from '../src/domain/posture/findings';
import { computeScore } from '../src/domain/posture/score';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
  },
});
const REQUESTS = Number(args.requests);
const RUNS = Number(args.runs);
const SIZES = [10_000, 50_000];

const CONTROLS = [
  'S3.1',
  'S3.2',
  'ElastiCache.4',
  'CloudTrail.1',
  'ECS.12',
  'SQS.1',
  'DynamoDB.2',
  'IAM.1',
];
const PRODUCTS = ['Security Hub', 'GuardDuty', 'Inspector', 'Macie'];
const LABELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
const COMPLIANCE = ['PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE'];
const WORKFLOW = ['NEW', 'NEW', 'NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'];
const TYPES = [
  'AwsS3Bucket',
  'AwsEc2Instance',
  'AwsIamRole',
  'AwsEcsCluster',
  'AwsSqsQueue',
];

/** ASFF as Security Hub returns it, with the spread of a busy account. */
function generateFindings(count: number, seed = 42): AsffFinding[] {
  const random = seededRandom(seed);
  const { pick } = random;
  const base = Date.parse('2026-11-20T12:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const product = pick(PRODUCTS);
    const control = product === 'Security Hub' ? pick(CONTROLS) : undefined;
    const seen = base - random.int(0, 90 * 86_400_000);
    const type = pick(TYPES);
    return {
      Id: `arn:aws:securityhub:us-east-1:123456789012:finding/${i
        .toString(16)
        .padStart(8, '0')}`,
      Title: `${control ?? product} finding ${i % 997} on ${type}`,
      Description: 'Generated for the posture benchmark.',
      ProductName: product,
      AwsAccountId: '123456789012',
      Region: 'us-east-1',
      FirstObservedAt: new Date(seen - 86_400_000).toISOString(),
      LastObservedAt: new Date(seen).toISOString(),
      RecordState: random.chance(0.9) ? 'ACTIVE' : 'ARCHIVED',
      // Half the findings carry only the normalized score, as some products send.
      Severity: random.chance(0.5)
        ? { Label: pick(LABELS) }
        : { Normalized: random.int(0, 100) },
      Compliance: control
        ? { Status: pick(COMPLIANCE), SecurityControlId: control }
        : undefined,
      Workflow: { Status: pick(WORKFLOW) },
      Resources: [
        {
          Type: type,
          Id: `${type.toLowerCase()}-${i % 5003}`,
          Region: 'us-east-1',
        },
      ],
      Remediation: {
        Recommendation: {
          Text: 'See the control documentation.',
          Url: 'https://docs.aws.amazon.com/securityhub/',
        },
      },
    };
  });
}

const COMPLIANCE_STATUS: Record<string, CheckStatus> = {
  PASSED: 'PASS',
  FAILED: 'FAIL',
  WARNING: 'WARN',
  NOT_AVAILABLE: 'ERROR',
};

/** What the backend does with a fresh GetFindings result, then three page views. */
function aggregate(raw: AsffFinding[]) {
  const findings = raw.filter(isOpenActiveFinding).map(normalizeFinding);
  const score = computeScore(
    findings
      .filter(f => f.complianceStatus)
      .map(f => ({
        status: COMPLIANCE_STATUS[f.complianceStatus!],
        severity: f.severity,
      })),
  );
  const pages = [
    queryFindings(findings, {}),
    queryFindings(findings, {
      severity: ['CRITICAL', 'HIGH'],
      sort: 'lastSeen',
      order: 'desc',
      page: 3,
      pageSize: 50,
    }),
    queryFindings(findings, {
      search: 'awsiamrole',
      product: ['Security Hub'],
      sort: 'title',
      pageSize: 200,
    }),
  ];
  return { findings, score, totals: pages.map(p => p.total) };
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

function benchAggregation(size: number) {
  const raw = generateFindings(size);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  // Held like the service's findings cache, so the heap growth is what stays.
  let result = aggregate(raw);
  global.gc?.();
  const heapRetained = process.memoryUsage().heapUsed - heapBefore;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    result = aggregate(raw);
    times.push(performance.now() - t0);
  }
  return {
    findings: size,
    openFindings: result.findings.length,
    securityHubPercent: result.score.securityHubPercent,
    medianMs: round(percentile(times, 50), 1),
    maxMs: round(Math.max(...times), 1),
    heapDeltaMb: mb(heapRetained),
    // resourceUsage().maxRSS is in kilobytes and only grows: the peak so far.
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

async function benchPostureApi() {
  // Loaded only now, so the aggregation's memory figures do not include Backstage.
  const { startTestBackend } = await import('@backstage/backend-test-utils');
  const { prodHardeningPlugin } = await import('../src/plugin');
  const { pluginConfig, startSeededMoto } = await import(
    '../src/testUtils/localAccount'
  );
  const { moto, resources } = await startSeededMoto();
  try {
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: moto.endpoint, resources }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/prod-hardening/posture`;
    const cold0 = performance.now();
    const first = await fetch(url);
    if (!first.ok) throw new Error(`GET /posture answered ${first.status}`);
    await first.json();
    const coldMs = performance.now() - cold0;
    const latencies: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET /posture answered ${res.status}`);
      latencies.push(performance.now() - t0);
    }
    await server.close?.();
    return {
      requests: REQUESTS,
      coldMs: round(coldMs, 1),
      p50Ms: round(percentile(latencies, 50), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      maxMs: round(Math.max(...latencies), 2),
    };
  } finally {
    await moto.stop();
  }
}

async function main() {
  const aggregation = SIZES.map(benchAggregation);
  const api = await benchPostureApi();
  const report = {
    benchmark: 'posture',
    node: process.version,
    gcExposed: Boolean(global.gc),
    runsPerSize: RUNS,
    aggregation,
    postureApiFromCache: api,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
  process.stdout.write(
    `${table(
      aggregation.map(a => ({
        findings: a.findings,
        open: a.openFindings,
        'median ms': a.medianMs,
        'max ms': a.maxMs,
        'heap Δ MB': a.heapDeltaMb,
        'peak RSS MB': a.peakRssMb,
      })),
    )}\n\n`,
  );
  process.stdout.write(
    `${table([
      {
        'GET /posture (warm cache)': `${api.requests} requests`,
        'first (cold) ms': api.coldMs,
        'p50 ms': api.p50Ms,
        'p99 ms': api.p99Ms,
        'max ms': api.maxMs,
      },
    ])}\n`,
  );
}

main().then(
  () => process.exit(0),
  err => {
    process.stderr.write(`bench:posture failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
