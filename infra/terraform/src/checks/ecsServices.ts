import { expandBlocks } from '../blocks';
import { resources, TfModule } from '../module';
import { violation, Violation } from '../violations';

/** Attributes auto scaling changes behind Terraform's back; ignoring them stops the two fighting. */
const OWNED_BY_AUTO_SCALING = ['desired_count'];

/**
 * Seed, Day 9: auto scaling owns each service's desired_count, so every aws_ecs_service
 * ignores changes to it, or every apply would undo the scaling. `lifecycle` is not a
 * value a `terraform test` assertion can read, so this stays a check on the source; the
 * rest of the services' properties are in production-hardening/tests/ecs_services.tftest.hcl.
 */
export function checkDesiredCountLeftToAutoScaling(mod: TfModule): Violation[] {
  return resources(mod, 'aws_ecs_service').flatMap(service => {
    const ignored = expandBlocks(mod, service.body, 'lifecycle').flatMap(l =>
      Array.isArray(l.ignore_changes) ? l.ignore_changes.map(String) : [],
    );
    return OWNED_BY_AUTO_SCALING.filter(
      attribute => !ignored.some(i => i.includes(attribute)),
    ).map(attribute =>
      violation(
        service,
        `does not ignore_changes ${attribute}: every apply would undo auto scaling`,
      ),
    );
  });
}
