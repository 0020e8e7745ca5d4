import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_EXEMPTION_MAX_DAYS,
  EXEMPTION_JUSTIFICATION_MIN_CHARS,
  Exemption,
} from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { prodHardeningApiRef } from '../../api';
import { addDays, expiryOfDay } from './dates';

/** What is exempted: a check on one of its resources (chosen here), or one finding. */
export type ExemptTarget =
  | { kind: 'check'; checkId: string; title: string; resourceIds: string[] }
  | { kind: 'finding'; findingId: string; title: string };

/**
 * Asks for the justification and the expiry (both required, the expiry within the
 * default maximum; the backend enforces the configured one and says so).
 */
export function ExemptDialog(props: {
  target: ExemptTarget;
  open: boolean;
  onClose: (created?: Exemption) => void;
  /** Today, for the expiry bounds; a parameter so tests are fixed in time. */
  today?: Date;
}) {
  const { target } = props;
  const api = useApi(prodHardeningApiRef);
  const today = props.today ?? new Date();
  const [resourceId, setResourceId] = useState(
    target.kind === 'check' ? target.resourceIds[0] ?? '' : '',
  );
  const [justification, setJustification] = useState('');
  const [expiryDay, setExpiryDay] = useState(addDays(today, 30));
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const minDay = addDays(today, 1);
  const maxDay = addDays(today, DEFAULT_EXEMPTION_MAX_DAYS);
  const tooShort =
    justification.trim().length < EXEMPTION_JUSTIFICATION_MIN_CHARS;
  const canSave = !tooShort && Boolean(expiryDay) && !saving;

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const expiresAt = expiryOfDay(expiryDay);
      const created = await api.createExemption(
        target.kind === 'check'
          ? {
              kind: 'check',
              checkId: target.checkId,
              resourceId,
              justification,
              expiresAt,
            }
          : {
              kind: 'finding',
              findingId: target.findingId,
              justification,
              expiresAt,
            },
      );
      props.onClose(created);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={() => props.onClose()} fullWidth>
      <DialogTitle>Exempt: {target.title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} mt={1}>
          <Typography variant="body2" color="text.secondary">
            An exemption accepts the risk until its expiry: the item stays
            visible, is left out of the score with exemptions, and cannot be
            remediated until the exemption is revoked or expires.
            {target.kind === 'finding' &&
              ' The finding is suppressed in Security Hub with your justification.'}
          </Typography>
          {target.kind === 'check' && (
            <TextField
              select
              label="Resource"
              value={resourceId}
              onChange={e => setResourceId(e.target.value)}
            >
              {target.resourceIds.map(id => (
                <MenuItem key={id} value={id}>
                  {id}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            label="Justification"
            required
            multiline
            minRows={3}
            value={justification}
            onChange={e => setJustification(e.target.value)}
            helperText={`Why the risk is accepted (at least ${EXEMPTION_JUSTIFICATION_MIN_CHARS} characters); kept in the audit trail.`}
          />
          <TextField
            label="Expires on"
            type="date"
            required
            value={expiryDay}
            onChange={e => setExpiryDay(e.target.value)}
            inputProps={{ min: minDay, max: maxDay }}
            InputLabelProps={{ shrink: true }}
            helperText={`At most ${DEFAULT_EXEMPTION_MAX_DAYS} days from today (the end of the day, UTC).`}
          />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose()}>Cancel</Button>
        <Button variant="contained" disabled={!canSave} onClick={save}>
          Exempt
        </Button>
      </DialogActions>
    </Dialog>
  );
}
