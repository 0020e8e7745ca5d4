import { ConfigSources } from '@backstage/config-loader';
import {
  findProductionConfigProblems,
  UnsafeProductionConfigError,
} from './productionReadiness';
import { configFilesOf, unsetVariableProblems } from './unsetVariables';

/**
 * Loads the configuration the way the backend's root config service does (the same
 * --config arguments, APP_CONFIG_* and ${VAR} substitution from the environment) and
 * throws UnsafeProductionConfigError when it may not serve production: an unsafe
 * setting, or a ${VAR} the files read that the environment does not set. Runs before
 * the backend is created, so nothing is initialised or listening when it refuses.
 */
export async function checkProductionConfig(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv, env, watch: false }),
  );
  try {
    const problems = [
      ...unsetVariableProblems(configFilesOf(argv), env),
      ...findProductionConfigProblems(config),
    ];
    if (problems.length > 0) throw new UnsafeProductionConfigError(problems);
  } finally {
    config.close();
  }
}
