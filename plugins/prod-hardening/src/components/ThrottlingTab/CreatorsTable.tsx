import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  BusyCreator,
  LimitsInForce,
} from '@prod-hardening/plugin-prod-hardening-common';
import { formatWait } from '../../utils/throttling';

/** The busiest creators of the window with their bucket right now. */
export function CreatorsTable({
  creators,
  limits,
}: {
  creators: BusyCreator[];
  limits: LimitsInForce | null;
}) {
  if (!creators.length) {
    return (
      <Typography color="text.secondary">
        No limiter decisions in this window.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Busiest creators">
      <TableHead>
        <TableRow>
          <TableCell>Creator</TableCell>
          <TableCell align="right">Decisions</TableCell>
          <TableCell align="right">Tokens left</TableCell>
          <TableCell align="right">Sends in window</TableCell>
          <TableCell>Next send allowed</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {creators.map(c => (
          <TableRow key={c.userId} data-testid={`creator-${c.userId}`}>
            <TableCell>{c.userId}</TableCell>
            <TableCell align="right">{c.decisions}</TableCell>
            <TableCell align="right">
              {c.tokensAvailable}
              {limits ? ` / ${limits.capacity}` : ''}
            </TableCell>
            <TableCell align="right">
              {c.sendsInWindow}
              {limits ? ` / ${limits.windowLimit}` : ''}
            </TableCell>
            <TableCell title={c.nextAllowedAt}>
              {formatWait(c.retryAfterMs)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
