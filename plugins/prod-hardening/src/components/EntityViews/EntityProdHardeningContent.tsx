import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEntitySummary } from '../../hooks/useEntitySummary';
import { isSummaryEmpty } from '../../utils/entities';
import { SectionCard } from '../SectionCard';
import {
  AnnotationProblems,
  CostDetails,
  PostureDetails,
  ThrottlingDetails,
} from './sections';

/** The entity tab: posture, cost and throttling sections, each where it applies. */
export function EntityProdHardeningContent() {
  const { entity } = useEntity();
  const { value, loading, error } = useEntitySummary(entity);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || isSummaryEmpty(value)) {
    return (
      <EmptyState
        missing="field"
        title="No AWS resources mapped"
        description="Annotate this entity with prod-hardening.io/aws-arns, prod-hardening.io/resource-tags or one of the AWS plugins' annotations (see the README's Entity annotations table)."
      />
    );
  }
  const mapped = value.members.filter(m => m.mapped);
  return (
    <Stack spacing={2}>
      <AnnotationProblems problems={value.problems} showEntity={value.rollup} />
      {value.rollup && (
        <Typography variant="body2">
          Rolled up over:{' '}
          {mapped.map(m => m.title ?? m.entityRef).join(', ') ||
            'nothing mapped'}
        </Typography>
      )}
      <SectionCard title="Posture">
        {value.posture ? (
          <PostureDetails posture={value.posture} />
        ) : (
          <Typography variant="body2">
            No AWS resources are mapped, so there are no checks or findings.
          </Typography>
        )}
      </SectionCard>
      <SectionCard title="Cost">
        {value.cost.ai || value.cost.tags ? (
          <CostDetails cost={value.cost} detailed />
        ) : (
          <Typography variant="body2">
            No AI agent or cost allocation tags are mapped to this entity.
          </Typography>
        )}
      </SectionCard>
      {value.throttling && (
        <SectionCard title="Throttling">
          <ThrottlingDetails throttling={value.throttling} />
        </SectionCard>
      )}
    </Stack>
  );
}
