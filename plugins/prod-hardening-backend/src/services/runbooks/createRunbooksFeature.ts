import type { ProdHardeningConfig } from '../../config';
import { findRunbookDirectory, RunbookLibrary } from './RunbookLibrary';

/** The runbooks, from the configured directory or the one found above the working directory. */
export async function createRunbooksFeature(options: {
  config: ProdHardeningConfig;
  cwd?: string;
}): Promise<{ runbooks: RunbookLibrary }> {
  const { config, cwd = process.cwd() } = options;
  const runbooks = await RunbookLibrary.open(
    config.runbooks.directory ?? findRunbookDirectory(cwd),
  );
  return { runbooks };
}
