import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { pluginConfig } from '../testUtils/localAccount';

jest.setTimeout(60_000);

const API = '/api/prod-hardening';
const UUID = '6f1c1f8e-3c43-4d1a-9d5e-2f0a4b7c9e11';
const AWS_ANOMALY = 'a1b2c3d4-0000-4000-8000-000000000001';
const FEEDBACK = `${API}/finops/anomalies/feedback`;

/**
 * The contract's refusals as a person reads them, through the real plugin and its
 * validated router: the field, and what it must be, in words. The plugin points at
 * an endpoint that refuses connections, so a request that got past validation to
 * AWS would answer 5xx, not these 400s.
 */
describe('the 400 messages of the contract-validated routes', () => {
  let server: any;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: 'http://127.0.0.1:1' }),
      ],
    }));
  });

  const post = (path: string, body: unknown) =>
    request(server)
      .post(`${API}${path}`)
      .send(body as object);
  const get = (path: string) => request(server).get(`${API}${path}`);

  it.each([
    [
      'feedback without an answer',
      () =>
        post('/finops/anomalies/feedback', {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
        }),
      'feedback is required.',
    ],
    [
      'an unknown answer',
      () =>
        post('/finops/anomalies/feedback', {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
          feedback: 'MAYBE',
        }),
      'feedback must be one of YES, NO, PLANNED_ACTIVITY.',
    ],
    [
      'an anomaly id with a control character',
      () =>
        post('/finops/anomalies/feedback', {
          source: 'aws',
          anomalyId: 'a\u0007b',
          feedback: 'YES',
        }),
      'anomalyId must not contain control characters.',
    ],
    [
      'a blank comment',
      () =>
        post('/finops/anomalies/feedback', {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
          feedback: 'YES',
          comment: '   ',
        }),
      'comment must not be blank (leave it out instead) and must be at most 1000 characters.',
    ],
    [
      'a field the feedback does not take',
      () =>
        post('/finops/anomalies/feedback', {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
          feedback: 'YES',
          answeredBy: 'user:default/someone-else',
        }),
      'answeredBy is not accepted (the fields are source, anomalyId, feedback, comment).',
    ],
    [
      'a history query without an id',
      () => get(`/finops/anomalies/feedback?source=aws`),
      'query parameter anomalyId is required.',
    ],
    [
      'an unknown weekly-review format',
      () => get('/finops/weekly-review?format=xlsx'),
      'query parameter format must be one of json, csv, md.',
    ],
    [
      'an empty weekly-review format',
      () => get('/finops/weekly-review?format='),
      'query parameter format is empty: give a value or leave it out.',
    ],
    [
      'a weekly-review parameter that does not exist',
      () => get('/finops/weekly-review?week=2026-01'),
      "Unknown query parameter 'week'",
    ],
    [
      'a justification of blanks around a short word',
      () =>
        post('/exemptions', {
          kind: 'check',
          checkId: 'guardduty-enabled',
          resourceId: 'guardduty/us-east-1',
          justification: '    short     ',
          expiresAt: '2030-01-01T00:00:00Z',
        }),
      'justification must be at least 10 characters, not counting blanks at either end.',
    ],
    [
      'an exemption of an unknown kind',
      () => post('/exemptions', { kind: 'account' }),
      'kind must be one of check, finding.',
    ],
    [
      'an exemption id that is not a UUID',
      () => post('/exemptions/not-an-id/revoke', {}),
      'path parameter id must be a UUID (like 123e4567-e89b-12d3-a456-426614174000).',
    ],
    [
      'a short approval reason',
      () => post('/remediations/approvals', { planId: UUID, reason: 'pls' }),
      'reason must be at least 10 characters.',
    ],
    [
      'an approval limit of 0',
      () => get('/remediations/approvals?limit=0'),
      'query parameter limit must be at least 1.',
    ],
    [
      'a preview check id that is not an id',
      () => post('/remediations/preview', { checkId: 'S3; DROP TABLE' }),
      "checkId must use only lowercase letters, digits and '-'.",
    ],
    [
      'a redrive of a fraction of a message',
      () => post('/throttling/dlq/redrive', { maxMessages: 1.5 }),
      'maxMessages must be a whole number.',
    ],
    [
      'a redrive above the bound',
      () => post('/throttling/dlq/redrive', { maxMessages: 5000 }),
      'maxMessages must be at most 1000.',
    ],
  ])('%s', async (_name, send, message) => {
    const res = await send();
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status: 400,
      message,
    });
  });

  it('says a body that is not JSON is not JSON', async () => {
    const res = await request(server)
      .post(FEEDBACK)
      .set('Content-Type', 'application/json')
      .send('{"source": "aws"');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^The request body is not valid JSON \(.+\); send a JSON object\.$/,
    );
  });

  it('leaves a handler’s own 4xx message alone', async () => {
    const res = await post('/remediations/preview', {
      checkId: 'rds-force-ssl',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/has no automated remediation/);
  });
});
