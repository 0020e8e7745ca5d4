import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  FallbackStatus,
  LimitsInForce,
  RUNBOOK_IDS,
} from '@prod-hardening/plugin-prod-hardening-common';
import { RunbookLink } from '../Runbooks';
import { describeLimits } from '../../utils/throttling';

const time = (iso: string) => new Date(iso).toLocaleString();

/** Whether the limiter decides with Redis or with its in-memory fallback. */
export function FallbackIndicator({ fallback }: { fallback: FallbackStatus }) {
  if (fallback.active) {
    return (
      <Alert
        severity="error"
        data-testid="fallback-indicator"
        data-state="fallback"
        action={
          <RunbookLink
            runbookId={RUNBOOK_IDS.rateLimiter}
            label="Rate limiter runbook"
          />
        }
      >
        Fallback mode: an instance decides with its in-memory share of the limit
        {fallback.since ? ` since ${time(fallback.since)}` : ''}
        {fallback.reason ? ` (${fallback.reason})` : ''}.
      </Alert>
    );
  }
  const last =
    fallback.since && fallback.endedAt
      ? ` Last fallback episode: ${time(fallback.since)} – ${time(
          fallback.endedAt,
        )}.`
      : '';
  return (
    <Alert
      severity="success"
      data-testid="fallback-indicator"
      data-state="redis"
    >
      Deciding with Redis.
      {fallback.decisionsInWindow > 0
        ? ` ${fallback.decisionsInWindow} decision(s) in this window were made by the fallback.`
        : ''}
      {last}
    </Alert>
  );
}

/** The limits the Lambda recorded at start-up. */
export function LimitsInForceSummary({
  limits,
}: {
  limits: LimitsInForce | null;
}) {
  if (!limits) {
    return (
      <Typography color="text.secondary" data-testid="limits-in-force">
        No Lambda instance has recorded its limits yet.
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5} data-testid="limits-in-force">
      <Typography>Per creator: {describeLimits(limits)}.</Typography>
      {limits.maxConcurrency !== undefined && (
        <Typography variant="body2" color="text.secondary">
          Lambda maximum concurrency {limits.maxConcurrency}
          {limits.fallbackWarmupMs !== undefined
            ? `; the fallback waits ${
                limits.fallbackWarmupMs / 1000
              } s after Redis is lost`
            : ''}
          {limits.updatedAt ? `; recorded ${time(limits.updatedAt)}` : ''}.
        </Typography>
      )}
    </Stack>
  );
}
