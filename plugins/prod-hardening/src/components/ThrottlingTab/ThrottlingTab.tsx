import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { RUNBOOK_IDS } from '@prod-hardening/plugin-prod-hardening-common';
import type {
  RateLimiterMetrics,
  ThrottlingCounters,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import {
  THROTTLING_REFRESH_MS,
  useThrottlingOverview,
} from '../../hooks/useThrottling';
import { formatBound } from '../../utils/throttling';
import { RunbookLink } from '../Runbooks';
import { SectionCard } from '../SectionCard';
import { CreatorsTable } from './CreatorsTable';
import { DeadLetterQueueCard } from './DeadLetterQueueCard';
import { FallbackIndicator, LimitsInForceSummary } from './LimiterStatus';
import { LatencyChart, ThrottlingChart } from './ThrottlingChart';

const WINDOWS = [15, 30, 60, 180] as const;

const TOTALS: { key: keyof ThrottlingCounters; label: string }[] = [
  { key: 'allowed', label: 'Allowed' },
  { key: 'throttled', label: 'Throttled' },
  { key: 'deferred', label: 'Deferred' },
  { key: 'sent', label: 'Sent' },
  { key: 'failed', label: 'Failed' },
  { key: 'deadLettered', label: 'Dead-lettered' },
];

function Totals({ metrics }: { metrics: RateLimiterMetrics }) {
  const { latency } = metrics;
  const stat = (label: string, value: string | number, id: string) => (
    <div key={id}>
      <Typography variant="overline">{label}</Typography>
      <Typography variant="h5" data-testid={`total-${id}`}>
        {value}
      </Typography>
    </div>
  );
  return (
    <Stack
      direction="row"
      spacing={4}
      flexWrap="wrap"
      useFlexGap
      aria-label="Totals in the window"
    >
      {TOTALS.map(t => stat(t.label, metrics.totals[t.key], t.key))}
      {stat('Decision p50', formatBound(latency.p50Ms), 'p50')}
      {stat(
        'Decision p99',
        formatBound(latency.p99Ms, latency.p99OverMs),
        'p99',
      )}
    </Stack>
  );
}

function LimiterMetrics({ metrics }: { metrics: RateLimiterMetrics }) {
  return (
    <>
      <FallbackIndicator fallback={metrics.fallback} />
      <SectionCard title="Messages per minute">
        <Totals metrics={metrics} />
        <ThrottlingChart minutes={metrics.minutes} />
      </SectionCard>
      <SectionCard title="Decision latency (histogram bucket bounds)">
        <LatencyChart minutes={metrics.minutes} />
      </SectionCard>
      <SectionCard title="Busiest creators">
        <CreatorsTable creators={metrics.creators} limits={metrics.limits} />
      </SectionCard>
      <SectionCard title="Limits in force">
        <LimitsInForceSummary limits={metrics.limits} />
      </SectionCard>
    </>
  );
}

/**
 * Throttling: the rate limiter's per-minute counters, decision latency, busiest
 * creators, fallback mode and limits (from Redis), and its dead-letter queue with a
 * guarded redrive. Refreshed every few seconds; each source can fail on its own.
 */
export function ThrottlingTab() {
  const [minutes, setMinutes] = useState<number>(30);
  const { value, loading, error, retry } = useThrottlingOverview(minutes);
  let body: React.ReactNode;
  if (loading && !value) body = <Progress />;
  else if (error && !value) {
    body = (
      <Stack spacing={2}>
        <ResponseErrorPanel error={error} title="Could not load throttling" />
        <Button onClick={retry}>Retry</Button>
      </Stack>
    );
  } else if (value) {
    body = (
      <>
        {value.redis.state === 'ok' ? (
          <LimiterMetrics metrics={value.redis} />
        ) : (
          <Alert
            severity="warning"
            aria-label="Rate limiter metrics unavailable"
          >
            Rate limiter metrics unavailable — {value.redis.reason}. The
            dead-letter queue below is read from SQS and still shown.{' '}
            <RunbookLink
              runbookId={RUNBOOK_IDS.rateLimiter}
              label="Rate limiter runbook"
            />
          </Alert>
        )}
        <SectionCard
          title="Dead-letter queue"
          action={
            value.dlq.state === 'ok' && value.dlq.depth > 0 ? (
              <RunbookLink
                runbookId={RUNBOOK_IDS.rateLimiter}
                label="Rate limiter runbook"
              />
            ) : undefined
          }
        >
          <DeadLetterQueueCard dlq={value.dlq} onRedriven={retry} />
        </SectionCard>
      </>
    );
  }
  return (
    <Stack spacing={3}>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          Message throttling
        </Typography>
        <Typography
          variant="body2"
          color="text.secondary"
          data-testid="throttling-updated"
        >
          {value
            ? `Updated ${new Date(
                value.generatedAt,
              ).toLocaleTimeString()}, every ${THROTTLING_REFRESH_MS / 1000} s`
            : ''}
        </Typography>
        <TextField
          select
          size="small"
          label="Window"
          value={minutes}
          onChange={e => setMinutes(Number(e.target.value))}
        >
          {WINDOWS.map(w => (
            <MenuItem key={w} value={w}>
              Last {w} minutes
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {body}
    </Stack>
  );
}
