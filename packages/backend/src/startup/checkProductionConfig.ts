import { ConfigSources } from '@backstage/config-loader';
import { assertProductionReady } from './productionReadiness';

/**
 * Loads the configuration the way the backend's root config service does (the same
 * --config arguments, APP_CONFIG_* and ${VAR} substitution from the environment) and
 * throws UnsafeProductionConfigError when it may not serve production. Runs before the
 * backend is created, so nothing is initialised or listening when it refuses.
 */
export async function checkProductionConfig(argv: string[]): Promise<void> {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv, watch: false }),
  );
  try {
    assertProductionReady(config);
  } finally {
    config.close();
  }
}
