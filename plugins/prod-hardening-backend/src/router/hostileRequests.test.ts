import { startTestBackend } from '@backstage/backend-test-utils';
import type { MotoServer } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { CountingProxy, startCountingProxy } from '../testUtils/countingProxy';
import { pluginConfig, startSeededMoto } from '../testUtils/localAccount';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { seededCatalogEntities } from '../testUtils/seededCatalog';

jest.setTimeout(180_000);

interface HostileRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** A JSON value, or a raw string sent as is. */
  body?: unknown;
  contentType?: string;
}

/** Strings that try to escape a query, a shell, a path or a template. */
const INJECTIONS = [
  "' OR '1'='1",
  '"; DROP TABLE remediation_history; --',
  '$(touch /tmp/pwned)',
  '`id`',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '%00',
  'a\u0000b',
  'Ω≈ç√∫',
  '\r\nSet-Cookie: x=1',
];
const NOT_A_STRING: unknown[] = [1, true, null, [], {}, ['a'], { $ne: 1 }];
const HUGE = 'x'.repeat(200_000);

const enc = encodeURIComponent;

/** The hostile requests, always the same list in the same order. */
function hostileRequests(): HostileRequest[] {
  const list: HostileRequest[] = [];
  const get = (name: string, path: string) =>
    list.push({ name, method: 'GET', path });
  const post = (
    name: string,
    path: string,
    body: unknown,
    contentType = 'application/json',
  ) => list.push({ name, method: 'POST', path, body, contentType });

  // Findings: wrong types and ranges for every parameter.
  for (const v of ['SEVERE', 'high', 'HIGH,NOPE', ...INJECTIONS])
    get(`findings severity=${v}`, `/findings?severity=${enc(v)}`);
  for (const v of ['-1', '1.5', 'abc', '1e3', '9999999', ''])
    get(`findings page=${v}`, `/findings?page=${enc(v)}`);
  for (const v of ['0', '201', '5000', 'NaN', '-5', '0x10'])
    get(`findings pageSize=${v}`, `/findings?pageSize=${enc(v)}`);
  for (const v of ['rank', 'SEVERITY', ...INJECTIONS.slice(0, 3)])
    get(`findings sort=${v}`, `/findings?sort=${enc(v)}`);
  for (const v of ['up', 'ASC', '1'])
    get(`findings order=${v}`, `/findings?order=${enc(v)}`);
  get('findings search too long', `/findings?search=${'x'.repeat(500)}`);
  get('findings controlId too long', `/findings?controlId=${'c'.repeat(65)}`);
  get('findings product too long', `/findings?product=${'p'.repeat(201)}`);
  for (const p of ['unknown', 'select', '__proto__', 'constructor'])
    get(`findings unknown parameter ${p}`, `/findings?${p}=1`);

  // One finding: unknown and injected ids (404), ids that are not ids (400).
  for (const v of INJECTIONS)
    get(`finding id ${JSON.stringify(v)}`, `/findings/${enc(v)}`);
  for (const n of [1, 2, 3])
    get(
      `finding unknown arn ${n}`,
      `/findings/${enc(
        `arn:aws:securityhub:us-east-1:123456789012:finding/unknown-${n}`,
      )}`,
    );
  get('finding id too long', `/findings/${'f'.repeat(3000)}`);
  get('finding id with spaces', `/findings/${enc('a b')}`);

  // Posture and trend: values the contract does not allow.
  for (const v of ['yes', '1', 'TRUE', ...INJECTIONS])
    get(`posture refresh=${v}`, `/posture?refresh=${enc(v)}`);
  get('posture unknown parameter', '/posture?debug=1');
  for (const v of ['0', '1', '31', '365', '-7', 'week', ...INJECTIONS])
    get(`trend days=${v}`, `/posture/trend?days=${enc(v)}`);

  // Guided runbooks: malformed ids (400), unknown or non-guided ids (404), bad resources.
  for (const v of [...INJECTIONS, 'UPPER', 'a_b', 'x'.repeat(129)])
    get(
      `guided checkId ${JSON.stringify(v)}`,
      `/remediations/guided/${enc(v)}`,
    );
  for (const v of [
    'no-such-check',
    's3-account-public-access-block',
    'guardduty-enabled',
    'sqs-encryption',
  ])
    get(`guided not guided ${v}`, `/remediations/guided/${v}`);
  for (const v of [
    ...INJECTIONS,
    'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:other',
  ])
    get(
      `guided resource ${JSON.stringify(v)}`,
      `/remediations/guided/elasticache-encryption?resource=${enc(v)}`,
    );
  get(
    'guided resource too long',
    `/remediations/guided/rds-force-ssl?resource=${'r'.repeat(3000)}`,
  );
  get('guided unknown parameter', '/remediations/guided/rds-force-ssl?x=1');

  // Preview: wrong types, malformed and unknown ids, extra fields, wrong encodings.
  const preview = '/remediations/preview';
  post('preview empty body', preview, {});
  for (const v of NOT_A_STRING)
    post(`preview checkId=${JSON.stringify(v)}`, preview, { checkId: v });
  for (const v of INJECTIONS)
    post(`preview checkId ${JSON.stringify(v)}`, preview, { checkId: v });
  for (const v of ['no-such-check', 'elasticache-encryption', 'rds-force-ssl'])
    post(`preview unknown or guided ${v}`, preview, { checkId: v });
  for (const v of ['yes', 1, null, []])
    post(`preview override=${JSON.stringify(v)}`, preview, {
      checkId: 'guardduty-enabled',
      override: v,
    });
  post('preview extra field', preview, {
    checkId: 'guardduty-enabled',
    admin: true,
  });
  post('preview array body', preview, [{ checkId: 'guardduty-enabled' }]);
  post('preview string body', preview, 'guardduty-enabled');
  post('preview malformed JSON', preview, '{"checkId": "guardduty-enabled"');
  post('preview text body', preview, 'checkId=guardduty-enabled', 'text/plain');
  post('preview huge body', preview, {
    checkId: 'guardduty-enabled',
    pad: HUGE,
  });
  post('preview huge id', preview, { checkId: 'a'.repeat(100_000) });

  // Execute: plan ids that are not ids, plans that do not exist.
  const execute = '/remediations/execute';
  post('execute empty body', execute, {});
  for (const v of [...NOT_A_STRING, ...INJECTIONS, 'not-a-uuid'])
    post(`execute planId=${JSON.stringify(v)}`, execute, { planId: v });
  for (const v of [
    '00000000-0000-4000-8000-000000000000',
    '11111111-2222-4333-8444-555555555555',
    'ffffffff-ffff-4fff-bfff-ffffffffffff',
  ])
    post(`execute unknown plan ${v}`, execute, { planId: v });
  post('execute extra field', execute, {
    planId: '00000000-0000-4000-8000-000000000000',
    force: true,
  });
  post('execute huge body', execute, { planId: HUGE });
  post('execute malformed JSON', execute, '{planId:}');

  // History: wrong types and ranges.
  for (const v of ['0', '-1', '501', 'all', '1.5', ...INJECTIONS.slice(0, 3)])
    get(`history limit=${v}`, `/remediations/history?limit=${enc(v)}`);
  for (const v of [...INJECTIONS, 'UPPER'])
    get(
      `history checkId ${JSON.stringify(v)}`,
      `/remediations/history?checkId=${enc(v)}`,
    );
  get('history unknown parameter', '/remediations/history?order=asc');

  // History verification takes no parameters at all.
  const verify = '/remediations/history/verify';
  for (const p of ['limit', 'checkId', 'from', 'repair', '__proto__'])
    get(`verify parameter ${p}`, `${verify}?${p}=1`);
  for (const v of INJECTIONS.slice(0, 6))
    get(
      `verify injected parameter ${JSON.stringify(v)}`,
      `${verify}?${enc(v)}=1`,
    );
  get('verify huge parameter', `${verify}?x=${'v'.repeat(3000)}`);

  // DLQ redrive: bounds, types and fields the body may not have (400, before any AWS call).
  const redrive = '/throttling/dlq/redrive';
  for (const v of [0, -1, 1001, 1.5, 'all', '10', null, true, [], {}])
    post(`redrive maxMessages ${JSON.stringify(v)}`, redrive, {
      maxMessages: v,
    });
  for (const v of INJECTIONS.slice(0, 6))
    post(`redrive maxMessages ${JSON.stringify(v)}`, redrive, {
      maxMessages: v,
    });
  post('redrive empty reason', redrive, { reason: '' });
  post('redrive huge reason', redrive, { reason: HUGE });
  post('redrive extra field', redrive, { queue: 'other-queue' });
  post('redrive prototype field', redrive, '{"__proto__":{"maxMessages":1}}');
  post('redrive malformed JSON', redrive, '{maxMessages:}');
  // The redrive status takes no parameters at all.
  const redriveStatus = '/throttling/dlq/redrive-status';
  for (const p of ['state', 'limit', '__proto__'])
    get(`redrive-status parameter ${p}`, `${redriveStatus}?${p}=1`);

  // Entity summaries: references that are not catalog names (400), unknown ones (404).
  const summary = (kind: string, namespace: string, name: string) =>
    `/entities/${enc(kind)}/${enc(namespace)}/${enc(name)}/summary`;
  for (const v of INJECTIONS) {
    get(`entity name ${JSON.stringify(v)}`, summary('component', 'default', v));
    get(`entity kind ${JSON.stringify(v)}`, summary(v, 'default', 'web'));
    get(
      `entity namespace ${JSON.stringify(v)}`,
      summary('component', v, 'web'),
    );
  }
  get('entity name too long', summary('component', 'default', 'n'.repeat(64)));
  get('entity name huge', summary('component', 'default', 'n'.repeat(3000)));
  get('entity kind with a dash', summary('comp-onent', 'default', 'web'));
  get('entity name with a double dot', summary('component', 'default', 'a..b'));
  for (const name of ['nope', 'web-2', 'huntaze'])
    get(`entity unknown ${name}`, summary('component', 'default', name));
  get('entity unknown namespace', summary('component', 'other', 'web'));
  get('entity unknown kind', summary('template', 'default', 'web'));
  get(
    'entity unknown parameter',
    `${summary('component', 'default', 'web')}?x=1`,
  );
  // Exemptions: missing or malformed fields, expiries out of range, unknown targets,
  // filters the contract does not allow, ids that are not ids.
  const exemptions = '/exemptions';
  const day = 24 * 60 * 60_000;
  const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();
  const exemptCheck = (more: Record<string, unknown>) => ({
    kind: 'check',
    checkId: 'guardduty-enabled',
    resourceId: 'guardduty/us-east-1',
    justification: 'Replaced by the vendor IDS until the migration.',
    expiresAt: inDays(30),
    ...more,
  });
  post('exemption empty body', exemptions, {});
  post('exemption no kind', exemptions, exemptCheck({ kind: undefined }));
  for (const v of ['rule', 'CHECK', ...NOT_A_STRING])
    post(
      `exemption kind=${JSON.stringify(v)}`,
      exemptions,
      exemptCheck({ kind: v }),
    );
  post(
    'exemption no justification',
    exemptions,
    exemptCheck({ justification: undefined }),
  );
  for (const v of ['', '   ', 'ok', ...NOT_A_STRING, 'j'.repeat(2001)])
    post(
      `exemption justification=${JSON.stringify(v).slice(0, 40)}`,
      exemptions,
      exemptCheck({ justification: v }),
    );
  post(
    'exemption no expiry',
    exemptions,
    exemptCheck({ expiresAt: undefined }),
  );
  for (const v of [
    inDays(-1),
    inDays(91),
    inDays(3650),
    '2026-13-01T00:00:00Z',
    'tomorrow',
    '1e12',
    ...NOT_A_STRING,
    ...INJECTIONS.slice(0, 4),
  ])
    post(
      `exemption expiresAt=${JSON.stringify(v)}`,
      exemptions,
      exemptCheck({ expiresAt: v }),
    );
  for (const v of [...INJECTIONS, 'no-such-check'])
    post(
      `exemption checkId ${JSON.stringify(v)}`,
      exemptions,
      exemptCheck({ checkId: v }),
    );
  for (const v of [...INJECTIONS.slice(0, 6), 'guardduty/eu-west-3'])
    post(
      `exemption resourceId ${JSON.stringify(v)}`,
      exemptions,
      exemptCheck({ resourceId: v }),
    );
  for (const v of [
    ...INJECTIONS.slice(0, 6),
    'arn:aws:securityhub:us-east-1:123456789012:finding/unknown',
  ])
    post(`exemption findingId ${JSON.stringify(v)}`, exemptions, {
      kind: 'finding',
      findingId: v,
      justification: 'Accepted by the security review of 2026-12.',
      expiresAt: inDays(30),
    });
  post(
    'exemption check with a findingId',
    exemptions,
    exemptCheck({ findingId: 'x' }),
  );
  post('exemption extra field', exemptions, exemptCheck({ approved: true }));
  post('exemption array body', exemptions, [exemptCheck({})]);
  post('exemption huge body', exemptions, exemptCheck({ justification: HUGE }));
  post('exemption malformed JSON', exemptions, '{"kind": "check"');
  for (const [key, values] of [
    ['status', ['ACTIVE', 'all', 'expired,revoked', ...INJECTIONS.slice(0, 3)]],
    ['checkId', ['UPPER', ...INJECTIONS.slice(0, 3)]],
    ['format', ['xml', 'CSV', 'pdf']],
  ] as const)
    for (const v of values)
      get(
        `exemptions ${key}=${JSON.stringify(v)}`,
        `${exemptions}?${key}=${enc(v)}`,
      );
  get(
    'exemptions resource too long',
    `${exemptions}?resource=${'r'.repeat(3000)}`,
  );
  get('exemptions unknown parameter', `${exemptions}?owner=me`);
  get('exemptions csv unknown parameter', `${exemptions}.csv?format=csv`);
  get('exemptions csv status', `${exemptions}.csv?status=ALL`);
  for (const v of [...INJECTIONS.slice(0, 6), 'not-a-uuid', '1'])
    post(
      `revoke id ${JSON.stringify(v)}`,
      `${exemptions}/${enc(v)}/revoke`,
      {},
    );
  post(
    'revoke unknown exemption',
    `${exemptions}/00000000-0000-4000-8000-000000000000/revoke`,
    {},
  );

  // Approvals: bodies, ids and decisions that are not what the contract says.
  const approvals = '/remediations/approvals';
  const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
  const ask = (over: object) => ({
    planId: UNKNOWN_ID,
    reason: 'The audit found it off.',
    ...over,
  });
  post('approval empty body', approvals, {});
  post('approval no reason', approvals, { planId: UNKNOWN_ID });
  post('approval short reason', approvals, ask({ reason: 'pls' }));
  post('approval huge reason', approvals, ask({ reason: HUGE }));
  post('approval extra field', approvals, ask({ approvedBy: 'me' }));
  post('approval unknown plan', approvals, ask({}));
  for (const v of [...NOT_A_STRING, ...INJECTIONS.slice(0, 4)])
    post(`approval planId ${JSON.stringify(v)}`, approvals, ask({ planId: v }));
  for (const v of NOT_A_STRING)
    post(`approval reason ${JSON.stringify(v)}`, approvals, ask({ reason: v }));
  for (const v of ['maybe', 'APPROVE', '', ...NOT_A_STRING])
    post(
      `decision ${JSON.stringify(v)}`,
      `${approvals}/${UNKNOWN_ID}/decision`,
      { decision: v },
    );
  post('decision unknown request', `${approvals}/${UNKNOWN_ID}/decision`, {
    decision: 'approve',
  });
  post('decision extra field', `${approvals}/${UNKNOWN_ID}/decision`, {
    decision: 'approve',
    as: 'user:default/sam',
  });
  for (const v of [...INJECTIONS.slice(0, 6), 'not-a-uuid'])
    post(
      `decision id ${JSON.stringify(v)}`,
      `${approvals}/${enc(v)}/decision`,
      {
        decision: 'approve',
      },
    );
  get('approval unknown request', `${approvals}/${UNKNOWN_ID}`);
  for (const v of ['ALL', 'open', ...INJECTIONS.slice(0, 3)])
    get(
      `approvals status=${JSON.stringify(v)}`,
      `${approvals}?status=${enc(v)}`,
    );
  for (const v of ['0', '501', 'abc'])
    get(`approvals limit=${v}`, `${approvals}?limit=${v}`);
  get('approvals unknown parameter', `${approvals}?requester=me`);
  // Anomaly triage: bad sources, answers and comments (400), ids the portal has not
  // shown (404: never sent to AWS), and the history's query.
  const feedback = '/finops/anomalies/feedback';
  const answer = (more: Record<string, unknown>) => ({
    source: 'aws',
    anomalyId: '00000000-0000-4000-8000-000000000000',
    feedback: 'YES',
    ...more,
  });
  post('feedback empty body', feedback, {});
  for (const key of ['source', 'anomalyId', 'feedback'])
    post(`feedback no ${key}`, feedback, answer({ [key]: undefined }));
  for (const v of ['AWS', 'gcp', ...NOT_A_STRING])
    post(
      `feedback source=${JSON.stringify(v)}`,
      feedback,
      answer({ source: v }),
    );
  for (const v of ['yes', 'MAYBE', 'PLANNED', ...NOT_A_STRING])
    post(
      `feedback feedback=${JSON.stringify(v)}`,
      feedback,
      answer({ feedback: v }),
    );
  for (const v of [...NOT_A_STRING, '', 'a'.repeat(513)])
    post(
      `feedback anomalyId=${JSON.stringify(v).slice(0, 40)}`,
      feedback,
      answer({ anomalyId: v }),
    );
  for (const source of ['aws', 'portal'])
    for (const v of INJECTIONS)
      post(
        `feedback ${source} anomalyId ${JSON.stringify(v)}`,
        feedback,
        answer({ source, anomalyId: v }),
      );
  for (const v of ['', '   ', 'c'.repeat(1001), ...NOT_A_STRING])
    post(
      `feedback comment=${JSON.stringify(v).slice(0, 40)}`,
      feedback,
      answer({ comment: v }),
    );
  post('feedback extra field', feedback, answer({ answeredBy: 'user:x' }));
  post('feedback array body', feedback, [answer({})]);
  post('feedback huge body', feedback, answer({ comment: HUGE }));
  post('feedback malformed JSON', feedback, '{"source": "aws"');
  post('feedback text body', feedback, 'feedback=YES', 'text/plain');
  get('feedback history no query', feedback);
  get('feedback history bad source', `${feedback}?source=x&anomalyId=a`);
  get(
    'feedback history id too long',
    `${feedback}?source=aws&anomalyId=${'a'.repeat(513)}`,
  );
  get(
    'feedback history unknown parameter',
    `${feedback}?source=aws&anomalyId=a&limit=1`,
  );
  return list;
}

