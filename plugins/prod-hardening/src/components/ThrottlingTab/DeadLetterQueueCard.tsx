import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  DeadLetterQueueStatus,
  DlqRedriveResult,
  prodHardeningRemediationExecutePermission,
  ThrottlingOverview,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { prodHardeningApiRef } from '../../api';
import { useRedriveHistory } from '../../hooks/useThrottling';
import { formatAge } from '../../utils/throttling';

/** Messages one redrive moves at most when SQS's own move task is unavailable. */
const REDRIVE_BOUND = 100;

const AGE_SOURCES = {
  cloudwatch: 'CloudWatch ApproximateAgeOfOldestMessage',
  sample: 'oldest of a sample of messages, read without taking them',
  empty: '',
} as const;

function OldestAge({ dlq }: { dlq: DeadLetterQueueStatus }) {
  if (dlq.depth === 0) return <>—</>;
  if (dlq.oldestAgeSeconds === null) {
    return <span title={dlq.ageReason}>unknown ({dlq.ageReason})</span>;
  }
  return (
    <span title={dlq.ageSource ? AGE_SOURCES[dlq.ageSource] : undefined}>
      {dlq.ageSource === 'sample' ? 'at least ' : ''}
      {formatAge(dlq.oldestAgeSeconds)}
    </span>
  );
}

/** Confirm → progress → result of one redrive. */
function RedriveDialog(props: {
  dlq: DeadLetterQueueStatus;
  onClose: (changed: boolean) => void;
}) {
  const api = useApi(prodHardeningApiRef);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DlqRedriveResult>();
  const [error, setError] = useState<Error>();
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setResult(await api.redriveDeadLetterQueue(REDRIVE_BOUND));
    } catch (e) {
      setError(e as Error);
    }
    setRunning(false);
  };
  const done = Boolean(result || error);
  return (
    <Dialog open onClose={() => props.onClose(done)} maxWidth="sm" fullWidth>
      <DialogTitle>Redrive {props.dlq.queueName}</DialogTitle>
      <DialogContent dividers>
        {!done && (
          <Typography>
            Moves the {props.dlq.depth} dead-lettered message(s) back to the
            rate-limiter queue, where the Lambda delivers them within the limits
            again. SQS&apos;s own move task is used where available; otherwise
            at most {REDRIVE_BOUND} messages are moved, and a message leaves the
            DLQ only after its copy was accepted.
          </Typography>
        )}
        {running && <LinearProgress aria-label="Redriving" sx={{ mt: 2 }} />}
        {result && (
          <Alert
            role="status"
            severity={result.outcome === 'succeeded' ? 'success' : 'error'}
          >
            {result.message}
          </Alert>
        )}
        {error && (
          <Alert role="status" severity="error">
            Redrive refused: {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(done)}>
          {done ? 'Close' : 'Cancel'}
        </Button>
        {!done && (
          <Button variant="contained" onClick={run} disabled={running}>
            Redrive messages
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function RedriveHistory({ version }: { version: number }) {
  const { value } = useRedriveHistory(version);
  if (!value?.length) return null;
  return (
    <Table size="small" aria-label="Redrive history">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Who</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.slice(0, 5).map(entry => (
          <TableRow key={entry.id}>
            <TableCell>{new Date(entry.startedAt).toLocaleString()}</TableCell>
            <TableCell>{entry.actor}</TableCell>
            <TableCell>
              <Chip
                size="small"
                label={entry.outcome}
                color={entry.outcome === 'succeeded' ? 'success' : 'warning'}
              />
            </TableCell>
            <TableCell>{entry.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Depth and oldest message of the rate limiter's DLQ, and the redrive button. The
 * button mirrors the backend's permission check; the backend still decides.
 */
export function DeadLetterQueueCard({
  dlq,
  onRedriven,
}: {
  dlq: ThrottlingOverview['dlq'];
  onRedriven: () => void;
}) {
  const { allowed, loading } = usePermission({
    permission: prodHardeningRemediationExecutePermission,
  });
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(0);
  if (dlq.state === 'unavailable') {
    return (
      <Alert severity="warning" aria-label="Dead-letter queue unavailable">
        Dead-letter queue unavailable — {dlq.reason}
      </Alert>
    );
  }
  const button = (
    <span>
      <Button
        variant="contained"
        size="small"
        disabled={loading || !allowed || dlq.depth === 0}
        onClick={() => setOpen(true)}
      >
        Redrive DLQ…
      </Button>
    </span>
  );
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={4} alignItems="center" flexWrap="wrap">
        <div>
          <Typography variant="overline">
            Messages in {dlq.queueName}
          </Typography>
          <Typography variant="h4" data-testid="dlq-depth">
            {dlq.depth}
          </Typography>
        </div>
        <div>
          <Typography variant="overline">Being received</Typography>
          <Typography variant="h6">{dlq.inFlight}</Typography>
        </div>
        <div>
          <Typography variant="overline">Oldest message</Typography>
          <Typography variant="h6" data-testid="dlq-oldest">
            <OldestAge dlq={dlq} />
          </Typography>
        </div>
        <div style={{ flexGrow: 1 }} />
        {allowed || loading ? (
          button
        ) : (
          <Tooltip title="You need the prod-hardening.remediation.execute permission (platform on-call).">
            {button}
          </Tooltip>
        )}
      </Stack>
      <RedriveHistory version={version} />
      {open && (
        <RedriveDialog
          dlq={dlq}
          onClose={changed => {
            setOpen(false);
            if (changed) {
              setVersion(v => v + 1);
              onRedriven();
            }
          }}
        />
      )}
    </Stack>
  );
}
