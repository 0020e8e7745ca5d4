import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../../api';

/** Every remediation attempt, newest first; `version` changes reload it. */
export function RemediationHistory({ version }: { version: number }) {
  const api = useApi(prodHardeningApiRef);
  const { value, error, retry } = useAsyncRetry(
    () => api.getRemediationHistory(),
    [api],
  );
  useEffect(() => {
    if (version > 0) retry();
  }, [version, retry]);
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load the remediation history"
      />
    );
  return (
    <Table size="small" aria-label="Remediation history">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Who</TableCell>
          <TableCell>Check</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value?.map(entry => (
          <TableRow key={entry.id}>
            <TableCell>{new Date(entry.startedAt).toLocaleString()}</TableCell>
            <TableCell>{entry.actor}</TableCell>
            <TableCell>{entry.checkId}</TableCell>
            <TableCell>
              <Chip
                size="small"
                label={entry.outcome}
                color={
                  entry.outcome === 'succeeded'
                    ? 'success'
                    : entry.outcome === 'failed'
                    ? 'error'
                    : 'warning'
                }
              />
            </TableCell>
            <TableCell>
              {entry.message}
              {entry.verifiedStatus
                ? ` (verified: ${entry.verifiedStatus})`
                : ''}
              {entry.outcome === 'timed-out' && (
                <Typography variant="body2" color="warning.main">
                  State unknown when the portal answered; a later row settles
                  it.
                </Typography>
              )}
              {entry.settles && (
                <Typography variant="body2" color="text.secondary">
                  Settles the attempt that timed out ({entry.settles}).
                </Typography>
              )}
              {entry.reason && (
                <Typography variant="body2" color="text.secondary">
                  Reason: {entry.reason}
                </Typography>
              )}
              {entry.overriddenBlockers?.length ? (
                <Typography variant="body2" color="warning.main">
                  Overrode: {entry.overriddenBlockers.join('; ')}
                </Typography>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
        {value?.length === 0 && (
          <TableRow>
            <TableCell colSpan={5}>
              No remediation has been attempted yet.
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
