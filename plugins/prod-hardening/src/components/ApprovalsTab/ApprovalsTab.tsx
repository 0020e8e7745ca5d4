import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  APPROVAL_STATUSES,
  ApprovalDecision,
  ApprovalRequest,
  ApprovalStatus,
  RemediationResult,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../../api';
import { FixCostSummary } from '../FixCostSummary';
import { SectionCard } from '../SectionCard';

const STATUS_COLOR: Record<
  ApprovalStatus,
  'warning' | 'success' | 'error' | 'default' | 'info'
> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'error',
  expired: 'default',
  executed: 'info',
};

/**
 * Four eyes on risky remediations: every request with why it needs approval and the
 * exact calls; approvers (never the requester) approve or reject, then the requester
 * or the approver executes the approved plan. The buttons mirror what the backend
 * says the signed-in user may do; the backend decides.
 */
export function ApprovalsTab() {
  const api = useApi(prodHardeningApiRef);
  const [params] = useSearchParams();
  const selected = params.get('request') ?? undefined;
  const [status, setStatus] = useState<ApprovalStatus | ''>('');
  const requests = useAsyncRetry(
    () => api.listApprovals(status || undefined),
    [api, status],
  );

  return (
    <SectionCard title="Approval requests">
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          Risky remediations (configured checks, and plans whose blockers were
          overridden) run only after a second person approved the very plan that
          was previewed; the resource must still be in the state the preview
          read.
        </Typography>
        <TextField
          select
          size="small"
          label="Status"
          value={status}
          onChange={e => setStatus(e.target.value as ApprovalStatus | '')}
          sx={{ maxWidth: 180 }}
        >
          <MenuItem value="">All</MenuItem>
          {APPROVAL_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        {requests.loading && !requests.value && <Progress />}
        {requests.error && (
          <ResponseErrorPanel
            error={requests.error}
            title="Could not load approval requests"
          />
        )}
        {requests.value?.length === 0 && (
          <Typography color="text.secondary">
            No approval requests{status ? ` ${status}` : ''}.
          </Typography>
        )}
        {requests.value && requests.value.length > 0 && (
          <Table size="small" aria-label="Approval requests">
            <TableHead>
              <TableRow>
                <TableCell>Status</TableCell>
                <TableCell>Change</TableCell>
                <TableCell>Requested</TableCell>
                <TableCell>Decision</TableCell>
                <TableCell>Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {requests.value.map(r => (
                <ApprovalRow
                  key={r.id}
                  request={r}
                  selected={r.id === selected}
                  onChanged={requests.retry}
                />
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
    </SectionCard>
  );
}

function ApprovalRow(props: {
  request: ApprovalRequest;
  selected: boolean;
  onChanged: () => void;
}) {
  const { request: r } = props;
  return (
    <TableRow
      selected={props.selected}
      aria-selected={props.selected}
      data-testid={`approval-${r.id}`}
      aria-label={`Approval request ${r.title}`}
    >
      <TableCell>
        <Chip size="small" label={r.status} color={STATUS_COLOR[r.status]} />
      </TableCell>
      <TableCell sx={{ maxWidth: 420 }}>
        <Typography variant="body2" fontWeight="bold">
          {r.title}
        </Typography>
        <Typography variant="caption" display="block">
          {r.checkId} on {r.resourceId}
        </Typography>
        <Typography variant="caption" display="block">
          Calls: {r.calls.map(c => `${c.service}:${c.action}`).join(', ')}
        </Typography>
        {r.fixCost && <FixCostSummary cost={r.fixCost} dense />}
        {r.requirement.map(why => (
          <Typography
            key={why}
            variant="caption"
            display="block"
            color="warning.main"
          >
            {why}
          </Typography>
        ))}
      </TableCell>
      <TableCell>
        <Typography variant="body2">{r.requester}</Typography>
        <Typography variant="caption" display="block">
          {new Date(r.createdAt).toLocaleString()}
        </Typography>
        <Typography variant="caption" display="block">
          “{r.reason}”
        </Typography>
      </TableCell>
      <TableCell>
        {r.decidedBy ? (
          <>
            <Typography variant="body2">{r.decidedBy}</Typography>
            {r.decisionComment && (
              <Typography variant="caption" display="block">
                “{r.decisionComment}”
              </Typography>
            )}
          </>
        ) : (
          <Typography variant="caption">
            Approvers: {r.approverGroups.join(', ')}
          </Typography>
        )}
        <Typography variant="caption" display="block" color="text.secondary">
          {r.status === 'pending' && 'Decide by '}
          {r.status === 'approved' && 'Execute by '}
          {(r.status === 'pending' || r.status === 'approved') &&
            new Date(r.expiresAt).toLocaleString()}
        </Typography>
      </TableCell>
      <TableCell sx={{ minWidth: 240 }}>
        <ApprovalActions request={r} onChanged={props.onChanged} />
      </TableCell>
    </TableRow>
  );
}

function ApprovalActions(props: {
  request: ApprovalRequest;
  onChanged: () => void;
}) {
  const api = useApi(prodHardeningApiRef);
  const { request: r } = props;
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<RemediationResult>();

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      props.onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
    setBusy(false);
  };
  const decide = (decision: ApprovalDecision) =>
    act(() => api.decideApproval(r.id, decision, comment.trim() || undefined));
  const execute = () =>
    act(async () => setResult(await api.executeRemediation(r.planId)));

  return (
    <Stack spacing={1}>
      {r.canDecide && (
        <>
          <TextField
            size="small"
            label="Comment"
            value={comment}
            onChange={e => setComment(e.target.value)}
            inputProps={{ maxLength: 1000 }}
          />
          <Box display="flex" gap={1}>
            <Button
              size="small"
              variant="contained"
              disabled={busy}
              onClick={() => decide('approve')}
            >
              Approve
            </Button>
            <Button
              size="small"
              color="error"
              disabled={busy}
              onClick={() => decide('reject')}
            >
              Reject
            </Button>
          </Box>
        </>
      )}
      {r.canExecute && (
        <Button
          size="small"
          variant="contained"
          color="error"
          disabled={busy}
          onClick={execute}
        >
          Execute approved plan
        </Button>
      )}
      {result && (
        <Alert
          severity={result.outcome === 'succeeded' ? 'success' : 'warning'}
          role="status"
        >
          {result.message}
        </Alert>
      )}
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
