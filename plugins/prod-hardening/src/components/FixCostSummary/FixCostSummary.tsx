import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { FixCost } from '@prod-hardening/plugin-prod-hardening-common';
import { fixCostHeadline } from '../../utils/fixCost';

/**
 * What a remediation adds to the monthly bill and what the estimate assumes, as the
 * preview and the approvers show it.
 */
export function FixCostSummary(props: {
  cost: FixCost;
  /** Smaller type for table rows. */
  dense?: boolean;
}) {
  const { cost, dense } = props;
  const variant = dense ? 'caption' : 'body2';
  return (
    <Box aria-label="Monthly cost of the fix" role="group">
      <Typography
        variant={dense ? 'caption' : 'body1'}
        display="block"
        fontWeight="bold"
        color={cost.monthlyUsd === null ? 'warning.main' : undefined}
      >
        {fixCostHeadline(cost)}
      </Typography>
      {cost.assumptions.length > 0 && (
        <Box component="ul" sx={{ mt: 0, mb: 0, pl: 2 }}>
          {cost.assumptions.map(a => (
            <Typography key={a} component="li" variant={variant}>
              {a}
            </Typography>
          ))}
        </Box>
      )}
      {cost.monthlyUsd !== null && (
        <Typography variant="caption" display="block" color="text.secondary">
          From the AWS Price List (on-demand USD, before credits and discounts).
        </Typography>
      )}
    </Box>
  );
}
