import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  AiUnitCostRow,
  AwsCostAnomaly,
  CostAlert,
  FinOpsOverview,
  TriagedCostAnomaly,
} from '@prod-hardening/plugin-prod-hardening-common';
import { formatChange, formatUsd } from '../../utils/finops';
import { AnomalyTriage, PortalAnomalyTriage } from './AnomalyTriage';

/** Both detections' anomalies, each with its latest answer and, if allowed, the triage buttons. */
export function AnomalyList({
  anomalies,
  awsAnomalies,
}: {
  anomalies: TriagedCostAnomaly[];
  awsAnomalies: AwsCostAnomaly[];
}) {
  if (!anomalies.length && !awsAnomalies.length) {
    return (
      <Typography color="text.secondary">
        No cost anomalies in the last 30 days.
      </Typography>
    );
  }
  return (
    <Table
      size="small"
      aria-label="Cost anomalies"
      // Figures and days on one line; the triage column takes what is left and wraps.
      sx={{
        '& td:not(:last-child), & th:not(:last-child)': {
          whiteSpace: 'nowrap',
        },
        '& td:last-child': { minWidth: 280 },
      }}
    >
      <TableHead>
        <TableRow>
          <TableCell>Day</TableCell>
          <TableCell>Series</TableCell>
          <TableCell align="right">Expected</TableCell>
          <TableCell align="right">Actual</TableCell>
          <TableCell align="right">Impact</TableCell>
          <TableCell>Found by</TableCell>
          <TableCell>Is it an anomaly?</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {anomalies.map(a => (
          <TableRow key={a.id}>
            <TableCell>{a.day}</TableCell>
            <TableCell>{a.series}</TableCell>
            <TableCell align="right">{formatUsd(a.expectedMicros)}</TableCell>
            <TableCell align="right">{formatUsd(a.actualMicros)}</TableCell>
            <TableCell align="right">{formatUsd(a.impactMicros)}</TableCell>
            <TableCell>
              portal (score {a.score === null ? 'n/a' : a.score.toFixed(1)})
            </TableCell>
            <TableCell>
              <PortalAnomalyTriage anomaly={a} />
            </TableCell>
          </TableRow>
        ))}
        {awsAnomalies.map(a => (
          <TableRow key={a.id}>
            <TableCell>{a.startDay ?? '—'}</TableCell>
            <TableCell>{a.series}</TableCell>
            <TableCell align="right">—</TableCell>
            <TableCell align="right">—</TableCell>
            <TableCell align="right">{formatUsd(a.impactMicros)}</TableCell>
            <TableCell>AWS Cost Anomaly Detection</TableCell>
            <TableCell>
              <AnomalyTriage
                source="aws"
                anomalyId={a.id}
                feedback={a.feedback}
                label={`${a.series} from ${a.startDay ?? 'an unknown day'}`}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AlertList({ alerts }: { alerts: CostAlert[] }) {
  if (!alerts.length) {
    return <Typography color="text.secondary">No open cost alerts.</Typography>;
  }
  return (
    <Table size="small" aria-label="Cost alerts">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Message</TableCell>
          <TableCell align="right">Amount</TableCell>
          <TableCell>Raised</TableCell>
          <TableCell>Notified</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {alerts.map(a => (
          <TableRow key={a.id}>
            <TableCell>
              <Chip
                size="small"
                color={a.severity === 'critical' ? 'error' : 'warning'}
                label={a.severity}
              />
            </TableCell>
            <TableCell>{a.alertType}</TableCell>
            <TableCell>{a.message}</TableCell>
            <TableCell align="right">{formatUsd(a.amountMicros)}</TableCell>
            <TableCell>{a.createdAt.slice(0, 16).replace('T', ' ')}</TableCell>
            <TableCell>{a.notified ? 'yes' : 'no — check by hand'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function UnitRow({ row }: { row: AiUnitCostRow }) {
  return (
    <TableRow>
      <TableCell>{row.key}</TableCell>
      <TableCell align="right">{formatUsd(row.current.costMicros)}</TableCell>
      <TableCell align="right">{formatChange(row.costChangePercent)}</TableCell>
      <TableCell align="right">
        {formatUsd(row.current.costPer1kTokensMicros)}
      </TableCell>
      <TableCell align="right">
        {formatChange(row.costPer1kTokensChangePercent)}
      </TableCell>
      <TableCell align="right">
        {formatUsd(row.current.costPerRequestMicros)}
      </TableCell>
      <TableCell align="right">
        {formatChange(row.costPerRequestChangePercent)}
      </TableCell>
    </TableRow>
  );
}

/** AI unit costs this week vs last, by provider, agent and model. */
export function AiUnitCostTable({
  label,
  rows,
}: {
  label: string;
  rows: AiUnitCostRow[];
}) {
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{label}</TableCell>
          <TableCell align="right">Cost (7 days)</TableCell>
          <TableCell align="right">vs week before</TableCell>
          <TableCell align="right">Per 1k tokens</TableCell>
          <TableCell align="right">Change</TableCell>
          <TableCell align="right">Per request</TableCell>
          <TableCell align="right">Change</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <UnitRow key={`${r.dimension}-${r.key}`} row={r} />
        ))}
      </TableBody>
    </Table>
  );
}

/** AI spend of the last 30 days by provider and agent. */
export function AiCostByAgentTable({
  ai,
}: {
  ai: NonNullable<FinOpsOverview['ai']>;
}) {
  const rows = ai.byProviderAgent;
  return (
    <Table size="small" aria-label="AI cost by provider and agent">
      <TableHead>
        <TableRow>
          <TableCell>Provider</TableCell>
          <TableCell>Agent</TableCell>
          <TableCell align="right">Cost (30 days)</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <TableRow key={`${r.provider}/${r.agent}`}>
            <TableCell>{r.provider}</TableCell>
            <TableCell>{r.agent}</TableCell>
            <TableCell align="right">{formatUsd(r.amountMicros)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
