import { useApi } from '@backstage/core-plugin-api';
import { ResponseErrorPanel } from '@backstage/core-components';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { prodHardeningApiRef } from '../../api';

type Days = 7 | 30 | 90;

/**
 * Both scores over the daily snapshots the backend's scheduler takes, and the Security
 * Hub score with exemptions (dashed) once snapshots carry it.
 */
export function ScoreTrend() {
  const api = useApi(prodHardeningApiRef);
  const theme = useTheme();
  const [days, setDays] = useState<Days>(30);
  const { value, error, loading } = useAsyncRetry(
    () => api.getPostureTrend(days),
    [api, days],
  );
  // Days before exemptions were recorded have none: the dashed line starts later.
  const hasExemptionScores = (value ?? []).some(
    p => typeof p.securityHubPercentWithExemptions === 'number',
  );

  return (
    <Card variant="outlined">
      <CardContent>
        <Stack
          direction="row"
          alignItems="center"
          justifyContent="space-between"
        >
          <Typography variant="h6" component="h3">
            Score trend
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={days}
            onChange={(_e, next: Days | null) => next && setDays(next)}
            aria-label="Trend period"
          >
            {([7, 30, 90] as Days[]).map(d => (
              <ToggleButton key={d} value={d}>
                {d} days
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Stack>
        {error && (
          <ResponseErrorPanel error={error} title="Could not load the trend" />
        )}
        {!loading && value?.length === 0 && (
          <Typography color="text.secondary" data-testid="trend-empty">
            No snapshot yet: the scheduler takes one every 6 hours (the first
            one shortly after the backend starts).
          </Typography>
        )}
        {value && value.length > 0 && (
          <div
            style={{ width: '100%', height: 220 }}
            aria-label="Score trend chart"
          >
            <ResponsiveContainer width="100%" height="100%">
              <LineChart
                data={value}
                margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis domain={[0, 100]} unit="%" />
                <Tooltip />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="securityHubPercent"
                  name="Security Hub score"
                  stroke={theme.palette.primary.main}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="severityWeightedPercent"
                  name="Severity-weighted score"
                  stroke={theme.palette.secondary.main}
                  isAnimationActive={false}
                />
                {hasExemptionScores && (
                  <Line
                    type="monotone"
                    dataKey="securityHubPercentWithExemptions"
                    name="Security Hub score with exemptions"
                    stroke={theme.palette.primary.main}
                    strokeDasharray="4 4"
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                )}
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
