import { useTheme } from '@mui/material/styles';
import type {
  CostForecast,
  ServiceDailyCost,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { dailyCostChart } from '../../utils/finops';

/** Daily cost stacked by service for the last 30 days, then the forecast with its band. */
export function DailyCostChart({
  serviceCosts,
  forecast,
}: {
  serviceCosts: ServiceDailyCost[];
  forecast: CostForecast | null;
}) {
  const theme = useTheme();
  const { services, rows } = dailyCostChart(serviceCosts, forecast);
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.info.main,
    theme.palette.success.main,
    theme.palette.warning.main,
    theme.palette.error.light,
    theme.palette.grey[500],
  ];
  const usd = (v: unknown) =>
    Array.isArray(v)
      ? v.map(x => `$${Number(x).toFixed(2)}`).join(' – ')
      : `$${Number(v).toFixed(2)}`;
  return (
    <div
      aria-label="Daily cost by service"
      role="figure"
      style={{ width: '100%', height: 340 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis
            dataKey="day"
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <YAxis
            tickFormatter={v => `$${v}`}
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <Tooltip formatter={usd} />
          <Legend />
          {services.map((service, i) => (
            <Bar
              key={service}
              dataKey={service}
              stackId="cost"
              fill={colors[i % colors.length]}
              isAnimationActive={false}
            />
          ))}
          <Area
            dataKey="band"
            name="Forecast band (80%)"
            stroke="none"
            fill={theme.palette.warning.light}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Line
            dataKey="forecast"
            name="Forecast (Holt)"
            stroke={theme.palette.warning.dark}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
