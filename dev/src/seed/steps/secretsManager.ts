import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  RotateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep } from '../context';

/** Days between rotations of the one secret that rotates (the database password). */
export const STORY_ROTATION_DAYS = 30;

/**
 * Rotation before hardening: the first configured secret (the database password, which
 * RDS-managed rotation covers) rotates every 30 days; the API tokens never rotate.
 */
export function storySecrets(
  names: string[],
): Array<{ name: string; rotates: boolean }> {
  return names.map((name, i) => ({ name, rotates: i === 0 }));
}

async function describe(ctx: SeedContext, name: string) {
  try {
    return await ctx.clients.secretsManager.send(
      new DescribeSecretCommand({ SecretId: name }),
    );
  } catch (err) {
    if (isAwsError(err, 'ResourceNotFoundException')) return undefined;
    throw err;
  }
}

/** A value that is obviously not a credential: the emulator never holds real ones. */
const placeholder = (name: string) => `local-emulator-placeholder:${name}`;

export const secretsManagerStep: SeedStep = {
  name: 'secrets',
  async run(ctx) {
    const report = emptyReport('secrets');
    const sm = ctx.clients.secretsManager;
    for (const { name, rotates } of storySecrets(ctx.resources.secrets)) {
      let secret = await describe(ctx, name);
      if (secret && secret.RotationEnabled && !rotates) {
        // Rotation cannot be switched off without a rotation function to cancel, so a
        // secret someone made rotate is replaced by a fresh, non-rotating one.
        await sm.send(
          new DeleteSecretCommand({
            SecretId: name,
            ForceDeleteWithoutRecovery: true,
          }),
        );
        report.removed.push(`rotation of secret ${name}`);
        secret = undefined;
      }
      if (secret) {
        report.existing.push(`secret ${name}`);
      } else {
        await sm.send(
          new CreateSecretCommand({
            Name: name,
            SecretString: placeholder(name),
          }),
        );
        report.created.push(`secret ${name}`);
      }
      if (rotates && !secret?.RotationEnabled) {
        // On AWS this needs a rotation function (RDS-managed for the database); the
        // emulator rotates without one and records the rotation date.
        await sm.send(
          new RotateSecretCommand({
            SecretId: name,
            RotationRules: { AutomaticallyAfterDays: STORY_ROTATION_DAYS },
          }),
        );
      }
    }
    return report;
  },
};
