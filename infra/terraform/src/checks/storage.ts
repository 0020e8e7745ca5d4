import { expandBlocks, mentions } from '../blocks';
import { Block, Body, resources, TfModule } from '../module';
import { violation, Violation } from '../violations';
import { missing, value } from './common';

const TIERING_VARIABLE = 'var.intelligent_tiering_bucket_names';

function enabledRules(mod: TfModule, lifecycle: Block): Body[] {
  return expandBlocks(mod, lifecycle.body, 'rule').filter(
    r => value(mod, r.status) === 'Enabled',
  );
}

function expiresNoncurrentVersions(mod: TfModule, lifecycle: Block): boolean {
  return enabledRules(mod, lifecycle).some(r =>
    expandBlocks(mod, r, 'noncurrent_version_expiration').some(
      e => Number(value(mod, e.noncurrent_days)) > 0,
    ),
  );
}

/** The lifecycle configuration of a bucket of the module (`bucket = aws_s3_bucket.<name>.id`). */
function lifecycleOf(mod: TfModule, bucket: string): Block | undefined {
  return resources(mod, 'aws_s3_bucket_lifecycle_configuration').find(l =>
    mentions(mod, l.body.bucket, `aws_s3_bucket.${bucket}.`),
  );
}

/**
 * Seed, Day 10: every bucket named in intelligent_tiering_bucket_names moves its objects
 * to INTELLIGENT_TIERING and expires noncurrent versions; every versioned bucket of the
 * module expires its noncurrent versions.
 */
export function checkStorageLifecycle(mod: TfModule): Violation[] {
  const found: Violation[] = [];
  const tiering = resources(mod, 'aws_s3_bucket_lifecycle_configuration').find(
    l => String(l.body.for_each).includes(TIERING_VARIABLE),
  );
  if (!tiering) {
    found.push(
      missing(
        'aws_s3_bucket_lifecycle_configuration',
        `no aws_s3_bucket_lifecycle_configuration for each of ${TIERING_VARIABLE}`,
      ),
    );
  } else {
    const transitions = enabledRules(mod, tiering).flatMap(r =>
      expandBlocks(mod, r, 'transition'),
    );
    if (
      !transitions.some(
        t =>
          value(mod, t.storage_class) === 'INTELLIGENT_TIERING' &&
          Number(value(mod, t.days)) === 0,
      )
    )
      found.push(
        violation(
          tiering,
          'has no enabled rule moving objects to INTELLIGENT_TIERING from day 0',
        ),
      );
    if (!expiresNoncurrentVersions(mod, tiering))
      found.push(
        violation(tiering, 'has no enabled rule expiring noncurrent versions'),
      );
  }

  for (const versioning of resources(mod, 'aws_s3_bucket_versioning')) {
    const status = expandBlocks(
      mod,
      versioning.body,
      'versioning_configuration',
    )
      .map(c => value(mod, c.status))
      .find(Boolean);
    if (status !== 'Enabled') continue;
    const bucket = /aws_s3_bucket\.([A-Za-z0-9_]+)\./.exec(
      String(versioning.body.bucket),
    )?.[1];
    const lifecycle = bucket && lifecycleOf(mod, bucket);
    if (!lifecycle || !expiresNoncurrentVersions(mod, lifecycle))
      found.push(
        violation(
          versioning,
          'turns versioning on, but no lifecycle rule of that bucket expires noncurrent versions',
        ),
      );
  }
  return found;
}
