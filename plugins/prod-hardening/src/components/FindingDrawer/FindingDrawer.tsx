import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  CheckResult,
  Finding,
  runbookFor,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useFindingDetail } from '../../hooks/useRemediationDetails';
import { severityColor, statusColor } from '../../utils/status';
import { webUrl } from '../../utils/webUrl';
import { EvidenceTable } from '../EvidenceTable';
import { RemediationEntry } from '../RemediationButtons';
import { ExemptButton } from '../Exemptions';
import { RunbookLink } from '../Runbooks';

/** A link only to a web address; anything else from the finding stays plain text. */
function RecommendationLink({ url }: { url: string }) {
  const href = webUrl(url);
  if (!href) {
    return (
      <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
        {url}
      </Typography>
    );
  }
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      {url}
    </Link>
  );
}

const dateTime = (iso: string) => (iso ? new Date(iso).toLocaleString() : '—');

/** Every field of the normalised finding, in reading order. */
function findingFields(f: Finding): Array<[string, string]> {
  return [
    ['Product', f.product],
    ['Control', f.controlId ?? '—'],
    ['Compliance status', f.complianceStatus ?? '—'],
    ['Workflow status', f.workflowStatus],
    ['Resource type', f.resourceType],
    ['Resource', f.resourceId || '—'],
    ['Region', f.region || '—'],
    ['Account', f.accountId || '—'],
    ['First seen', dateTime(f.firstSeen)],
    ['Last seen', dateTime(f.lastSeen)],
    ['Finding id', f.id],
  ];
}

function CheckSection(props: { check: CheckResult; onRemediated: () => void }) {
  const { check } = props;
  return (
    <Box component="section" aria-label="Posture check">
      <Typography variant="h6" gutterBottom>
        Posture check
      </Typography>
      <Stack direction="row" spacing={1} alignItems="center" mb={1}>
        <Chip
          size="small"
          label={check.status}
          color={statusColor(check.status)}
        />
        <Typography sx={{ flexGrow: 1 }}>{check.title}</Typography>
      </Stack>
      <Typography variant="body2" gutterBottom>
        {check.summary}
      </Typography>
      <EvidenceTable check={check} />
      <Stack direction="row" spacing={2} alignItems="center" mt={1}>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          {check.remediation.why}
        </Typography>
        <RemediationEntry check={check} onRemediated={props.onRemediated} />
      </Stack>
    </Box>
  );
}

/**
 * Everything the portal knows about one finding, and when one of the posture checks
 * covers it, that check with its evidence and its remediation.
 */
export function FindingDrawer(props: {
  findingId: string;
  onClose: () => void;
  onRemediated: () => void;
}) {
  const { value, loading, error } = useFindingDetail(props.findingId);
  const finding = value?.finding;
  return (
    <Drawer
      anchor="right"
      open
      onClose={props.onClose}
      PaperProps={{
        role: 'dialog',
        'aria-label': 'Finding details',
        sx: { width: { xs: '100%', md: 720 }, p: 3 },
      }}
    >
      {loading && <LinearProgress aria-label="Loading the finding" />}
      {error && (
        <Alert severity="error">
          Could not load the finding: {error.message}
        </Alert>
      )}
      {finding && (
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} alignItems="center">
            <Chip
              size="small"
              label={finding.severity}
              color={severityColor(finding.severity)}
            />
            <Typography variant="h5" component="h2">
              {finding.title}
            </Typography>
          </Stack>
          {finding.description && (
            <Typography>{finding.description}</Typography>
          )}
          {runbookFor({ severity: finding.severity }) && (
            <Alert
              severity="warning"
              action={
                <RunbookLink
                  runbookId={runbookFor({ severity: finding.severity })!}
                />
              }
            >
              {finding.severity} finding: follow the security incident response
              runbook if it may be real.
            </Alert>
          )}
          <Table size="small" aria-label="Finding fields">
            <TableBody>
              {findingFields(finding).map(([label, text]) => (
                <TableRow key={label}>
                  <TableCell component="th" scope="row" sx={{ width: 180 }}>
                    {label}
                  </TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{text}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {(finding.remediationText || finding.remediationUrl) && (
            <Box component="section" aria-label="Recommended remediation">
              <Typography variant="h6">Recommended remediation</Typography>
              {finding.remediationText && (
                <Typography variant="body2">
                  {finding.remediationText}
                </Typography>
              )}
              {finding.remediationUrl && (
                <RecommendationLink url={finding.remediationUrl} />
              )}
            </Box>
          )}
          <Divider />
          {value?.check ? (
            <CheckSection
              check={value.check}
              onRemediated={props.onRemediated}
            />
          ) : (
            <Typography color="text.secondary">
              No posture check of this portal covers this finding.
            </Typography>
          )}
        </Stack>
      )}
      <Stack direction="row" spacing={1} mt={3}>
        <Button onClick={props.onClose}>Close</Button>
        {finding && (
          <ExemptButton
            target={{
              kind: 'finding',
              findingId: finding.id,
              title: finding.title,
            }}
            onExempted={() => {
              // Suppressed in Security Hub: it leaves the open findings.
              props.onRemediated();
              props.onClose();
            }}
          />
        )}
      </Stack>
    </Drawer>
  );
}
