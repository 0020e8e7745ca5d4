/**
 * The URL when it is an absolute http(s) address, else undefined. Text from AWS
 * (a Security Hub finding's `Remediation.Recommendation.Url` is written by whoever
 * imports findings) becomes a link only then: `javascript:`, `data:` and the like
 * would run or render in the portal's origin.
 */
export function webUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:'
    ? url.href
    : undefined;
}
