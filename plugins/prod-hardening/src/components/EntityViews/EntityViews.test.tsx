import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type {
  CheckResult,
  EntitySummary,
} from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { isProdHardeningAvailable } from '../../utils/entities';
import { EntityProdHardeningCard } from './EntityProdHardeningCard';
import { EntityProdHardeningContent } from './EntityProdHardeningContent';

const web: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'web',
    namespace: 'default',
    annotations: {
      'prod-hardening.io/aws-arns':
        'arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production',
    },
  },
  spec: { type: 'service', owner: 'team-web' },
};

const check: CheckResult = {
  id: 'ecs-container-insights',
  title: 'Container Insights on the ECS clusters',
  pillar: 'observability',
  control: 'ECS.12',
  severity: 'MEDIUM',
  status: 'FAIL',
  summary: '',
  resources: [
    {
      resourceId:
        'arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production',
      resourceType: 'AwsEcsCluster',
      status: 'FAIL',
      evidence: 'containerInsights=disabled',
    },
  ],
  remediation: { kind: 'automated', why: '' },
  canAutoRemediate: true,
  evaluatedAt: '2026-11-20T12:00:00Z',
};

const summary: EntitySummary = {
  entityRef: 'component:default/web',
  kind: 'Component',
  generatedAt: '2026-11-20T12:00:00Z',
  rollup: false,
  members: [{ entityRef: 'component:default/web', mapped: true }],
  arns: ['arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production'],
  posture: {
    score: {
      securityHubPercent: 0,
      severityWeightedPercent: 0,
      passed: 0,
      failed: 1,
      warned: 0,
      errored: 0,
    },
    checks: [check],
    findings: {
      total: 2,
      bySeverity: {
        CRITICAL: 0,
        HIGH: 1,
        MEDIUM: 1,
        LOW: 0,
        INFORMATIONAL: 0,
      },
      items: [
        {
          id: 'f1',
          title: 'Cryptocurrency mining on the web cluster',
          severity: 'HIGH',
          product: 'GuardDuty',
          workflowStatus: 'NEW',
          resourceType: 'AwsEcsCluster',
          resourceId:
            'arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production',
          region: 'us-east-1',
          accountId: '123456789012',
          firstSeen: '2026-11-10T00:00:00Z',
          lastSeen: '2026-11-11T00:00:00Z',
        },
      ],
    },
  },
  cost: {
    tags: null,
    ai: {
      state: 'ok',
      month: '2026-11',
      agents: [
        {
          agent: 'chatbot',
          monthToDateMicros: 12_500_000,
          forecastMicros: 40_000_000,
        },
      ],
      monthToDateMicros: 12_500_000,
      forecastMicros: 40_000_000,
      throughDay: '2026-11-19',
    },
  },
  throttling: null,
  problems: [
    {
      entityRef: 'component:default/web',
      annotation: 'prod-hardening.io/ai-agent',
      value: 'bad agent!',
      reason: 'An agent id is 1–64 letters.',
    },
  ],
};

