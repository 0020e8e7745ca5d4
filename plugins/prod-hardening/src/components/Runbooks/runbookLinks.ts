/** The query parameter that opens a runbook over whichever tab is shown. */
export const RUNBOOK_PARAM = 'runbook';

/**
 * Where a link inside a runbook should go: another runbook (`cost-alerts.md`,
 * `./rate-limiter.md#steps`) opens in the portal; anything else is left as written.
 */
export function runbookLinkTarget(href: string): string {
  const match = /^(?:\.\/)?([a-z0-9][a-z0-9-]*)\.md(#.*)?$/.exec(href);
  if (!match || match[1] === 'readme') return href;
  return `?${RUNBOOK_PARAM}=${match[1]}`;
}
