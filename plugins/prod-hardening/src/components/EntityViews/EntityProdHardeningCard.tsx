import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEntitySummary } from '../../hooks/useEntitySummary';
import { isSummaryEmpty } from '../../utils/entities';
import {
  AnnotationProblems,
  CostDetails,
  PostureFigures,
  ThrottlingDetails,
} from './sections';

/**
 * The entity overview card: score, failing checks and findings of the entity's resources,
 * its AI cost, the rate limiter's last hour, and any annotation that could not be
 * resolved. Renders nothing for an entity with no AWS mapping.
 */
export function EntityProdHardeningCard() {
  const { entity } = useEntity();
  const { value, loading, error } = useEntitySummary(entity);
  if (loading) {
    return (
      <InfoCard title="Production hardening">
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title="Production hardening">
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  if (!value || isSummaryEmpty(value)) return null;
  const mapped = value.members.filter(m => m.mapped).length;
  return (
    <InfoCard
      title="Production hardening"
      subheader={
        value.rollup
          ? `Rolled up over ${mapped} mapped ${
              mapped === 1 ? 'entity' : 'entities'
            }`
          : undefined
      }
    >
      <Stack spacing={2}>
        {value.posture ? (
          <PostureFigures posture={value.posture} />
        ) : (
          <Typography variant="body2">
            No AWS resources are mapped to this entity.
          </Typography>
        )}
        {(value.cost.ai || value.cost.tags) && (
          <CostDetails cost={value.cost} />
        )}
        {value.throttling && (
          <ThrottlingDetails throttling={value.throttling} />
        )}
        <AnnotationProblems
          problems={value.problems}
          showEntity={value.rollup}
        />
      </Stack>
    </InfoCard>
  );
}
