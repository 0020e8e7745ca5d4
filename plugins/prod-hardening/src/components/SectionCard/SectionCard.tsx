import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** A titled card: the building block of the tabs. */
export function SectionCard({
  title,
  action,
  children,
}: {
  title: string;
  /** Shown at the right of the title, e.g. a runbook link. */
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction="row" alignItems="center">
          <Typography
            variant="h6"
            component="h3"
            gutterBottom
            sx={{ flexGrow: 1 }}
          >
            {title}
          </Typography>
          {action}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}
