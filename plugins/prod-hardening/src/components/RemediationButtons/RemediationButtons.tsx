import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CheckResult,
  prodHardeningRemediationExecutePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { GuidedRemediationDialog } from '../GuidedRemediationDialog';
import { RemediationDialog } from '../RemediationDialog';

/** The button mirrors the backend's permission; the backend still decides. */
export function RemediateButton(props: {
  check: CheckResult;
  onRemediated: () => void;
}) {
  const { allowed, loading } = usePermission({
    permission: prodHardeningRemediationExecutePermission,
  });
  const [open, setOpen] = useState(false);
  const button = (
    <span>
      <Button
        variant="contained"
        size="small"
        disabled={loading || !allowed}
        onClick={() => setOpen(true)}
      >
        Remediate…
      </Button>
    </span>
  );
  return (
    <>
      {allowed || loading ? (
        button
      ) : (
        <Tooltip title="You need the prod-hardening.remediation.execute permission (platform on-call).">
          {button}
        </Tooltip>
      )}
      {open && (
        <RemediationDialog
          check={props.check}
          open={open}
          onClose={changed => {
            setOpen(false);
            if (changed) props.onRemediated();
          }}
        />
      )}
    </>
  );
}

/** Opens the runbook of a guided remediation: reading it needs no extra permission. */
export function RunbookButton({ check }: { check: CheckResult }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" size="small" onClick={() => setOpen(true)}>
        Runbook…
      </Button>
      {open && (
        <GuidedRemediationDialog check={check} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

/** What a failing check offers: the automated remediation, or its runbook. */
export function RemediationEntry(props: {
  check: CheckResult;
  onRemediated: () => void;
}) {
  const { check } = props;
  if (check.status === 'PASS') return null;
  if (check.canAutoRemediate) return <RemediateButton {...props} />;
  if (check.remediation.kind === 'guided')
    return <RunbookButton check={check} />;
  return null;
}
