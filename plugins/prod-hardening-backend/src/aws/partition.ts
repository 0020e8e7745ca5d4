/**
 * The ARN partition of a region: China and GovCloud regions live in their own
 * partitions, so ARNs built by hand (topics, standards) must not assume `aws`.
 */
export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
