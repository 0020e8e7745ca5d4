import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  CheckResult,
  Exemption,
  runbookFor,
} from '@prod-hardening/plugin-prod-hardening-common';
import { groupByPillar, severityColor, statusColor } from '../../utils/status';
import { EvidenceTable } from '../EvidenceTable';
import { RemediationEntry } from '../RemediationButtons';
import { RunbookLink } from '../Runbooks';
import { ExemptButton } from '../Exemptions';

const REMEDIATION_LABELS = {
  automated: 'Automated remediation',
  guided: 'Guided remediation',
  manual: 'Manual remediation only',
} as const;

function CheckRow({
  check,
  onRemediated,
  exemptions,
}: {
  check: CheckResult;
  onRemediated: () => void;
  exemptions: Exemption[];
}) {
  // A runbook applies while the check is not passing.
  const runbook =
    check.status === 'PASS' ? undefined : runbookFor({ checkId: check.id });
  // Only a resource the check did not pass on carries a risk to accept.
  const exempted = exemptions.filter(e => e.checkId === check.id);
  const exemptable = check.resources
    .filter(r => r.status === 'FAIL' || r.status === 'WARN')
    .map(r => r.resourceId)
    .filter(id => !exempted.some(e => e.resourceId === id));
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
          {exempted.length > 0 && (
            <Chip
              size="small"
              variant="outlined"
              color="warning"
              label={`Exempted (${exempted.length})`}
              title={exempted
                .map(
                  e =>
                    `${e.resourceId} until ${e.expiresAt}: ${e.justification}`,
                )
                .join('\n')}
            />
          )}
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
          {runbook && <RunbookLink runbookId={runbook} />}
          {exemptable.length > 0 && (
            <ExemptButton
              target={{
                kind: 'check',
                checkId: check.id,
                title: check.title,
                resourceIds: exemptable,
              }}
              onExempted={onRemediated}
            />
          )}
          <RemediationEntry check={check} onRemediated={onRemediated} />
        </Stack>
        <EvidenceTable check={check} />
      </AccordionDetails>
    </Accordion>
  );
}

/** Checks grouped by pillar, failures first, each expandable to its evidence. */
export function CheckList({
  checks,
  onRemediated,
  exemptions = [],
}: {
  checks: CheckResult[];
  onRemediated: () => void;
  /** The active exemptions, shown on their checks. */
  exemptions?: Exemption[];
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
              exemptions={exemptions}
            />
          ))}
        </Box>
      ))}
    </Stack>
  );
}
