/**
 * bench:servicerefs — what reading through the service refs costs another plugin,
 * against the real backend plugin on a seeded moto_server (warm caches):
 *
 * - GET /posture straight over HTTP (the baseline: no token is issued);
 * - postureServiceRef.getSummary() and finOpsServiceRef.getOverview() from a
 *   consuming plugin: a plugin-to-plugin token, discovery, HTTP and JSON;
 *
 * each once with Backstage's test auth services and once with its real ones (a signed
 * JWT issued per call and verified by the backend against the issuer's keys).
 * p50/p99 of N sequential calls. Prints a JSON document, then a table. Run with
 * `npm run bench:servicerefs` (option: --requests N).
 */
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { percentile, round, table } from '@prod-hardening/dev-stack/bench';
import {
  finOpsServiceRef,
  FinOpsService,
  postureServiceRef,
  PostureService,
} from '@prod-hardening/plugin-prod-hardening-node';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { requests: { type: 'string', default: '500' } },
});
const REQUESTS = Number(args.requests);

interface Latency {
  calls: number;
  /** Size of the answer as JSON: what is serialised, sent and parsed per call. */
  kb: number;
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(call: () => Promise<unknown>): Promise<Latency> {
  const t0 = performance.now();
  const first = await call();
  const firstMs = performance.now() - t0;
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    await call();
    latencies.push(performance.now() - start);
  }
  return {
    calls: REQUESTS,
    kb: round(JSON.stringify(first).length / 1024, 1),
    firstMs: round(firstMs, 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
  };
}

/** A consuming plugin that hands its services out. */
function consumer(got: { posture?: PostureService; finops?: FinOpsService }) {
  return createBackendPlugin({
    pluginId: 'bench-consumer',
    register(env) {
      env.registerInit({
        deps: { posture: postureServiceRef, finops: finOpsServiceRef },
        async init({ posture, finops }) {
          got.posture = posture;
          got.finops = finops;
        },
      });
    },
  });
}

async function run(auth: 'test' | 'real') {
  const { startTestBackend } = await import('@backstage/backend-test-utils');
  const { authServiceFactory } = await import(
    '@backstage/backend-defaults/auth'
  );
  const { httpAuthServiceFactory } = await import(
    '@backstage/backend-defaults/httpAuth'
  );
  const { prodHardeningPlugin } = await import('../src/plugin');
  const { pluginConfig, startSeededMoto } = await import(
    '../src/testUtils/localAccount'
  );
  const STATIC_TOKEN = 'bench-static-token-0123456789';
  const { moto, resources } = await startSeededMoto();
  try {
    const got: { posture?: PostureService; finops?: FinOpsService } = {};
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({
          endpoint: moto.endpoint,
          resources,
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: STATIC_TOKEN, subject: 'bench' },
                },
              ],
            },
          },
        }),
        ...(auth === 'real'
          ? [authServiceFactory, httpAuthServiceFactory]
          : []),
        consumer(got),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/prod-hardening/posture`;
    // A token the chosen auth service accepts without issuing one per call.
    const headers =
      auth === 'real' ? { Authorization: `Bearer ${STATIC_TOKEN}` } : undefined;
    const direct = await measure(async () => {
      const res = await fetch(url, { headers });
      if (!res.ok) throw new Error(`GET /posture answered ${res.status}`);
      return res.json();
    });
    const summary = await measure(() => got.posture!.getSummary());
    const overview = await measure(() => got.finops!.getOverview());
    await server.close?.();
    return { auth, direct, summary, overview };
  } finally {
    await moto.stop();
  }
}

async function main() {
  const runs = [await run('test'), await run('real')];
  const report = {
    benchmark: 'servicerefs',
    node: process.version,
    requests: REQUESTS,
    runs,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
  process.stdout.write(
    `${table(
      runs.flatMap(r =>
        (
          [
            ['GET /posture over HTTP', r.direct],
            ['postureServiceRef.getSummary()', r.summary],
            ['finOpsServiceRef.getOverview()', r.overview],
          ] as const
        ).map(([what, l]) => ({
          auth: r.auth,
          call: what,
          KB: l.kb,
          'first ms': l.firstMs,
          'p50 ms': l.p50Ms,
          'p99 ms': l.p99Ms,
        })),
      ),
    )}\n`,
  );
}

main().then(
  () => process.exit(0),
  err => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
