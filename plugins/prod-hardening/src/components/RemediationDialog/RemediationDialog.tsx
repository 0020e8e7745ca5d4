import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import TextField from '@mui/material/TextField';
import type {
  ApprovalRequest,
  CheckResult,
  RemediationResult,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../../api';
import { useSettlement } from '../../hooks/useSettlement';
import { FixCostSummary } from '../FixCostSummary';

type Step = 'preview' | 'confirm' | 'ask' | 'running' | 'done';

/** The shortest reason the backend accepts for an approval request. */
const MIN_REASON_CHARS = 10;

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <Box
      component="pre"
      aria-label={label}
      sx={{
        bgcolor: 'action.hover',
        p: 1,
        borderRadius: 1,
        overflowX: 'auto',
        fontSize: 12,
        m: 0,
      }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
}

/**
 * Preview → confirm → progress → verified result. The preview shows exactly the calls
 * that will be made; executing needs the plan id the preview returned, and the backend
 * refuses it when the resource changed in between. A plan that needs approval goes
 * preview → ask (with a reason) instead: it is executed from the Approvals tab once a
 * second person approved it.
 */
export function RemediationDialog(props: {
  check: CheckResult;
  open: boolean;
  onClose: (changed: boolean) => void;
}) {
  const api = useApi(prodHardeningApiRef);
  const [override, setOverride] = useState(false);
  const [step, setStep] = useState<Step>('preview');
  const [result, setResult] = useState<RemediationResult>();
  const [executeError, setExecuteError] = useState<Error>();
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState<ApprovalRequest>();
  const preview = useAsyncRetry(
    () => api.previewRemediation(props.check.id, override),
    [api, props.check.id, override],
  );
  const plan = preview.value;
  const needsApproval = plan?.approval?.required ?? false;

  const ask = async () => {
    if (!plan?.planId) return;
    setStep('running');
    setExecuteError(undefined);
    try {
      setAsked(await api.requestApproval(plan.planId, reason.trim()));
    } catch (e) {
      setExecuteError(e as Error);
    }
    setStep('done');
  };

  const execute = async () => {
    if (!plan?.planId) return;
    setStep('running');
    setExecuteError(undefined);
    try {
      setResult(await api.executeRemediation(plan.planId));
    } catch (e) {
      setExecuteError(e as Error);
    }
    setStep('done');
  };

  return (
    <Dialog
      open={props.open}
      onClose={() => props.onClose(Boolean(result))}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle>
        {plan?.title ?? `Remediate: ${props.check.title}`}
      </DialogTitle>
      <DialogContent dividers>
        {preview.loading && (
          <LinearProgress aria-label="Reading the current state" />
        )}
        {preview.error && (
          <Alert severity="error">
            Could not prepare the plan: {preview.error.message}
          </Alert>
        )}
        {plan && step === 'preview' && (
          <>
            <Typography variant="subtitle2">
              Calls that will be made ({plan.calls.length})
            </Typography>
            <Json value={plan.calls} label="Planned calls" />
            <Box display="grid" gridTemplateColumns="1fr 1fr" gap={2} mt={2}>
              <Box>
                <Typography variant="subtitle2">Current</Typography>
                <Json value={plan.current} label="Current state" />
              </Box>
              <Box>
                <Typography variant="subtitle2">Expected</Typography>
                <Json value={plan.expected} label="Expected state" />
              </Box>
            </Box>
            <Typography mt={2}>
              <strong>Risk:</strong> {plan.risk}
            </Typography>
            <Typography>
              <strong>Reversible:</strong>{' '}
              {plan.reversible ? `yes — ${plan.reversal}` : 'no'}
            </Typography>
            <Typography>
              <strong>Cost:</strong> {plan.costNote}
            </Typography>
            {plan.fixCost && (
              <Box mt={1}>
                <FixCostSummary cost={plan.fixCost} />
              </Box>
            )}
            {plan.calls.length === 0 && (
              <Alert severity="success" sx={{ mt: 2 }}>
                Nothing to change: the resource already matches.
              </Alert>
            )}
            {plan.blockers.length > 0 && (
              <Alert severity="warning" sx={{ mt: 2 }}>
                {plan.blockers.map(b => (
                  <div key={b}>{b}</div>
                ))}
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={override}
                      onChange={e => setOverride(e.target.checked)}
                    />
                  }
                  label="I understand; apply anyway"
                />
              </Alert>
            )}
            {needsApproval && (
              <Alert severity="info" sx={{ mt: 2 }} aria-label="Needs approval">
                <strong>Needs approval by a second person.</strong>
                {plan.approval?.reasons.map(r => (
                  <div key={r}>{r}</div>
                ))}
              </Alert>
            )}
            {plan.expiresAt && (
              <Typography variant="caption" color="text.secondary">
                Plan valid until {new Date(plan.expiresAt).toLocaleTimeString()}
                .
              </Typography>
            )}
          </>
        )}
        {step === 'confirm' && plan && (
          <Alert severity="warning">
            This changes the AWS account now:{' '}
            {plan.calls.map(c => `${c.service}:${c.action}`).join(', ')} on{' '}
            {plan.resourceId}. Continue?
          </Alert>
        )}
        {step === 'ask' && plan && (
          <TextField
            label="Why this change is needed (for the approvers)"
            value={reason}
            onChange={e => setReason(e.target.value)}
            multiline
            minRows={2}
            fullWidth
            inputProps={{ maxLength: 1000 }}
            helperText={`At least ${MIN_REASON_CHARS} characters. The approvers are notified.`}
          />
        )}
        {step === 'done' && asked && (
          <Alert severity="success" role="status">
            Approval requested from {asked.approverGroups.join(', ')} (until{' '}
            {new Date(asked.expiresAt).toLocaleString()}). Once approved,
            execute it from the Approvals tab.
          </Alert>
        )}
        {step === 'running' && (
          <LinearProgress aria-label="Applying the remediation" />
        )}
        {step === 'done' && executeError && (
          <Alert severity="error" role="alert">
            {executeError.message}
          </Alert>
        )}
        {step === 'done' && result && (
          <Alert
            severity={
              result.outcome === 'succeeded' && result.check?.status === 'PASS'
                ? 'success'
                : 'warning'
            }
            role="status"
          >
            {result.message}
            {result.check && ` Check status: ${result.check.status}.`}
          </Alert>
        )}
        {step === 'done' && result?.outcome === 'timed-out' && (
          <LateOutcome checkId={props.check.id} historyId={result.historyId} />
        )}
      </DialogContent>
      <DialogActions>
        {step === 'preview' && (
          <>
            <Button onClick={() => props.onClose(false)}>Cancel</Button>
            <Button
              variant="contained"
              disabled={!plan?.planId}
              onClick={() => setStep(needsApproval ? 'ask' : 'confirm')}
            >
              Continue
            </Button>
          </>
        )}
        {step === 'confirm' && (
          <>
            <Button onClick={() => setStep('preview')}>Back</Button>
            <Button variant="contained" color="error" onClick={execute}>
              Apply change
            </Button>
          </>
        )}
        {step === 'ask' && (
          <>
            <Button onClick={() => setStep('preview')}>Back</Button>
            <Button
              variant="contained"
              disabled={reason.trim().length < MIN_REASON_CHARS}
              onClick={ask}
            >
              Request approval
            </Button>
          </>
        )}
        {step === 'done' && (
          <Button onClick={() => props.onClose(Boolean(result))}>Close</Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/**
 * After a time-out the dialog keeps watching the history: the person learns how the
 * change ended as soon as AWS answers (also recorded in the remediation history).
 */
function LateOutcome(props: { checkId: string; historyId: string }) {
  const settled = useSettlement(props.checkId, props.historyId);
  if (!settled) {
    return (
      <Typography
        variant="body2"
        color="text.secondary"
        sx={{ mt: 1 }}
        data-testid="waiting-for-aws"
      >
        Waiting for AWS to answer; this message updates when it does.
      </Typography>
    );
  }
  return (
    <Alert
      severity={settled.outcome === 'succeeded' ? 'success' : 'warning'}
      aria-label="Late outcome"
      sx={{ mt: 1 }}
    >
      AWS answered: {settled.outcome}. {settled.message}
    </Alert>
  );
}
