import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import type {
  BudgetStatus,
  CostForecast,
} from '@prod-hardening/plugin-prod-hardening-common';
import { budgetGauge, BudgetState, formatUsd } from '../../utils/finops';

const STATE_LABEL: Record<BudgetState, string> = {
  over: 'Over budget',
  'forecast-over': 'Forecast over budget',
  'on-track': 'On track',
};

const pct = (usd: number, max: number) =>
  `${Math.min(100, (usd / max) * 100)}%`;

/**
 * Actual spend and the month-end forecast on one bar, with the budget line and the
 * notification thresholds (80% forecasted, 100% actual) marked on it.
 */
export function BudgetGaugeCard({
  budget,
  forecast,
}: {
  budget: BudgetStatus;
  forecast: CostForecast | null;
}) {
  const theme = useTheme();
  const gauge = budgetGauge(budget, forecast);
  const exhaustion = forecast?.runRate.exhaustion ?? null;
  const stateColor =
    gauge.state === 'on-track'
      ? 'success'
      : gauge.state === 'over'
      ? 'error'
      : 'warning';
  return (
    <Card
      variant="outlined"
      data-testid="budget-gauge"
      data-state={gauge.state}
      data-forecast-over={String(
        gauge.forecastUsd !== null && gauge.forecastUsd > gauge.limitUsd,
      )}
    >
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" mb={2}>
          <Typography variant="h6" component="h3">
            Budget {budget.name}
          </Typography>
          <Chip color={stateColor} label={STATE_LABEL[gauge.state]} />
        </Stack>
        <Box
          role="img"
          aria-label={`Actual ${formatUsd(budget.actualMicros)}, forecast ${
            gauge.forecastUsd === null
              ? 'unknown'
              : `$${gauge.forecastUsd.toFixed(2)}`
          }, budget ${formatUsd(budget.limitMicros)}`}
          sx={{
            position: 'relative',
            height: 28,
            borderRadius: 1,
            bgcolor: theme.palette.action.hover,
            mb: 3 + gauge.marks.length * 2,
            '@media print': { border: '1px solid #999' },
          }}
        >
          {gauge.forecastUsd !== null && (
            <Box
              sx={{
                position: 'absolute',
                inset: 0,
                width: pct(gauge.forecastUsd, gauge.maxUsd),
                bgcolor: alpha(theme.palette.warning.main, 0.35),
                borderRadius: 1,
              }}
            />
          )}
          <Box
            sx={{
              position: 'absolute',
              inset: 0,
              width: pct(gauge.actualUsd, gauge.maxUsd),
              bgcolor: theme.palette.primary.main,
              borderRadius: 1,
            }}
          />
          {gauge.marks.map((mark, i) => (
            <Box
              key={mark.label}
              sx={{
                position: 'absolute',
                top: -4,
                bottom: -18 - i * 16,
                left: pct(mark.usd, gauge.maxUsd),
                borderLeft: `2px dashed ${theme.palette.text.secondary}`,
              }}
            >
              <Typography
                variant="caption"
                sx={{
                  position: 'absolute',
                  // Staggered so neighbouring thresholds do not overlap.
                  top: 30 + i * 16,
                  left: 4,
                  whiteSpace: 'nowrap',
                }}
              >
                {mark.label} ({formatUsd(mark.usd * 1_000_000)})
              </Typography>
            </Box>
          ))}
          <Box
            sx={{
              position: 'absolute',
              top: -6,
              bottom: -6,
              left: pct(gauge.limitUsd, gauge.maxUsd),
              borderLeft: `3px solid ${theme.palette.error.main}`,
            }}
          />
        </Box>
        <Stack direction="row" spacing={4} flexWrap="wrap" useFlexGap>
          <Figure
            label="Actual, month to date"
            value={formatUsd(budget.actualMicros)}
          />
          <Figure
            label={
              budget.forecastMicros !== null
                ? 'Forecast (AWS Budgets)'
                : "Forecast (portal's own run rate)"
            }
            value={
              gauge.forecastUsd === null
                ? '—'
                : formatUsd(gauge.forecastUsd * 1_000_000)
            }
          />
          <Figure label="Budget" value={formatUsd(budget.limitMicros)} />
          <Figure
            label="Budget exhausted"
            value={
              exhaustion
                ? `${exhaustion.day} (${
                    exhaustion.basis === 'actual' ? 'happened' : 'forecast'
                  })`
                : 'not this month'
            }
          />
          {forecast && (
            <Figure
              label="Burn rate vs allowed"
              value={`${formatUsd(
                forecast.burn.burnRateDailyMicros,
              )}/day vs ${formatUsd(
                forecast.burn.allowedDailyMicros,
              )}/day (${forecast.burn.burnRatio.toFixed(2)}×)`}
            />
          )}
        </Stack>
        <Stack direction="row" spacing={1} mt={2} flexWrap="wrap" useFlexGap>
          {budget.notifications.map(n => (
            <Chip
              key={`${n.notificationType}-${n.threshold}`}
              variant="outlined"
              color={n.fired ? 'error' : 'default'}
              label={`${
                n.notificationType === 'FORECASTED' ? 'Forecasted' : 'Actual'
              } > ${n.threshold}${
                n.thresholdType === 'PERCENTAGE' ? '%' : ' USD'
              }: ${n.fired ? 'fired' : 'not fired'}`}
            />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="subtitle1">{value}</Typography>
    </Box>
  );
}
