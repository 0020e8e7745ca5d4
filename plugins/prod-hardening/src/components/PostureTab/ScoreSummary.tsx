import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { PostureReport } from '@prod-hardening/plugin-prod-hardening-common';
import { formatPercent } from '../../utils/status';

function ScoreCard(props: {
  label: string;
  value: string;
  explanation: string;
}) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Tooltip title={props.explanation}>
          <Typography variant="overline" component="h3">
            {props.label}
          </Typography>
        </Tooltip>
        <Typography variant="h4" component="p" aria-label={props.label}>
          {props.value}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {props.explanation}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** The two posture scores, each with how it is computed, and the status counts. */
export function ScoreSummary({ report }: { report: PostureReport }) {
  const { score, scoreWithExemptions: exempt } = report;
  const md = exempt ? 3 : 4;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={md}>
        <ScoreCard
          label="Security Hub score"
          value={formatPercent(score.securityHubPercent)}
          explanation="Passed ÷ evaluated checks, every check counts the same (Security Hub's method). Checks that could not run are left out. Exempted checks still count here."
        />
      </Grid>
      <Grid item xs={12} md={md}>
        <ScoreCard
          label="Severity-weighted score"
          value={formatPercent(score.severityWeightedPercent)}
          explanation="Passed weight ÷ evaluated weight, with critical 10, high 5, medium 2, low 1: one critical failure costs as much as ten low ones."
        />
      </Grid>
      {exempt && (
        <Grid item xs={12} md={md}>
          <ScoreCard
            label="Score with exemptions"
            value={`${formatPercent(
              exempt.securityHubPercent,
            )} · ${formatPercent(exempt.severityWeightedPercent)}`}
            explanation={`Security Hub and severity-weighted scores with ${exempt.exempted} exempted check(s) left out (accepted risks with an expiry). The raw scores beside it still count them.`}
          />
        </Grid>
      )}
      <Grid item xs={12} md={md}>
        <ScoreCard
          label="Checks"
          value={`${score.passed} pass · ${score.failed} fail`}
          explanation={`${score.warned} warning(s), ${
            score.errored
          } could not be evaluated. Account ${report.accountId}, ${
            report.region
          }, evaluated ${new Date(report.evaluatedAt).toLocaleString()}.`}
        />
      </Grid>
    </Grid>
  );
}
