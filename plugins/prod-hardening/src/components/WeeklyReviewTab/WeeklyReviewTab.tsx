import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  AmountChange,
  WeekOverWeekTable,
  WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { prodHardeningApiRef, WeeklyReviewDownloadFormat } from '../../api';
import { useWeeklyReview } from '../../hooks/useFinOps';
import { formatChange, formatUsd } from '../../utils/finops';
import { PortalAnomalyTriage } from '../FinOpsTab/AnomalyTriage';
import { AiUnitCostTable, AlertList } from '../FinOpsTab/FinOpsLists';

/** Printing shows the report only: no navigation, no buttons, tables kept whole. */
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        'nav, header, [role="tablist"], .weekly-review-actions, .anomaly-triage-actions':
          {
            display: 'none !important',
          },
        '.weekly-review section': { breakInside: 'avoid' },
        body: { background: '#fff' },
      },
    }}
  />
);

function ChangeCells({ change }: { change: AmountChange }) {
  return (
    <>
      <TableCell align="right">{formatUsd(change.currentMicros)}</TableCell>
      <TableCell align="right">{formatUsd(change.previousMicros)}</TableCell>
      <TableCell align="right">{formatUsd(change.changeMicros)}</TableCell>
      <TableCell align="right">{formatChange(change.changePercent)}</TableCell>
    </>
  );
}

const CHANGE_HEADERS = ['This week', 'Week before', 'Change', '%'];

