import { TfModule } from '../module';
import { allStatements } from '../policies';
import { Violation } from '../violations';
import { checkDesiredCountLeftToAutoScaling } from './ecsServices';
import { checkNoWildcardGrants } from './iam';
import { checkSecretValuesOutOfConfiguration } from './secrets';

export * from './iam';
export * from './names';
export * from './structure';
export * from './ecsServices';
export * from './secrets';

/**
 * The properties Terraform cannot state about itself (rules over every block, lifecycle
 * settings); everything `terraform test` can state is in production-hardening/tests.
 */
export const PROPERTY_CHECKS: Record<
  string,
  (mod: TfModule) => Violation[] | Promise<Violation[]>
> = {
  iamWildcards: async mod => checkNoWildcardGrants(await allStatements(mod)),
  secretValuesOutOfConfiguration: checkSecretValuesOutOfConfiguration,
  desiredCountLeftToAutoScaling: checkDesiredCountLeftToAutoScaling,
};
