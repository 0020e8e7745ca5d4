import {
  entitySummaryRequest,
  postureRequest,
  postureTrendRequest,
  requestUrl,
  weeklyReviewRequest,
} from './requests';

const BASE = 'http://backstage.internal:7007/api/prod-hardening';

describe('request URLs', () => {
  it('asks for a fresh evaluation only when told to', () => {
    expect(requestUrl(BASE, postureRequest())).toBe(`${BASE}/posture`);
    expect(requestUrl(BASE, postureRequest(true))).toBe(
      `${BASE}/posture?refresh=true`,
    );
  });

  it('sends the trend window, 30 days by default', () => {
    expect(requestUrl(BASE, postureTrendRequest())).toBe(
      `${BASE}/posture/trend?days=30`,
    );
    expect(requestUrl(BASE, postureTrendRequest(90))).toBe(
      `${BASE}/posture/trend?days=90`,
    );
  });

  it('refuses a window the backend does not keep, naming the accepted ones', () => {
    expect(() => postureTrendRequest(14)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'The posture trend covers 7, 30 or 90 days, not 14.',
      }),
    );
  });

  it('asks for the weekly review as JSON', () => {
    expect(requestUrl(BASE, weeklyReviewRequest)).toBe(
      `${BASE}/finops/weekly-review?format=json`,
    );
  });

  it('does not double a trailing slash of the base URL', () => {
    expect(requestUrl(`${BASE}/`, postureRequest())).toBe(`${BASE}/posture`);
  });

  it('builds an entity summary path from a string ref, namespace defaulting to default', () => {
    expect(entitySummaryRequest('component:web').path).toBe(
      '/entities/component/default/web/summary',
    );
    expect(entitySummaryRequest('group:platform/sre').path).toBe(
      '/entities/group/platform/sre/summary',
    );
  });

  it('keeps each part of a compound ref in its own path segment', () => {
    expect(
      entitySummaryRequest({
        kind: 'component',
        namespace: 'default',
        name: 'a/b?c=%',
      }).path,
    ).toBe('/entities/component/default/a%2Fb%3Fc%3D%25/summary');
  });

  it('refuses a string ref without a kind or an empty part, before any request', () => {
    expect(() => entitySummaryRequest('web')).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
    expect(() =>
      entitySummaryRequest({ kind: 'component', namespace: '', name: 'web' }),
    ).toThrow(
      'An entity ref needs a kind, a namespace and a name: {"kind":"component","namespace":"","name":"web"}.',
    );
  });
});
