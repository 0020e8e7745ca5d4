import { lastJsonDocument } from './jsonDocument';

describe('lastJsonDocument', () => {
  it('reads a pretty-printed report followed by a text table (limiter, posture)', () => {
    const report = { results: [{ concurrency: 1, p50Ms: 0.1 }], target: {} };
    const output = `${JSON.stringify(
      report,
      null,
      2,
    )}\n\nsubject  concurrency\n-------  -----------\n{not json} 1\n`;
    expect(lastJsonDocument(output)).toEqual(report);
  });

  it('reads a one-line report after a table (ledger)', () => {
    const output =
      'live entries/s  899 (769–1204)\n\n{"results":[{"store":"moto"}]}\n';
    expect(lastJsonDocument(output)).toEqual({ results: [{ store: 'moto' }] });
  });

  it('takes the last of several documents and skips npm banners around them', () => {
    const output = [
      '> @prod-hardening/rate-limiter@0.1.0 bench:pipeline',
      '{"progress": 1}',
      '{',
      '  "produced": 300',
      '}',
      '',
    ].join('\n');
    expect(lastJsonDocument(output)).toEqual({ produced: 300 });
  });

  it('finds nothing in output without a complete object', () => {
    expect(
      lastJsonDocument('Error: moto_server did not start\n'),
    ).toBeUndefined();
    expect(lastJsonDocument('{\n  "cut": "short"\n')).toBeUndefined();
    expect(lastJsonDocument('[1, 2]\n')).toBeUndefined();
  });
});
