import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  SavingsTarget,
  SavingsTargetStatus,
  TrustedAdvisorCheckStatus,
  TrustedAdvisorReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useFinOpsOptimisation } from '../../hooks/useFinOps';
import { formatUsd } from '../../utils/finops';
import { SectionCard } from '../SectionCard';

const TARGET_STATUS: Record<
  SavingsTargetStatus,
  { label: string; color: 'success' | 'warning' | 'info' | 'default' }
> = {
  met: { label: 'Goal met', color: 'success' },
  behind: { label: 'Behind goal', color: 'warning' },
  measuring: { label: 'Measuring', color: 'info' },
  'no-data': { label: 'No data', color: 'default' },
  'not-configured': { label: 'Not configured', color: 'default' },
};

const ADVISOR_STATUS: Record<
  TrustedAdvisorCheckStatus,
  { label: string; color: 'success' | 'warning' | 'error' | 'default' }
> = {
  ok: { label: 'OK', color: 'success' },
  warning: { label: 'Investigate', color: 'warning' },
  error: { label: 'Action', color: 'error' },
  not_available: { label: 'n/a', color: 'default' },
};

function SavingsTargetRow({ target }: { target: SavingsTarget }) {
  const status = TARGET_STATUS[target.status];
  const reduction = target.reductionPercent;
  // The bar fills as the reduction approaches the goal; a rise shows an empty bar.
  const progress =
    reduction === undefined
      ? 0
      : Math.max(0, Math.min(100, (reduction / target.goalPercent) * 100));
  return (
    <Stack spacing={0.5} data-testid={`savings-target-${target.id}`}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="subtitle1" component="h4" sx={{ flexGrow: 1 }}>
          {target.title}
        </Typography>
        <Chip size="small" color={status.color} label={status.label} />
      </Stack>
      <Typography>
        {reduction === undefined
          ? '—'
          : `${reduction > 0 ? '−' : '+'}${Math.abs(reduction).toFixed(
              1,
            )}% per day`}{' '}
        · goal −{target.goalPercent}%
        {target.monthlySavingMicros !== undefined &&
        target.monthlySavingMicros > 0
          ? ` · about ${formatUsd(target.monthlySavingMicros)} a month saved`
          : ''}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={progress}
        color={target.status === 'met' ? 'success' : 'warning'}
        aria-label={`${target.title}: progress towards the ${target.goalPercent}% goal`}
      />
      <Typography variant="body2" color="text.secondary">
        {target.explanation}
        {target.baseline && target.current
          ? ` Before: ${formatUsd(target.baseline.dailyAverageMicros)}/day (${
              target.baseline.from
            } – ${target.baseline.to}); after: ${formatUsd(
              target.current.dailyAverageMicros,
            )}/day (${target.current.from} – ${target.current.to}).`
          : ''}{' '}
        Measured on {target.basis}.
      </Typography>
    </Stack>
  );
}

function TrustedAdvisorChecks({ report }: { report: TrustedAdvisorReport }) {
  if (report.state === 'not-read-yet') {
    return (
      <Typography color="text.secondary">
        Trusted Advisor has not been read yet.
      </Typography>
    );
  }
  if (report.state === 'not-available') {
    return (
      <Alert severity="info" aria-label="Trusted Advisor availability">
        {report.reason}
      </Alert>
    );
  }
  return (
    <Stack spacing={1}>
      <Typography>
        Estimated savings still open:{' '}
        <strong>{formatUsd(report.totalEstimatedMonthlySavingsMicros)}</strong>{' '}
        a month · checked {report.checkedAt.slice(0, 16).replace('T', ' ')} UTC
      </Typography>
      <Table size="small" aria-label="Trusted Advisor cost checks">
        <TableHead>
          <TableRow>
            <TableCell>Check</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Flagged</TableCell>
            <TableCell align="right">Est. monthly saving</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.checks.map(c => (
            <TableRow key={c.id}>
              <TableCell>{c.name}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={ADVISOR_STATUS[c.status].color}
                  label={ADVISOR_STATUS[c.status].label}
                />
              </TableCell>
              <TableCell align="right">
                {c.resourcesFlagged} of {c.resourcesProcessed}
              </TableCell>
              <TableCell align="right">
                {formatUsd(c.estimatedMonthlySavingsMicros)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}

/** The seed's savings targets against their goals, and Trusted Advisor's cost checks. */
export function OptimisationSection() {
  const { value, error } = useFinOpsOptimisation();
  return (
    <SectionCard title="Savings targets">
      {error && (
        <Alert severity="warning">
          Savings targets unavailable: {error.message}
        </Alert>
      )}
      {!value && !error && <LinearProgress aria-label="Loading savings" />}
      {value && (
        <Stack spacing={3}>
          {value.usageUnavailableReason && (
            <Alert severity="warning">
              Cost Explorer usage types could not be read:{' '}
              {value.usageUnavailableReason}
              {value.usageRefreshedAt
                ? ` (showing the read of ${value.usageRefreshedAt.slice(
                    0,
                    10,
                  )})`
                : ''}
            </Alert>
          )}
          {value.targets.map(t => (
            <SavingsTargetRow key={t.id} target={t} />
          ))}
          <Stack spacing={1}>
            <Typography variant="subtitle1" component="h4">
              Trusted Advisor cost optimisation
            </Typography>
            <TrustedAdvisorChecks report={value.trustedAdvisor} />
          </Stack>
        </Stack>
      )}
    </SectionCard>
  );
}
