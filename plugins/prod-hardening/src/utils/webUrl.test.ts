import { webUrl } from './webUrl';

describe('webUrl', () => {
  it.each([
    'https://docs.aws.amazon.com/console/securityhub/ElastiCache.4/remediation',
    'http://intranet.example/runbook',
  ])('keeps the web address %s', value => {
    expect(webUrl(value)).toBe(new URL(value).href);
  });

  it.each([
    'javascript:alert(document.cookie)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/path',
    '/relative/path',
    'not a url',
    '',
    undefined,
  ])('refuses %p', value => {
    expect(webUrl(value)).toBeUndefined();
  });
});
