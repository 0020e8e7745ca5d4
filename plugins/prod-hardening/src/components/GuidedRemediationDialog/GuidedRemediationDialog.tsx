import { CopyTextButton } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  CheckResult,
  GuidedCommand,
  GuidedStep,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { useGuidedRunbook } from '../../hooks/useRemediationDetails';
import { RunbookLink } from '../Runbooks';

/** A block of code with a copy button: commands and the Terraform snippet. */
function Code({ text, label }: { text: string; label: string }) {
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'flex-start',
        bgcolor: 'action.hover',
        borderRadius: 1,
      }}
    >
      <Box
        component="pre"
        aria-label={label}
        sx={{
          flexGrow: 1,
          m: 0,
          p: 1,
          overflowX: 'auto',
          fontSize: 12,
          whiteSpace: 'pre',
        }}
      >
        {text}
      </Box>
      <CopyTextButton
        text={text}
        tooltipText="Copied"
        aria-label={`Copy ${label}`}
      />
    </Box>
  );
}

function Command({ command }: { command: GuidedCommand }) {
  return (
    <Box mb={1}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="caption" color="text.secondary">
          {command.description}
        </Typography>
        {command.mutates && (
          <Chip size="small" color="warning" label="changes the account" />
        )}
      </Stack>
      <Code text={command.command} label={`command: ${command.description}`} />
    </Box>
  );
}

function Step({ step }: { step: GuidedStep }) {
  return (
    <Box component="section" aria-label={step.title} mb={2}>
      <Typography variant="subtitle1" fontWeight="bold">
        {step.title}
      </Typography>
      <Typography variant="body2" gutterBottom>
        {step.detail}
      </Typography>
      {step.commands.map((c, i) => (
        <Command key={`c${i}`} command={c} />
      ))}
      {step.verify.length > 0 && (
        <>
          <Typography variant="overline">Verify</Typography>
          {step.verify.map((c, i) => (
            <Command key={`v${i}`} command={c} />
          ))}
        </>
      )}
    </Box>
  );
}

/**
 * The runbook of a guided remediation, generated from the resource's real settings:
 * ordered steps with commands to copy, how to check each, the way back, the downtime
 * and the Terraform that keeps the result. Deliberately read-only: there is no button
 * that changes the resource.
 */
export function GuidedRemediationDialog(props: {
  check: CheckResult;
  onClose: () => void;
}) {
  const failing = props.check.resources.filter(r => r.status !== 'PASS');
  const [resource, setResource] = useState(failing[0]?.resourceId);
  const {
    value: runbook,
    loading,
    error,
  } = useGuidedRunbook(props.check.id, resource);

  return (
    <Dialog open onClose={props.onClose} maxWidth="lg" fullWidth>
      <DialogTitle>
        {runbook?.title ?? `Runbook: ${props.check.title}`}
      </DialogTitle>
      <DialogContent dividers>
        <Alert severity="info" sx={{ mb: 2 }}>
          Guided remediation: the portal does not change this resource. Run the
          commands yourself, in order; each step says how to check it.
        </Alert>
        {failing.length > 1 && (
          <TextField
            select
            size="small"
            label="Resource"
            value={resource ?? ''}
            onChange={e => setResource(e.target.value)}
            sx={{ mb: 2, minWidth: 400 }}
          >
            {failing.map(r => (
              <MenuItem key={r.resourceId} value={r.resourceId}>
                {r.resourceId}
              </MenuItem>
            ))}
          </TextField>
        )}
        {loading && <LinearProgress aria-label="Writing the runbook" />}
        {error && (
          <Alert severity="error">
            Could not write the runbook: {error.message}
          </Alert>
        )}
        {runbook && !loading && (
          <>
            <Typography gutterBottom>{runbook.summary}</Typography>
            <Typography gutterBottom>
              <strong>Expected downtime:</strong> {runbook.expectedDowntime}
            </Typography>
            <Table size="small" aria-label="Facts read from the account">
              <TableBody>
                {Object.entries(runbook.facts).map(([k, v]) => (
                  <TableRow key={k}>
                    <TableCell component="th" scope="row">
                      {k}
                    </TableCell>
                    <TableCell sx={{ wordBreak: 'break-all' }}>{v}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {runbook.unreadFacts.length > 0 && (
              <Alert severity="warning" sx={{ mt: 1 }}>
                Not read from the account, so the commands look it up:{' '}
                {runbook.unreadFacts.join(', ')}.
              </Alert>
            )}
            <Typography variant="h6" mt={2}>
              Before you start
            </Typography>
            <ul>
              {runbook.prerequisites.map(p => (
                <li key={p}>
                  <Typography variant="body2">{p}</Typography>
                </li>
              ))}
            </ul>
            <Typography variant="h6">Steps</Typography>
            {runbook.steps.map(s => (
              <Step key={s.title} step={s} />
            ))}
            <Typography variant="h6">Rollback</Typography>
            {runbook.rollback.map(s => (
              <Step key={s.title} step={s} />
            ))}
            <Typography variant="h6">Terraform</Typography>
            <Typography variant="body2" gutterBottom>
              Follows <code>{runbook.terraform.path}</code>.
            </Typography>
            <Code text={runbook.terraform.snippet} label="Terraform snippet" />
            <Box mt={1}>
              {runbook.terraform.commands.map((c, i) => (
                <Command key={i} command={c} />
              ))}
            </Box>
            <Typography variant="h6">References</Typography>
            <ul>
              {runbook.references.map(r => {
                // The repository's runbooks open in the portal's runbook drawer.
                const id = /^docs\/runbooks\/([a-z0-9-]+)\.md$/.exec(r)?.[1];
                return (
                  <li key={r}>
                    <code>{r}</code>
                    {id && <RunbookLink runbookId={id} label="Open" />}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
