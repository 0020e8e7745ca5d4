import Typography from '@mui/material/Typography';

export function PostureTab() {
  return <Typography variant="h6">Security posture</Typography>;
}
