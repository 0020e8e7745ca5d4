import type { AccountScope } from '../../arns';
import type { ResourceNames } from '../../resources';

export interface FindingsInput extends AccountScope {
  resources: ResourceNames;
  now: Date;
  /** Ids only the emulator knows (it picks them at creation); their findings need them. */
  ids?: { vpcId?: string; alertKeyId?: string };
}
