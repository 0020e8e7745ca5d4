import { MarkdownContent } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import useAsync from 'react-use/esm/useAsync';
import { useSearchParams } from 'react-router-dom';
import { prodHardeningApiRef } from '../../api';
import { RUNBOOK_PARAM, runbookLinkTarget } from './runbookLinks';

/**
 * The runbook named by `?runbook=<id>`, in a drawer over the current tab, so a link
 * from a failing check or metric keeps its context and can be shared as a URL.
 */
export function RunbookDrawer() {
  const api = useApi(prodHardeningApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const id = searchParams.get(RUNBOOK_PARAM);
  const { value, loading, error } = useAsync(
    async () => (id ? api.getRunbook(id) : undefined),
    [api, id],
  );
  const close = () => {
    const next = new URLSearchParams(searchParams);
    next.delete(RUNBOOK_PARAM);
    setSearchParams(next);
  };
  return (
    <Drawer anchor="right" open={Boolean(id)} onClose={close}>
      <Box
        sx={{ width: { xs: '100vw', md: 760 }, p: 3 }}
        role="region"
        aria-label="Runbook"
      >
        <Stack direction="row" alignItems="center" mb={1}>
          <Typography variant="overline" sx={{ flexGrow: 1 }}>
            Runbook · docs/runbooks/{id}.md
          </Typography>
          <IconButton aria-label="Close runbook" onClick={close}>
            <CloseIcon />
          </IconButton>
        </Stack>
        {loading && <LinearProgress aria-label="Loading runbook" />}
        {error && (
          <Alert severity="error">
            Could not open the runbook: {error.message}
          </Alert>
        )}
        {value && (
          <MarkdownContent
            content={value.markdown}
            dialect="gfm"
            transformLinkUri={runbookLinkTarget}
          />
        )}
      </Box>
    </Drawer>
  );
}
