import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';

/**
 * The rate limiter already writes its per-minute counters, latency histogram, active
 * creators, fallback flag and limits to Redis (key layout in
 * lambdas/rate-limiter/README.md); this tab does not read them yet, and says so rather
 * than showing made-up numbers.
 */
export function ThrottlingTab() {
  return (
    <>
      <Typography variant="h6" component="h3" gutterBottom>
        Message throttling
      </Typography>
      <Alert severity="info" role="status" aria-label="Throttling dashboard status">
        <AlertTitle>Not connected yet</AlertTitle>
        The rate limiter enforces 10 messages a minute per creator with a burst of 3 and
        records its metrics in Redis, but this dashboard does not read them yet. Until it
        does, use <code>npm run limiter:local</code> and the Redis keys documented in{' '}
        <code>lambdas/rate-limiter/README.md</code>.
      </Alert>
    </>
  );
}