const render = (
  element: JSX.Element,
  api: ReturnType<typeof fakeApi>,
  entity: Entity = web,
) =>
  renderInTestApp(
    <TestApiProvider apis={[[prodHardeningApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );

describe('EntityProdHardeningCard', () => {
  it("shows the entity's score, failing checks, findings, AI cost and unresolved annotations", async () => {
    const calls: unknown[] = [];
    await render(
      <EntityProdHardeningCard />,
      fakeApi({
        getEntitySummary: async ref => {
          calls.push(ref);
          return summary;
        },
      }),
    );
    expect(
      await screen.findByTestId('entity-findings-total'),
    ).toHaveTextContent('2');
    expect(screen.getByTestId('entity-failing-checks')).toHaveTextContent('1');
    expect(screen.getByTestId('entity-score')).toHaveTextContent('0.0%');
    expect(screen.getByText('1 high')).toBeInTheDocument();
    expect(screen.getByTestId('entity-ai-mtd')).toHaveTextContent('$12.50');
    expect(
      screen.getByText('prod-hardening.io/ai-agent "bad agent!"'),
    ).toBeInTheDocument();
    expect(calls).toEqual([
      { kind: 'Component', namespace: 'default', name: 'web' },
    ]);
  });

  it('shows a progress bar while loading and the error when the backend fails', async () => {
    const { unmount } = await render(<EntityProdHardeningCard />, fakeApi());
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    unmount();
    await render(
      <EntityProdHardeningCard />,
      fakeApi({
        getEntitySummary: async () => {
          throw new Error('There is no entity component:default/web');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/There is no entity component:default\/web/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('renders nothing for an entity with no mapping', async () => {
    const empty: EntitySummary = {
      ...summary,
      members: [{ entityRef: 'component:default/web', mapped: false }],
      posture: null,
      cost: { tags: null, ai: null },
      problems: [],
    };
    let resolve: () => void = () => {};
    const answered = new Promise<void>(r => (resolve = r));
    await render(
      <EntityProdHardeningCard />,
      fakeApi({
        getEntitySummary: async () => {
          resolve();
          return empty;
        },
      }),
    );
    await answered;
    await new Promise(r => setTimeout(r, 0));
    expect(screen.queryByText('Production hardening')).not.toBeInTheDocument();
  });
});

describe('EntityProdHardeningContent', () => {
  it('shows the posture, cost and (for the rate limiter) throttling sections', async () => {
    await render(
      <EntityProdHardeningContent />,
      fakeApi({
        getEntitySummary: async () => ({
          ...summary,
          throttling: {
            windowMinutes: 60,
            redis: { state: 'unavailable', reason: 'Redis is unreachable' },
            dlq: {
              state: 'ok',
              queueName: 'huntaze-rate-limiter-dlq',
              depth: 3,
              inFlight: 0,
              oldestAgeSeconds: 600,
              ageSource: 'sample',
              readAt: '2026-11-20T12:00:00Z',
            },
          },
        }),
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Posture' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: "Checks of this entity's resources" }),
    ).toHaveTextContent('containerInsights=disabled');
    expect(
      screen.getByText('Cryptocurrency mining on the web cluster'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Cost' })).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'AI cost by agent' }),
    ).toHaveTextContent('chatbot$12.50$40.00');
    expect(
      screen.getByRole('heading', { name: 'Throttling' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Redis is unreachable/)).toBeInTheDocument();
    expect(screen.getByTestId('entity-dlq')).toHaveTextContent(
      'huntaze-rate-limiter-dlq: 3 waiting, oldest 10 min',
    );
  });

  it('says how to map an entity that has no mapping', async () => {
    await render(
      <EntityProdHardeningContent />,
      fakeApi({
        getEntitySummary: async () => ({
          ...summary,
          members: [{ entityRef: 'component:default/web', mapped: false }],
          posture: null,
          cost: { tags: null, ai: null },
          problems: [],
        }),
      }),
    );
    expect(
      await screen.findByText('No AWS resources mapped'),
    ).toBeInTheDocument();
  });
});

describe('isProdHardeningAvailable', () => {
  const entity = (kind: string, annotations?: Record<string, string>) =>
    ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x', annotations },
    } as Entity);

  it('is true for annotated Components and Resources, and for every System and Group', () => {
    expect(isProdHardeningAvailable(web)).toBe(true);
    expect(
      isProdHardeningAvailable(
        entity('Resource', { 'aws.amazon.com/cost-insights-tags': 'a=b' }),
      ),
    ).toBe(true);
    expect(isProdHardeningAvailable(entity('System'))).toBe(true);
    expect(isProdHardeningAvailable(entity('Group'))).toBe(true);
  });

  it('is false for unannotated Components and for Users', () => {
    expect(isProdHardeningAvailable(entity('Component'))).toBe(false);
    expect(
      isProdHardeningAvailable(
        entity('User', { 'prod-hardening.io/aws-arns': 'arn:aws:s3:::x' }),
      ),
    ).toBe(false);
  });
});
