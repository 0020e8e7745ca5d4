import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  SuccessMetric,
  SuccessMetricPillar,
  SuccessMetricStatus,
} from '@prod-hardening/plugin-prod-hardening-common';
import { Link as RouterLink } from 'react-router-dom';
import { useSuccessMetrics } from '../../hooks/useSuccessMetrics';
import { RunbookLink } from '../Runbooks';

const PILLARS: Array<{ id: SuccessMetricPillar; title: string }> = [
  { id: 'security', title: 'Security' },
  { id: 'observability', title: 'Observability' },
  { id: 'finops', title: 'FinOps' },
  { id: 'rate-limiting', title: 'Rate limiting' },
];

const STATUS: Record<
  SuccessMetricStatus,
  { label: string; color: 'success' | 'error' | 'default' }
> = {
  met: { label: 'Met', color: 'success' },
  'not-met': { label: 'Not met', color: 'error' },
  unknown: { label: 'Unknown', color: 'default' },
};

const TAB_TITLES: Record<SuccessMetric['tab'], string> = {
  posture: 'Posture',
  finops: 'FinOps',
  throttling: 'Throttling',
  'weekly-review': 'Weekly review',
};

function MetricRow({ metric }: { metric: SuccessMetric }) {
  const status = STATUS[metric.status];
  return (
    <TableRow
      data-testid={`success-metric-${metric.id}`}
      data-status={metric.status}
    >
      <TableCell component="th" scope="row">
        {metric.label}
      </TableCell>
      <TableCell>
        <strong>{metric.value ?? '—'}</strong>
      </TableCell>
      <TableCell>{metric.target}</TableCell>
      <TableCell>
        <Chip size="small" color={status.color} label={status.label} />
      </TableCell>
      <TableCell>
        <Typography variant="body2">{metric.detail}</Typography>
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={1}>
          <Button
            size="small"
            component={RouterLink}
            to={`../${metric.tab}`}
            relative="path"
          >
            {TAB_TITLES[metric.tab]}
          </Button>
          {metric.runbookId && metric.status === 'not-met' && (
            <RunbookLink runbookId={metric.runbookId} />
          )}
        </Stack>
      </TableCell>
    </TableRow>
  );
}

/**
 * The seed's success metrics against their targets, grouped as the seed lists them.
 * Each row names its source tab; missed ones link to the runbook that handles them.
 */
export function SuccessMetricsTab() {
  const { value, loading, error, retry } = useSuccessMetrics();
  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <Stack spacing={2}>
        <ResponseErrorPanel
          error={error}
          title="Could not load the success metrics"
        />
        <Button onClick={retry}>Retry</Button>
      </Stack>
    );
  }
  if (!value) return null;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          Success metrics
        </Typography>
        <Typography data-testid="success-metrics-summary">
          {value.met} met · {value.notMet} not met · {value.unknown} unknown
        </Typography>
        <Button onClick={retry}>Refresh</Button>
      </Stack>
      <Table size="small" aria-label="Success metrics">
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell>Now</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>How it is measured</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        {PILLARS.map(pillar => {
          const rows = value.metrics.filter(m => m.pillar === pillar.id);
          if (!rows.length) return null;
          return (
            <TableBody key={pillar.id}>
              <TableRow>
                <TableCell colSpan={6}>
                  <Typography variant="subtitle2" component="h4">
                    {pillar.title}
                  </Typography>
                </TableCell>
              </TableRow>
              {rows.map(m => (
                <MetricRow key={m.id} metric={m} />
              ))}
            </TableBody>
          );
        })}
      </Table>
      <Typography variant="body2" color="text.secondary">
        Computed {value.generatedAt.slice(0, 16).replace('T', ' ')} UTC from the
        posture checks, Security Hub findings, FinOps data and the rate
        limiter's last hour. MTTD, MTTR and uptime are not measured by the
        portal.
      </Typography>
    </Stack>
  );
}
