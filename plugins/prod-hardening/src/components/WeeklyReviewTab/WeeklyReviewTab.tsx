import Typography from '@mui/material/Typography';

export function WeeklyReviewTab() {
  return <Typography variant="h6">Weekly FinOps review</Typography>;
}
