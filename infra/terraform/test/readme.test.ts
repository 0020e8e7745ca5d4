import fs from 'node:fs';
import { loadModule } from '../src/module';
import { MODULE_DIR, README } from '../src/paths';
import { currentDocs, renderDocs } from '../src/readme';

describe('production-hardening/README.md', () => {
  const readme = fs.readFileSync(README, 'utf8');

  it('has inputs and outputs tables generated from the module (npm run docs:update)', async () => {
    expect(currentDocs(readme)).toBe(renderDocs(await loadModule(MODULE_DIR)));
  });

  it('explains the Week 1 / Week 2 apply order, the required inputs, importing existing resources and setting secrets out of band', () => {
    for (const heading of [
      '## Plan and apply order',
      '**Week 1',
      '**Week 2',
      '### Required inputs',
      '## Importing existing resources',
      '## Secrets',
      'Day 9, ECS services',
      'Day 10, cost',
    ]) {
      expect(readme).toContain(heading);
    }
    for (const resource of [
      'aws_ecs_cluster.this',
      'aws_ecs_service.this',
      'aws_db_instance.postgres',
      'aws_ce_anomaly_monitor.services',
    ]) {
      expect(readme).toMatch(
        new RegExp(
          `to\\s+= module\\.production_hardening\\.${resource.replace(
            '.',
            '\\.',
          )}`,
        ),
      );
    }
    expect(readme).toContain('docs/runbooks/elasticache-migration.md');
  });
});
