import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';
import { statusColor } from '../../utils/status';

/** What a check saw on each resource it looked at. */
export function EvidenceTable({ check }: { check: CheckResult }) {
  if (check.resources.length === 0) return null;
  return (
    <Table size="small" aria-label={`Evidence for ${check.title}`}>
      <TableHead>
        <TableRow>
          <TableCell>Resource</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Evidence</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {check.resources.map(r => (
          <TableRow key={r.resourceId}>
            <TableCell sx={{ wordBreak: 'break-all' }}>
              {r.resourceId}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                label={r.status}
                color={statusColor(r.status)}
              />
            </TableCell>
            <TableCell>{r.evidence}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