function MoversTable({
  title,
  table,
}: {
  title: string;
  table: WeekOverWeekTable;
}) {
  return (
    <Table size="small" aria-label={`Top movers by ${title}`}>
      <TableHead>
        <TableRow>
          <TableCell>{title}</TableCell>
          {CHANGE_HEADERS.map(h => (
            <TableCell key={h} align="right">
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {table.movers.map(m => (
          <TableRow key={m.key}>
            <TableCell>
              {m.key}
              {m.status === 'new'
                ? ' (new)'
                : m.status === 'disappeared'
                ? ' (gone)'
                : ''}
            </TableCell>
            <ChangeCells change={m} />
          </TableRow>
        ))}
        {table.others.count > 0 && (
          <TableRow>
            <TableCell>{table.others.count} others</TableCell>
            <ChangeCells change={table.others} />
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

function ReportSection({
  title,
  children,
}: {
  title: string;
  children: React.ReactNode;
}) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="h6" component="h3" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Report({ report }: { report: WeeklyReviewReport }) {
  const { current, previous } = report.periods;
  const { burn, runRate, holt } = report.budget;
  return (
    <Stack spacing={3} className="weekly-review">
      <Typography variant="h5" component="h2">
        FinOps weekly review: {current.from} – {current.to}
      </Typography>
      <Typography color="text.secondary">
        Compared with {previous.from} – {previous.to}. Generated{' '}
        {report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.
      </Typography>
      <ReportSection title="Totals">
        <Table size="small" aria-label="Totals">
          <TableHead>
            <TableRow>
              <TableCell>Scope</TableCell>
              {CHANGE_HEADERS.map(h => (
                <TableCell key={h} align="right">
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow>
              <TableCell>AWS (Cost Explorer)</TableCell>
              <ChangeCells change={report.totals.aws} />
            </TableRow>
            <TableRow>
              <TableCell>AI (ledger)</TableCell>
              <ChangeCells change={report.totals.ai} />
            </TableRow>
          </TableBody>
        </Table>
      </ReportSection>
      <ReportSection title={`Budget ${report.budget.month}`}>
        <Typography>
          Month to date {formatUsd(burn.monthToDateMicros)} of{' '}
          {formatUsd(burn.budgetMicros)} (
          {burn.percentOfProRated === null
            ? '—'
            : `${burn.percentOfProRated.toFixed(0)}%`}{' '}
          of the pro-rated budget). Burn {formatUsd(burn.burnRateDailyMicros)}
          /day vs {formatUsd(burn.allowedDailyMicros)}/day allowed (
          {burn.burnRatio.toFixed(2)}×).
        </Typography>
        <Typography>
          Month-end forecast: run rate {formatUsd(runRate.monthEndMicros)} (
          {runRate.percentOfBudget.toFixed(0)}%), Holt{' '}
          {formatUsd(holt.monthEndMicros)} ({holt.percentOfBudget.toFixed(0)}%).
          {runRate.exhaustion
            ? ` Budget exhausted on ${runRate.exhaustion.day} (${runRate.exhaustion.basis}).`
            : ' The budget holds this month.'}
        </Typography>
      </ReportSection>
      <ReportSection title="Top movers">
        <Stack spacing={2}>
          <MoversTable title="Service" table={report.movers.services} />
          <MoversTable title="Agent" table={report.movers.agents} />
          <MoversTable title="Provider" table={report.movers.providers} />
        </Stack>
      </ReportSection>
      <ReportSection title="Anomalies this week">
        {report.anomalies.length ? (
          <Table size="small" aria-label="Anomalies this week">
            <TableHead>
              <TableRow>
                <TableCell>Day</TableCell>
                <TableCell>Series</TableCell>
                <TableCell align="right">Expected</TableCell>
                <TableCell align="right">Actual</TableCell>
                <TableCell align="right">Impact</TableCell>
                <TableCell>Is it an anomaly?</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.anomalies.map(a => (
                <TableRow key={a.id}>
                  <TableCell>{a.day}</TableCell>
                  <TableCell>{a.series}</TableCell>
                  <TableCell align="right">
                    {formatUsd(a.expectedMicros)}
                  </TableCell>
                  <TableCell align="right">
                    {formatUsd(a.actualMicros)}
                  </TableCell>
                  <TableCell align="right">
                    {formatUsd(a.impactMicros)}
                  </TableCell>
                  <TableCell>
                    <PortalAnomalyTriage anomaly={a} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography color="text.secondary">
            No anomalies this week.
          </Typography>
        )}
      </ReportSection>
      <ReportSection title="AI unit economics">
        <Stack spacing={2}>
          <AiUnitCostTable
            label="Provider"
            rows={report.aiUnitEconomics.byProvider}
          />
          <AiUnitCostTable
            label="Agent"
            rows={report.aiUnitEconomics.byAgent}
          />
          <AiUnitCostTable
            label="Model"
            rows={report.aiUnitEconomics.byModel}
          />
        </Stack>
      </ReportSection>
      <ReportSection title="Open alerts">
        <AlertList alerts={report.openAlerts} />
      </ReportSection>
    </Stack>
  );
}

/** The weekly FinOps review, with CSV and Markdown exports and a print layout. */
export function WeeklyReviewTab() {
  const api = useApi(prodHardeningApiRef);
  const { value, loading, error, retry } = useWeeklyReview();
  const [downloadError, setDownloadError] = useState<string>();

  const download = async (format: WeeklyReviewDownloadFormat) => {
    setDownloadError(undefined);
    try {
      const file = await api.downloadWeeklyReview(format);
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setDownloadError((e as Error).message);
    }
  };

  return (
    <Stack spacing={2}>
      {printStyles}
      <Stack direction="row" spacing={1} className="weekly-review-actions">
        <Button
          variant="outlined"
          onClick={() => download('csv')}
          disabled={!value}
        >
          Download CSV
        </Button>
        <Button
          variant="outlined"
          onClick={() => download('md')}
          disabled={!value}
        >
          Download Markdown
        </Button>
        <Button
          variant="outlined"
          onClick={() => window.print()}
          disabled={!value}
        >
          Print
        </Button>
      </Stack>
      {downloadError && (
        <Alert severity="error">Download failed: {downloadError}</Alert>
      )}
      {loading && !value && <Progress />}
      {error && (
        <Stack spacing={1}>
          <ResponseErrorPanel
            error={error}
            title="Could not load the weekly review"
          />
          <Button onClick={retry}>Retry</Button>
        </Stack>
      )}
      {value && <Report report={value} />}
    </Stack>
  );
}
