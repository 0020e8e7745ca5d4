import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { prodHardeningApiRef } from '../../api';
import { usePosture } from '../../hooks/usePosture';
import { RemediationHistory } from '../RemediationHistory';
import { FindingsTable } from '../FindingsTable';
import { CheckList } from './CheckList';
import { ScoreSummary } from './ScoreSummary';
import { ScoreTrend } from './ScoreTrend';
import { ExemptionsList } from '../Exemptions';
import { useExemptions } from '../../hooks/useExemptions';

/** Security posture: scores, the checks by pillar, and the open findings. */
export function PostureTab() {
  const api = useApi(prodHardeningApiRef);
  const { value, loading, error, retry } = usePosture();
  const [historyVersion, setHistoryVersion] = useState(0);
  // Shown on their checks; a list that cannot be read only hides the marks.
  const active = useExemptions({ status: 'active' }, historyVersion);
  const onRemediated = async () => {
    // The backend drops its cache after a change; ask for a fresh evaluation anyway.
    await api.getPosture({ refresh: true }).catch(() => undefined);
    retry();
    setHistoryVersion(v => v + 1);
  };
  return (
    <Stack spacing={3}>
      {loading && !value && <Progress />}
      {error && (
        <ResponseErrorPanel
          error={error}
          title="Could not load the posture checks"
        />
      )}
      {value && (
        <>
          <ScoreSummary report={value} />
          <ScoreTrend />
          <CheckList
            checks={value.checks}
            onRemediated={onRemediated}
            exemptions={active.value ?? []}
          />
        </>
      )}
      <Typography variant="h6" component="h3">
        Open findings
      </Typography>
      <FindingsTable onRemediated={onRemediated} />
      <Typography variant="h6" component="h3">
        Exemptions
      </Typography>
      <ExemptionsList version={historyVersion} onChanged={onRemediated} />
      <Typography variant="h6" component="h3">
        Remediation history
      </Typography>
      <RemediationHistory version={historyVersion} />
    </Stack>
  );
}
