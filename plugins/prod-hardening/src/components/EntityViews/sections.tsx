import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  EntityAnnotationProblem,
  EntityCost,
  EntityPosture,
  EntityThrottling,
  Severity,
} from '@prod-hardening/plugin-prod-hardening-common';
import { formatUsd } from '../../utils/finops';
import { formatPercent, severityColor, statusColor } from '../../utils/status';
import { formatAge } from '../../utils/throttling';

const SHOWN_SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** Score, failing checks and open findings by severity: the card's first line. */
export function PostureFigures({ posture }: { posture: EntityPosture }) {
  const { score, findings } = posture;
  return (
    <Stack direction="row" spacing={3} flexWrap="wrap" useFlexGap>
      <Figure
        label="Checks passed (Security Hub method)"
        value={formatPercent(score.securityHubPercent)}
        testId="entity-score"
      />
      <Figure
        label="Failing checks"
        value={String(score.failed)}
        testId="entity-failing-checks"
      />
      <Figure
        label="Open findings"
        value={String(findings.total)}
        testId="entity-findings-total"
      />
      <Stack direction="row" spacing={0.5} alignItems="center">
        {SHOWN_SEVERITIES.filter(s => findings.bySeverity[s] > 0).map(s => (
          <Chip
            key={s}
            size="small"
            color={severityColor(s)}
            label={`${findings.bySeverity[s]} ${s.toLowerCase()}`}
          />
        ))}
      </Stack>
    </Stack>
  );
}

export function Figure({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId?: string;
}) {
  return (
    <div>
      <Typography variant="h5" component="p" data-testid={testId}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </div>
  );
}