describe('hostile requests to the posture, remediation, history, redrive, entity, exemption and anomaly triage routes', () => {
  let moto: MotoServer;
  let proxy: CountingProxy;
  let server: any;

  beforeAll(async () => {
    const seeded = await startSeededMoto();
    moto = seeded.moto;
    proxy = await startCountingProxy(moto.endpoint);
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: proxy.endpoint, resources: seeded.resources }),
        catalogServiceMock.factory({ entities: seededCatalogEntities() }),
      ],
    }));
  });

  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  const send = (r: HostileRequest) => {
    const url = `/api/prod-hardening${r.path}`;
    if (r.method === 'GET') return request(server).get(url);
    const req = request(server)
      .post(url)
      .set('Content-Type', r.contentType ?? 'application/json');
    return req.send(
      typeof r.body === 'string' ? r.body : JSON.stringify(r.body),
    );
  };

  it('generates more than 200 distinct requests', () => {
    const list = hostileRequests();
    expect(list.length).toBeGreaterThanOrEqual(200);
    expect(new Set(list.map(r => r.name)).size).toBe(list.length);
  });

  it('answers every one with a 4xx and a JSON message, and never calls AWS', async () => {
    const list = hostileRequests();
    const answers: string[] = [];
    const bad: string[] = [];
    // The posture report and findings are cached for a minute: warm them before each
    // batch so a valid-looking request could only reach AWS through a bug.
    for (let i = 0; i < list.length; i += 50) {
      await request(server).get('/api/prod-hardening/posture').expect(200);
      await request(server).get('/api/prod-hardening/findings').expect(200);
      const before = proxy.count;
      for (const r of list.slice(i, i + 50)) {
        const res = await send(r);
        const message = res.body?.error?.message;
        answers.push(`${res.status} ${r.name}`);
        if (
          res.status < 400 ||
          res.status >= 500 ||
          !/json/.test(res.headers['content-type'] ?? '') ||
          typeof message !== 'string' ||
          message.length === 0
        ) {
          bad.push(
            `${r.method} ${r.name} → ${res.status} ${res.text.slice(0, 200)}`,
          );
        }
      }
      expect(proxy.log.slice(before)).toEqual([]);
    }
    expect(bad).toEqual([]);
    // The warm-up calls went through the proxy: it does see the backend's AWS traffic.
    expect(proxy.count).toBeGreaterThan(10);
    // Each kind of refusal is represented.
    const statuses = new Set(answers.map(a => a.slice(0, 3)));
    expect([...statuses].sort()).toEqual(['400', '404', '413']);
  });
});
