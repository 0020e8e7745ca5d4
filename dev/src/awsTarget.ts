import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export interface AwsTarget {
  region: string;
  accountId: string;
}

/** Region and account id from `prodHardening.aws` in app-config, with the local defaults. */
export async function loadAwsTarget(appConfigPath: string): Promise<AwsTarget> {
  const doc = parse(await readFile(appConfigPath, 'utf8')) as any;
  const aws = doc?.prodHardening?.aws ?? {};
  return {
    region: typeof aws.region === 'string' ? aws.region : 'us-east-1',
    accountId:
      typeof aws.accountId === 'string' ? aws.accountId : '123456789012',
  };
}
