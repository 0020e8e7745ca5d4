import Typography from '@mui/material/Typography';

export function ThrottlingTab() {
  return <Typography variant="h6">Message throttling</Typography>;
}
