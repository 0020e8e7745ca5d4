import { useTheme } from '@mui/material/styles';
import type { ThrottlingMinute } from '@prod-hardening/plugin-prod-hardening-common';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { throttlingChartRows } from '../../utils/throttling';

/** Allowed / throttled / deferred / sent / failed per minute (UTC). */
export function ThrottlingChart({ minutes }: { minutes: ThrottlingMinute[] }) {
  const theme = useTheme();
  const rows = throttlingChartRows(minutes);
  const series = [
    { key: 'allowed', name: 'Allowed', color: theme.palette.success.main },
    { key: 'throttled', name: 'Throttled', color: theme.palette.warning.main },
    { key: 'deferred', name: 'Deferred', color: theme.palette.info.main },
    { key: 'sent', name: 'Sent', color: theme.palette.primary.main },
    { key: 'failed', name: 'Failed', color: theme.palette.error.main },
  ];
  return (
    <div
      role="figure"
      aria-label="Messages per minute"
      style={{ width: '100%', height: 300 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis
            dataKey="label"
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <Tooltip />
          <Legend />
          {series.map(s => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Decision latency p50 / p99 per minute, as histogram bucket bounds. */
export function LatencyChart({ minutes }: { minutes: ThrottlingMinute[] }) {
  const theme = useTheme();
  const rows = throttlingChartRows(minutes);
  return (
    <div
      role="figure"
      aria-label="Decision latency per minute"
      style={{ width: '100%', height: 220 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis
            dataKey="label"
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <YAxis
            tickFormatter={v => `${v} ms`}
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <Tooltip formatter={v => `≤ ${v} ms`} />
          <Legend />
          <Line
            dataKey="p50Ms"
            name="p50"
            stroke={theme.palette.primary.main}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="p99Ms"
            name="p99"
            stroke={theme.palette.secondary.main}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
