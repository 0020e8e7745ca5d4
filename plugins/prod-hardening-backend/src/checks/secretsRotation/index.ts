import type { PostureCheck } from '../PostureCheck';
import { evaluateSecretsRotation, SecretRotationFacts } from './evaluate';
import { secretsRotationMeta } from './meta';

/** The configured secrets rotate, on time by the evaluation's clock. */
export const secretsRotationCheck = {
  meta: secretsRotationMeta,
  facts: async ({ sources, config, context }) => ({
    now: context.now.toISOString(),
    secrets: await Promise.all(
      config.resources.secrets.map(s =>
        sources.secretsManager.describeRotation(s),
      ),
    ),
  }),
  evaluate: evaluateSecretsRotation,
} satisfies PostureCheck<SecretRotationFacts>;
