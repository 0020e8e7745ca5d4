import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  FinOpsOverview,
  RUNBOOK_IDS,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useFinOpsOverview } from '../../hooks/useFinOps';
import { formatUsd } from '../../utils/finops';
import { BudgetGaugeCard } from './BudgetGaugeCard';
import { DailyCostChart } from './DailyCostChart';
import { OptimisationSection } from './OptimisationSection';
import { RunbookLink } from '../Runbooks';
import { SectionCard } from '../SectionCard';
import {
  AiCostByAgentTable,
  AiUnitCostTable,
  AlertList,
  AnomalyList,
} from './FinOpsLists';

function SourceNotices({ overview }: { overview: FinOpsOverview }) {
  const notOk = overview.sources.filter(s => s.state !== 'ok');
  if (!notOk.length) return null;
  return (
    <Stack spacing={1} aria-label="Unavailable FinOps sources">
      {notOk.map(s => (
        <Alert key={s.id} severity={s.state === 'pending' ? 'info' : 'warning'}>
          {s.label}: {s.state === 'pending' ? 'not read yet' : 'unavailable'}
          {s.reason ? ` — ${s.reason}` : ''}
        </Alert>
      ))}
    </Stack>
  );
}

function ForecastSummary({ overview }: { overview: FinOpsOverview }) {
  const { forecast, awsForecast, forecastBasis } = overview;
  if (!forecast) {
    return (
      <Typography color="text.secondary">
        No Cost Explorer data yet: no forecast.
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5}>
      <Typography data-testid="forecast-basis">
        {forecastBasis === 'aws'
          ? `Cost Explorer forecast: ${formatUsd(
              awsForecast!.monthEndMicros,
            )} at month end`
          : "Portal's own forecast only (Cost Explorer's forecast is unavailable)"}
      </Typography>
      <Typography>
        Run rate (last 7 days): {formatUsd(forecast.runRate.monthEndMicros)} at
        month end ({forecast.runRate.percentOfBudget.toFixed(0)}% of budget)
      </Typography>
      <Typography>
        Holt trend model: {formatUsd(forecast.holt.monthEndMicros)} (80% band{' '}
        {formatUsd(forecast.holt.monthEndLowMicros)} –{' '}
        {formatUsd(forecast.holt.monthEndHighMicros)})
      </Typography>
    </Stack>
  );
}

/** FinOps: budget, forecast, daily cost by service, AI costs, anomalies and alerts. */
export function FinOpsTab() {
  const { value, loading, error, retry } = useFinOpsOverview();
  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <Stack spacing={2}>
        <ResponseErrorPanel error={error} title="Could not load FinOps" />
        <Button onClick={retry}>Retry</Button>
      </Stack>
    );
  }
  if (!value) return <Typography>No FinOps data.</Typography>;
  const usage = value.costExplorerUsage;
  return (
    <Stack spacing={3}>
      <SourceNotices overview={value} />
      {value.budget ? (
        <BudgetGaugeCard budget={value.budget} forecast={value.forecast} />
      ) : (
        <Alert severity="warning">
          Budget unavailable: AWS Budgets could not be read.
        </Alert>
      )}
      <SectionCard title={`Daily cost by service, ${value.month} forecast`}>
        <ForecastSummary overview={value} />
        {value.serviceCosts.length ? (
          <DailyCostChart
            serviceCosts={value.serviceCosts}
            forecast={value.forecast}
          />
        ) : (
          <Typography color="text.secondary">
            No daily costs from Cost Explorer yet.
          </Typography>
        )}
      </SectionCard>
      <OptimisationSection />
      <SectionCard title="AI costs">
        {value.ai ? (
          <Stack spacing={2}>
            <AiCostByAgentTable ai={value.ai} />
            <AiUnitCostTable
              label="Provider"
              rows={value.ai.unitEconomics.byProvider}
            />
            <AiUnitCostTable
              label="Agent"
              rows={value.ai.unitEconomics.byAgent}
            />
          </Stack>
        ) : (
          <Typography color="text.secondary">
            AI-cost ledger unavailable.
          </Typography>
        )}
      </SectionCard>
      <SectionCard
        title="Anomalies"
        action={
          value.anomalies.length || value.awsAnomalies.length ? (
            <RunbookLink
              runbookId={RUNBOOK_IDS.costAlerts}
              label="Cost alert runbook"
            />
          ) : undefined
        }
      >
        <AnomalyList
          anomalies={value.anomalies}
          awsAnomalies={value.awsAnomalies}
        />
      </SectionCard>
      <SectionCard
        title="Cost alerts"
        action={
          value.alerts.length ? (
            <RunbookLink
              runbookId={RUNBOOK_IDS.costAlerts}
              label="Cost alert runbook"
            />
          ) : undefined
        }
      >
        <AlertList alerts={value.alerts} />
      </SectionCard>
      <Typography
        variant="body2"
        color="text.secondary"
        data-testid="cost-explorer-usage"
      >
        Cost Explorer requests this month: {usage.requests} (
        {formatUsd(usage.costMicros)} at $0.01 each) · refreshed every{' '}
        {usage.refreshEveryHours} h
        {usage.lastRefreshAt
          ? `, last at ${usage.lastRefreshAt
              .slice(0, 16)
              .replace('T', ' ')} UTC`
          : ''}
      </Typography>
    </Stack>
  );
}
