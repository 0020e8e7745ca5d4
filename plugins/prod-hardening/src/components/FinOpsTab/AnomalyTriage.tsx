import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  ANOMALY_FEEDBACK_VALUES,
  AnomalyFeedback,
  AnomalyFeedbackValue,
  AnomalySource,
  describeAnomalyFeedback,
  TriagedCostAnomaly,
  prodHardeningFinOpsFeedbackPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { prodHardeningApiRef } from '../../api';

/** The buttons' short words; the recorded answer reads in full (ANOMALY_FEEDBACK_LABELS). */
const BUTTON_LABELS: Record<AnomalyFeedbackValue, string> = {
  YES: 'Yes',
  NO: 'No',
  PLANNED_ACTIVITY: 'Planned activity',
};

/**
 * One anomaly's triage: its latest answer, and Yes / No / Planned activity for those
 * with prod-hardening.finops.feedback (mirrored here; the backend decides). An
 * answer replaces the one shown once the backend has recorded it.
 */
export function AnomalyTriage(props: {
  source: AnomalySource;
  anomalyId: string;
  /** What the overview says was answered last. */
  feedback: AnomalyFeedback | null;
  /** Names the anomaly for screen readers, e.g. "AmazonCloudWatch on 2026-11-25". */
  label: string;
}) {
  const api = useApi(prodHardeningApiRef);
  const { allowed } = usePermission({
    permission: prodHardeningFinOpsFeedbackPermission,
  });
  // The last answer recorded from this row: a later failed attempt does not undo it.
  const [recorded, setRecorded] = useState<AnomalyFeedback>();
  const [sent, answer] = useAsyncFn(
    async (feedback: AnomalyFeedbackValue) => {
      const result = await api.provideAnomalyFeedback({
        source: props.source,
        anomalyId: props.anomalyId,
        feedback,
      });
      setRecorded(result);
      return result;
    },
    [api, props.source, props.anomalyId],
  );
  // Whichever is newer: this row's answer, or one the overview brought since.
  const shown =
    recorded &&
    (!props.feedback || recorded.answeredAt >= props.feedback.answeredAt)
      ? recorded
      : props.feedback;
  return (
    <Stack spacing={0.5} alignItems="flex-start">
      <Typography
        variant="body2"
        color={shown ? 'text.primary' : 'text.secondary'}
        data-testid="anomaly-feedback"
      >
        {shown ? describeAnomalyFeedback(shown) : 'Not answered yet'}
      </Typography>
      {allowed && (
        <Stack
          direction="row"
          spacing={1}
          alignItems="center"
          className="anomaly-triage-actions"
        >
          <ButtonGroup
            size="small"
            aria-label={`Is ${props.label} an anomaly?`}
            disabled={sent.loading}
          >
            {ANOMALY_FEEDBACK_VALUES.map(value => (
              <Button
                key={value}
                variant={shown?.feedback === value ? 'contained' : 'outlined'}
                onClick={() => answer(value)}
              >
                {BUTTON_LABELS[value]}
              </Button>
            ))}
          </ButtonGroup>
          {sent.loading && (
            <CircularProgress size={16} aria-label="Sending the answer" />
          )}
        </Stack>
      )}
      {sent.error && (
        <Alert severity="error" role="alert">
          The answer was not recorded: {sent.error.message}
        </Alert>
      )}
    </Stack>
  );
}

/** The triage of one of the portal's own anomalies (FinOps tab and weekly review). */
export function PortalAnomalyTriage({
  anomaly,
}: {
  anomaly: Pick<TriagedCostAnomaly, 'id' | 'feedback' | 'series' | 'day'>;
}) {
  return (
    <AnomalyTriage
      source="portal"
      anomalyId={anomaly.id}
      feedback={anomaly.feedback}
      label={`${anomaly.series} on ${anomaly.day}`}
    />
  );
}
