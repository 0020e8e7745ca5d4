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
import {
  ThrottlingChartRow,
  throttlingChartRows,
} from '../../utils/throttling';

interface Series {
  key: keyof ThrottlingChartRow;
  name: string;
  color: string;
}

/** One line per series over the window's minutes (UTC labels). */
function MinuteLineChart(props: {
  minutes: ThrottlingMinute[];
  label: string;
  height: number;
  series: Series[];
  unit?: string;
}) {
  const theme = useTheme();
  const tick = { fill: theme.palette.text.secondary, fontSize: 11 };
  return (
    <div
      role="figure"
      aria-label={props.label}
      style={{ width: '100%', height: props.height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={throttlingChartRows(props.minutes)}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis dataKey="label" tick={tick} />
          <YAxis
            allowDecimals={!!props.unit}
            tickFormatter={v => (props.unit ? `${v} ${props.unit}` : String(v))}
            tick={tick}
          />
          <Tooltip
            formatter={v => (props.unit ? `≤ ${v} ${props.unit}` : String(v))}
          />
          <Legend />
          {props.series.map(s => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              dot={false}
              strokeWidth={2}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Allowed / throttled / deferred / sent / failed per minute. */
export function ThrottlingChart({ minutes }: { minutes: ThrottlingMinute[] }) {
  const { palette } = useTheme();
  return (
    <MinuteLineChart
      minutes={minutes}
      label="Messages per minute"
      height={300}
      series={[
        { key: 'allowed', name: 'Allowed', color: palette.success.main },
        { key: 'throttled', name: 'Throttled', color: palette.warning.main },
        { key: 'deferred', name: 'Deferred', color: palette.info.main },
        { key: 'sent', name: 'Sent', color: palette.primary.main },
        { key: 'failed', name: 'Failed', color: palette.error.main },
      ]}
    />
  );
}

/** Decision latency p50 / p99 per minute, as histogram bucket bounds. */
export function LatencyChart({ minutes }: { minutes: ThrottlingMinute[] }) {
  const { palette } = useTheme();
  return (
    <MinuteLineChart
      minutes={minutes}
      label="Decision latency per minute"
      height={220}
      unit="ms"
      series={[
        { key: 'p50Ms', name: 'p50', color: palette.primary.main },
        { key: 'p99Ms', name: 'p99', color: palette.secondary.main },
      ]}
    />
  );
}
