import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { usePermission } from '@backstage/plugin-permission-react';
import { prodHardeningExemptionCreatePermission } from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { ExemptDialog, ExemptTarget } from './ExemptDialog';

/** "Exempt…", mirroring prod-hardening.exemption.create; the backend still decides. */
export function ExemptButton(props: {
  target: ExemptTarget;
  onExempted: () => void;
}) {
  const { allowed, loading } = usePermission({
    permission: prodHardeningExemptionCreatePermission,
  });
  const [open, setOpen] = useState(false);
  const button = (
    <span>
      <Button
        size="small"
        variant="outlined"
        disabled={loading || !allowed}
        onClick={() => setOpen(true)}
      >
        Exempt…
      </Button>
    </span>
  );
  return (
    <>
      {allowed || loading ? (
        button
      ) : (
        <Tooltip title="You need the prod-hardening.exemption.create permission (security group).">
          {button}
        </Tooltip>
      )}
      {open && (
        <ExemptDialog
          target={props.target}
          open={open}
          onClose={created => {
            setOpen(false);
            if (created) props.onExempted();
          }}
        />
      )}
    </>
  );
}
