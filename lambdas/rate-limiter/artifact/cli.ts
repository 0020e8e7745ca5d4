/**
 * `npm run build:lambda`: the deployment zip of the rate-limiter Lambda, at the path
 * the Terraform module's usage example gives `rate_limiter_artifact_path`.
 */
import { buildLambdaArtifact, describeArtifact } from './build';
import { REPO_ROOT } from './terraform';

buildLambdaArtifact().then(
  artifact => {
    process.stdout.write(`${describeArtifact(artifact, REPO_ROOT)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(
      `build:lambda failed: ${
        error instanceof Error ? error.message : error
      }\n`,
    );
    process.exitCode = 1;
  },
);
