import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import type { SourceHealth } from '@prod-hardening/plugin-prod-hardening-common';
import { useHealth } from '../../hooks/useHealth';

function describeSource(source: SourceHealth): string {
  if (source.state === 'down')
    return `${source.label}: down — ${source.reason ?? 'no reason given'}`;
  const account = source.details?.account
    ? ` — account ${source.details.account}`
    : '';
  return `${source.label}: connected${account} (${Math.round(
    source.latencyMs,
  )} ms)`;
}

/**
 * One line per data source the dashboards depend on. A source that is down is shown
 * with its reason; the rest of the page keeps working with what is available.
 */
export function SourceStatusBanner() {
  const { value, loading, error, retry } = useHealth();

  if (error) {
    return (
      <Alert
        severity="error"
        role="alert"
        action={<Button onClick={retry}>Retry</Button>}
      >
        <AlertTitle>Cannot reach the prod-hardening backend</AlertTitle>
        {error.message}
      </Alert>
    );
  }
  if (!value) {
    return (
      <Alert severity="info" role="status" aria-label="Source status">
        {loading ? 'Checking data sources…' : 'No source status yet.'}
      </Alert>
    );
  }
  const down = value.sources.filter(s => s.state === 'down');
  return (
    <Alert
      severity={down.length ? 'warning' : 'success'}
      role="status"
      aria-label="Source status"
      action={
        <Button onClick={retry} disabled={loading}>
          Re-check
        </Button>
      }
    >
      <AlertTitle>
        {down.length
          ? `${down.length} of ${value.sources.length} data sources unavailable`
          : 'All data sources connected'}
      </AlertTitle>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {value.sources.map(source => (
          <Chip
            key={source.id}
            data-testid={`source-${source.id}`}
            data-state={source.state}
            color={source.state === 'up' ? 'success' : 'error'}
            variant={source.state === 'up' ? 'outlined' : 'filled'}
            label={describeSource(source)}
          />
        ))}
      </Stack>
    </Alert>
  );
}
