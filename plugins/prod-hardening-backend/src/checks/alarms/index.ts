import type { PostureCheck } from '../PostureCheck';
import { AlarmFacts, evaluateAlarms, expectedAlarms } from './evaluate';
import { alarmsMeta } from './meta';

/** The plan's alarms, named from the configured resources, looked up by name. */
export const alarmsCheck = {
  meta: alarmsMeta,
  facts: async ({ sources, config }) => {
    const expected = expectedAlarms(config.resources);
    return {
      expected,
      found: await sources.cloudWatchAlarms.describeAlarms(
        expected.map(a => a.name),
      ),
    };
  },
  evaluate: evaluateAlarms,
} satisfies PostureCheck<AlarmFacts>;
