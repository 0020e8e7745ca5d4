import Button from '@mui/material/Button';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { RUNBOOK_PARAM } from './runbookLinks';

/** Opens a runbook in the drawer, keeping the current tab and its state. */
export function RunbookLink({
  runbookId,
  label = 'Runbook',
}: {
  runbookId: string;
  label?: string;
}) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set(RUNBOOK_PARAM, runbookId);
  return (
    <Button
      size="small"
      component={RouterLink}
      to={{ pathname: location.pathname, search: `?${params}` }}
      startIcon={<MenuBookIcon fontSize="small" />}
      data-testid={`runbook-link-${runbookId}`}
    >
      {label}
    </Button>
  );
}
