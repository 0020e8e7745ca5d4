import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { usePosture } from '../../hooks/usePosture';
import { FindingsTable } from '../FindingsTable';
import { CheckList } from './CheckList';
import { ScoreSummary } from './ScoreSummary';

/** Security posture: scores, the checks by pillar, and the open findings. */
export function PostureTab() {
  const { value, loading, error } = usePosture();
  return (
    <Stack spacing={3}>
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} title="Could not load the posture checks" />}
      {value && (
        <>
          <ScoreSummary report={value} />
          <CheckList checks={value.checks} />
        </>
      )}
      <Typography variant="h6" component="h3">
        Open findings
      </Typography>
      <FindingsTable />
    </Stack>
  );
}
