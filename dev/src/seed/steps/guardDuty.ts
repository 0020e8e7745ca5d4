import {
  DeleteDetectorCommand,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { emptyReport, SeedStep } from '../context';

/** The story has GuardDuty off: no detector in the region. */
export const guardDutyStep: SeedStep = {
  name: 'guardduty',
  async run(ctx) {
    const report = emptyReport('guardduty');
    const { guardDuty } = ctx.clients;
    const { DetectorIds = [] } = await guardDuty.send(
      new ListDetectorsCommand({}),
    );
    for (const DetectorId of DetectorIds) {
      await guardDuty.send(new DeleteDetectorCommand({ DetectorId }));
      report.removed.push(`detector ${DetectorId}`);
    }
    return report;
  },
};