/** The checks narrowed to the entity's resources, then its open findings. */
export function PostureDetails({ posture }: { posture: EntityPosture }) {
  return (
    <Stack spacing={2}>
      <PostureFigures posture={posture} />
      {posture.unavailableReason && (
        <Alert severity="warning">{posture.unavailableReason}</Alert>
      )}
      <Table size="small" aria-label="Checks of this entity's resources">
        <TableHead>
          <TableRow>
            <TableCell>Check</TableCell>
            <TableCell>Severity</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Resources and evidence</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {posture.checks.map(check => (
            <TableRow key={check.id}>
              <TableCell component="th" scope="row">
                {check.title}
              </TableCell>
              <TableCell>{check.severity}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={statusColor(check.status)}
                  label={check.status}
                />
              </TableCell>
              <TableCell>
                {check.resources.map(r => (
                  <Typography variant="body2" key={r.resourceId}>
                    {r.resourceId}: {r.evidence}
                  </Typography>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {posture.findings.items.length === 0 ? (
        <Typography variant="body2">
          No open findings on these resources.
        </Typography>
      ) : (
        <Table
          size="small"
          aria-label="Open findings on this entity's resources"
        >
          <TableHead>
            <TableRow>
              <TableCell>Severity</TableCell>
              <TableCell>Finding</TableCell>
              <TableCell>Resource</TableCell>
              <TableCell>Product</TableCell>
              <TableCell>Last seen</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {posture.findings.items.map(f => (
              <TableRow key={f.id}>
                <TableCell>
                  <Chip
                    size="small"
                    color={severityColor(f.severity)}
                    label={f.severity}
                  />
                </TableCell>
                <TableCell component="th" scope="row">
                  {f.title}
                </TableCell>
                <TableCell>{f.resourceId}</TableCell>
                <TableCell>{f.product}</TableCell>
                <TableCell>{f.lastSeen.slice(0, 10)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {posture.findings.total > posture.findings.items.length && (
        <Typography variant="caption">
          The {posture.findings.items.length} most severe of{' '}
          {posture.findings.total} open findings.
        </Typography>
      )}
    </Stack>
  );
}

/** AI spend of the entity's agents; cost allocation tags say what is not read yet. */
export function CostDetails({
  cost,
  detailed,
}: {
  cost: EntityCost;
  detailed?: boolean;
}) {
  return (
    <Stack spacing={1}>
      {cost.ai?.state === 'ok' && (
        <>
          <Stack direction="row" spacing={3}>
            <Figure
              label={`AI cost, ${cost.ai.month} to date`}
              value={formatUsd(cost.ai.monthToDateMicros)}
              testId="entity-ai-mtd"
            />
            <Figure
              label="AI cost, month-end forecast"
              value={formatUsd(cost.ai.forecastMicros)}
            />
          </Stack>
          {detailed && (
            <Table size="small" aria-label="AI cost by agent">
              <TableHead>
                <TableRow>
                  <TableCell>Agent</TableCell>
                  <TableCell align="right">Month to date</TableCell>
                  <TableCell align="right">Forecast</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {cost.ai.agents.map(a => (
                  <TableRow key={a.agent}>
                    <TableCell component="th" scope="row">
                      {a.agent}
                    </TableCell>
                    <TableCell align="right">
                      {formatUsd(a.monthToDateMicros)}
                    </TableCell>
                    <TableCell align="right">
                      {formatUsd(a.forecastMicros)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
      {cost.ai?.state === 'unavailable' && (
        <Alert severity="warning">AI cost: {cost.ai.reason}</Alert>
      )}
      {cost.tags && (
        <Alert severity="info">
          Cost by tag (
          {[...cost.tags.tagSets, ...cost.tags.costCategorySets]
            .map(set => set.map(t => `${t.key}=${t.value}`).join(', '))
            .join('; ')}
          ): {cost.tags.reason}
        </Alert>
      )}
    </Stack>
  );
}

/** The rate limiter's last hour and its dead-letter queue. */
export function ThrottlingDetails({
  throttling,
}: {
  throttling: EntityThrottling;
}) {
  const { redis, dlq } = throttling;
  return (
    <Stack spacing={1}>
      {redis.state === 'ok' ? (
        <Stack direction="row" spacing={3} flexWrap="wrap" useFlexGap>
          <Figure
            label={`Allowed, last ${throttling.windowMinutes} min`}
            value={String(redis.totals.allowed)}
          />
          <Figure
            label="Throttled"
            value={String(redis.totals.throttled)}
            testId="entity-throttled"
          />
          <Figure label="Sent" value={String(redis.totals.sent)} />
          <Figure
            label="Dead-lettered"
            value={String(redis.totals.deadLettered)}
          />
          <Figure
            label="Fallback mode"
            value={redis.fallback.active ? 'ON' : 'off'}
          />
        </Stack>
      ) : (
        <Alert severity="warning">Limiter metrics: {redis.reason}</Alert>
      )}
      {dlq.state === 'ok' ? (
        <Typography variant="body2" data-testid="entity-dlq">
          Dead-letter queue {dlq.queueName}: {dlq.depth} waiting
          {dlq.oldestAgeSeconds !== null && dlq.depth > 0
            ? `, oldest ${formatAge(dlq.oldestAgeSeconds)}`
            : ''}
        </Typography>
      ) : (
        <Alert severity="warning">Dead-letter queue: {dlq.reason}</Alert>
      )}
    </Stack>
  );
}

/** Annotations that could not be resolved, and why: shown, never an error page. */
export function AnnotationProblems({
  problems,
  showEntity,
}: {
  problems: EntityAnnotationProblem[];
  showEntity: boolean;
}) {
  if (problems.length === 0) return null;
  return (
    <Alert severity="warning">
      <Typography variant="body2">
        Some annotations could not be resolved:
      </Typography>
      <List dense disablePadding aria-label="Annotation problems">
        {problems.map((p, i) => (
          <ListItem key={i} disableGutters>
            <ListItemText
              primary={`${showEntity ? `${p.entityRef}: ` : ''}${
                p.annotation
              } "${p.value}"`}
              secondary={p.reason}
            />
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
