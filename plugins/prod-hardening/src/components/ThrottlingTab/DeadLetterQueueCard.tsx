import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  DeadLetterQueueStatus,
  DLQ_MOVE_TASK_MESSAGES_PER_SECOND,
  DLQ_REDRIVE_MAX_MESSAGES,
  DlqRedriveResult,
  DlqRedriveStatus,
  prodHardeningRemediationExecutePermission,
  ThrottlingOverview,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useEffect, useState } from 'react';
import { prodHardeningApiRef } from '../../api';
import { useRedriveHistory, useRedriveStatus } from '../../hooks/useThrottling';
import { formatAge } from '../../utils/throttling';

/** The bound offered when the person asks for a bounded move. */
const DEFAULT_BOUND = 100;

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

/** Confirm (every message, or at most a bound) → progress → result of one redrive. */
function RedriveDialog(props: {
  dlq: DeadLetterQueueStatus;
  onClose: (changed: boolean) => void;
}) {
  const api = useApi(prodHardeningApiRef);
  const [running, setRunning] = useState(false);
  const [bounded, setBounded] = useState(false);
  const [bound, setBound] = useState(String(DEFAULT_BOUND));
  const [result, setResult] = useState<DlqRedriveResult>();
  const [error, setError] = useState<Error>();
  const boundValue = Number(bound);
  const boundValid =
    Number.isInteger(boundValue) &&
    boundValue >= 1 &&
    boundValue <= DLQ_REDRIVE_MAX_MESSAGES;
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setResult(
        await api.redriveDeadLetterQueue(bounded ? boundValue : undefined),
      );
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
          <>
            <Typography>
              Moves the {props.dlq.depth} dead-lettered message(s) back to the
              rate-limiter queue, where the Lambda delivers them within the
              limits again, counting deferrals and failures from zero.
            </Typography>
            <RadioGroup
              value={bounded ? 'bounded' : 'all'}
              onChange={e => setBounded(e.target.value === 'bounded')}
              sx={{ mt: 2 }}
            >
              <FormControlLabel
                value="all"
                control={<Radio />}
                label={`Every message, moved by SQS at most ${DLQ_MOVE_TASK_MESSAGES_PER_SECOND} a second (follow it on this tab)`}
              />
              <FormControlLabel
                value="bounded"
                control={<Radio />}
                label="At most a number of messages, moved now (each leaves the DLQ only after its copy was accepted)"
              />
            </RadioGroup>
            {bounded && (
              <TextField
                label="Messages at most"
                type="number"
                size="small"
                value={bound}
                onChange={e => setBound(e.target.value)}
                error={!boundValid}
                helperText={
                  boundValid ? ' ' : `1 to ${DLQ_REDRIVE_MAX_MESSAGES}`
                }
                inputProps={{ min: 1, max: DLQ_REDRIVE_MAX_MESSAGES }}
                sx={{ mt: 1 }}
              />
            )}
          </>
        )}
        {running && <LinearProgress aria-label="Redriving" sx={{ mt: 2 }} />}
        {result && (
          <Alert role="status" severity={RESULT_SEVERITY[result.outcome]}>
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
          <Button
            variant="contained"
            onClick={run}
            disabled={running || (bounded && !boundValid)}
          >
            Redrive messages
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

const RESULT_SEVERITY = {
  succeeded: 'success',
  running: 'info',
  failed: 'error',
  'timed-out': 'warning',
} as const;

const STATUS_LABEL = {
  running: 'Redrive running.',
  completed: 'Last redrive completed:',
  failed: 'Last redrive failed:',
  'timed-out':
    'Last redrive timed out; what moved is unknown until AWS answers (this updates by itself):',
} as const;

const STATUS_SEVERITY = {
  running: 'info',
  completed: 'success',
  failed: 'error',
  'timed-out': 'warning',
} as const;

/** The latest redrive: a running move task's progress, or how the last one ended. */
function RedriveStatusLine({ status }: { status: DlqRedriveStatus }) {
  if (status.state === 'idle') return null;
  const { task } = status;
  const progress =
    status.state === 'running' && task
      ? ` SQS moved ${task.moved}${
          task.toMove !== undefined ? ` of ${task.toMove}` : ''
        } message(s)${
          task.maxPerSecond ? `, at most ${task.maxPerSecond} a second` : ''
        }.`
      : '';
  return (
    <Alert
      severity={STATUS_SEVERITY[status.state]}
      aria-label="Redrive status"
      data-testid="redrive-status"
    >
      {STATUS_LABEL[status.state]}
      {progress} {status.state === 'running' ? '' : status.message}
      {status.state === 'running' && task?.toMove ? (
        <LinearProgress
          variant="determinate"
          value={Math.min(100, (100 * task.moved) / task.toMove)}
          aria-label="Redrive progress"
          sx={{ mt: 1 }}
        />
      ) : null}
    </Alert>
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

/** Follows the latest redrive; when a running one ends, the depth and history reload. */
function RedriveStatus(props: { version: number; onEnded: () => void }) {
  const { value } = useRedriveStatus(props.version);
  const [wasRunning, setWasRunning] = useState(false);
  const { onEnded } = props;
  // running, or timed out and waiting for the history to settle it
  const running = value?.state === 'running' || value?.state === 'timed-out';
  useEffect(() => {
    if (running) setWasRunning(true);
    else if (wasRunning) {
      setWasRunning(false);
      onEnded();
    }
  }, [running, wasRunning, onEnded]);
  return value ? <RedriveStatusLine status={value} /> : null;
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
      <RedriveStatus
        version={version}
        onEnded={() => {
          setVersion(v => v + 1);
          onRedriven();
        }}
      />
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
