import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
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
  EXEMPTION_STATUSES,
  Exemption,
  ExemptionFilters,
  ExemptionStatus,
  prodHardeningExemptionCreatePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { prodHardeningApiRef } from '../../api';
import { useExemptions } from '../../hooks/useExemptions';

const STATUS_COLOR: Record<ExemptionStatus, 'warning' | 'default' | 'info'> = {
  active: 'warning',
  expired: 'default',
  revoked: 'info',
};

/** Saves a downloaded file the way a link would. */
function save(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Every exemption with filters (status, check, resource), revoke for those allowed
 * (prod-hardening.exemption.create, mirrored), and the filtered list as CSV.
 */
export function ExemptionsList(props: {
  version?: number;
  onChanged?: () => void;
}) {
  const api = useApi(prodHardeningApiRef);
  const { allowed } = usePermission({
    permission: prodHardeningExemptionCreatePermission,
  });
  const [status, setStatus] = useState<ExemptionStatus | ''>('active');
  const [checkId, setCheckId] = useState('');
  const [resource, setResource] = useState('');
  const [actionError, setActionError] = useState<string>();
  const [localVersion, setLocalVersion] = useState(0);
  const filters: ExemptionFilters = {
    status: status || undefined,
    checkId: checkId.trim() || undefined,
    resource: resource.trim() || undefined,
  };
  const { value, loading, error } = useExemptions(
    filters,
    (props.version ?? 0) + localVersion,
  );

  const revoke = async (e: Exemption) => {
    setActionError(undefined);
    try {
      await api.revokeExemption(e.id);
      setLocalVersion(v => v + 1);
      props.onChanged?.();
    } catch (err) {
      setActionError((err as Error).message);
    }
  };
  const download = async () => {
    setActionError(undefined);
    try {
      const file = await api.downloadExemptions(filters);
      save(file.filename, file.blob);
    } catch (err) {
      setActionError((err as Error).message);
    }
  };

  return (
    <Stack spacing={2} component="section" aria-label="Exemptions">
      <Stack direction="row" spacing={2} alignItems="center">
        <TextField
          select
          size="small"
          label="Status"
          value={status}
          onChange={e => setStatus(e.target.value as ExemptionStatus | '')}
          sx={{ minWidth: 140 }}
        >
          <MenuItem value="">All</MenuItem>
          {EXEMPTION_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Check"
          value={checkId}
          onChange={e => setCheckId(e.target.value)}
        />
        <TextField
          size="small"
          label="Resource"
          value={resource}
          onChange={e => setResource(e.target.value)}
        />
        <Button variant="outlined" onClick={download}>
          Download CSV
        </Button>
      </Stack>
      {actionError && <Alert severity="error">{actionError}</Alert>}
      {loading && !value && <Progress />}
      {error && (
        <ResponseErrorPanel error={error} title="Could not load exemptions" />
      )}
      {value && value.length === 0 && (
        <Typography color="text.secondary">
          No exemptions match these filters.
        </Typography>
      )}
      {value && value.length > 0 && (
        <Table size="small" aria-label="Exemptions">
          <TableHead>
            <TableRow>
              <TableCell>Status</TableCell>
              <TableCell>Item</TableCell>
              <TableCell>Justification</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell>By</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(e => (
              <TableRow key={e.id}>
                <TableCell>
                  <Chip
                    size="small"
                    label={e.status}
                    color={STATUS_COLOR[e.status]}
                  />
                </TableCell>
                <TableCell>
                  {e.kind === 'finding'
                    ? `Finding ${e.findingId}`
                    : `${e.checkId} on ${e.resourceId}`}
                </TableCell>
                <TableCell>{e.justification}</TableCell>
                <TableCell>{new Date(e.expiresAt).toLocaleString()}</TableCell>
                <TableCell>
                  {e.createdBy}
                  {e.revokedBy ? ` (revoked by ${e.revokedBy})` : ''}
                </TableCell>
                <TableCell>
                  {e.status === 'active' && (
                    <Button
                      size="small"
                      disabled={!allowed}
                      onClick={() => revoke(e)}
                      aria-label={`Revoke exemption ${e.id}`}
                    >
                      Revoke
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
