import Typography from '@mui/material/Typography';

export function FinOpsTab() {
  return <Typography variant="h6">FinOps</Typography>;
}
