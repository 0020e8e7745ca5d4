import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CheckResult,
  prodHardeningRemediationExecutePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { groupByPillar, severityColor, statusColor } from '../../utils/status';
import { RemediationDialog } from '../RemediationDialog';

const REMEDIATION_LABELS = {
  automated: 'Automated remediation',
  guided: 'Guided remediation',
  manual: 'Manual remediation only',
} as const;

/** The button mirrors the backend's permission; the backend still decides. */
function RemediateButton(props: {
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

function CheckRow({
  check,
  onRemediated,
}: {
  check: CheckResult;
  onRemediated: () => void;
}) {
  return (
    <Accordion
      disableGutters
      data-testid={`check-${check.id}`}
      data-status={check.status}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${check.id}-details`}
      >
        <Stack
          direction="row"
          spacing={1}
          alignItems="center"
          sx={{ width: '100%' }}
        >
          <Chip
            size="small"
            label={check.status}
            color={statusColor(check.status)}
          />
          <Typography sx={{ flexGrow: 1 }}>{check.title}</Typography>
          <Chip size="small" variant="outlined" label={check.control} />
          <Chip
            size="small"
            variant="outlined"
            color={severityColor(check.severity)}
            label={check.severity}
          />
        </Stack>
      </AccordionSummary>
      <AccordionDetails id={`${check.id}-details`}>
        <Typography gutterBottom>{check.summary}</Typography>
        <Stack direction="row" spacing={2} alignItems="center" mb={1}>
          <Typography
            variant="body2"
            color="text.secondary"
            sx={{ flexGrow: 1 }}
          >
            {REMEDIATION_LABELS[check.remediation.kind]}:{' '}
            {check.remediation.why}
          </Typography>
          {check.canAutoRemediate && check.status !== 'PASS' && (
            <RemediateButton check={check} onRemediated={onRemediated} />
          )}
        </Stack>
        {check.resources.length > 0 && (
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
        )}
      </AccordionDetails>
    </Accordion>
  );
}

/** Checks grouped by pillar, failures first, each expandable to its evidence. */
export function CheckList({
  checks,
  onRemediated,
}: {
  checks: CheckResult[];
  onRemediated: () => void;
}) {
  return (
    <Stack spacing={3}>
      {groupByPillar(checks).map(group => (
        <Box
          key={group.pillar}
          component="section"
          aria-label={`${group.title} checks`}
        >
          <Typography variant="h6" component="h3" gutterBottom>
            {group.title}
          </Typography>
          {group.checks.map(check => (
            <CheckRow
              key={check.id}
              check={check}
              onRemediated={onRemediated}
            />
          ))}
        </Box>
      ))}
    </Stack>
  );
}
