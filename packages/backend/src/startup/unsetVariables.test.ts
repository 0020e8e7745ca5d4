import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  configFilesOf,
  unsetVariableProblems,
  variablesReadBy,
} from './unsetVariables';

const ROOT = resolve(__dirname, '../../../..');
const PRODUCTION = resolve(ROOT, 'app-config.production.yaml');

describe('unset ${VAR} in production config files', () => {
  it('maps each variable to the keys that read it, escapes and comments aside', () => {
    const found = variablesReadBy(
      [
        '# ${IN_A_COMMENT}',
        'backend:',
        '  database:',
        '    connection:',
        '      host: ${POSTGRES_HOST}',
        '      literal: $${NOT_READ}',
        'redis:',
        '  url: rediss://:${TOKEN}@${HOST}:6379',
        'list:',
        '  - ${HOST}',
      ].join('\n'),
    );
    expect(Object.fromEntries(found)).toEqual({
      POSTGRES_HOST: ['backend.database.connection.host'],
      TOKEN: ['redis.url'],
      HOST: ['redis.url', 'list[0]'],
    });
  });

  it('reads the --config files of the command line', () => {
    expect(
      configFilesOf(
        ['node', 'packages/backend', '--config', 'a.yaml', '--config=b.yaml'],
        '/srv',
      ),
    ).toEqual(['/srv/a.yaml', '/srv/b.yaml']);
  });

  it('names the key, the variable and where it comes from when one is unset or blank', () => {
    const env = Object.fromEntries(
      [...variablesReadBy(readFileSync(PRODUCTION, 'utf8')).keys()].map(
        name => [name, 'set'],
      ),
    );
    delete env.PROD_HARDENING_AI_COSTS_TABLE;
    env.POSTGRES_HOST = ' ';
    expect(unsetVariableProblems([PRODUCTION], env)).toEqual([
      {
        key: 'backend.database.connection.host',
        problem:
          'reads ${POSTGRES_HOST}, which is not set; set POSTGRES_HOST (see docs/deploy.md, Environment)',
      },
      {
        key: 'prodHardening.resources.tables.aiCosts',
        problem:
          'reads ${PROD_HARDENING_AI_COSTS_TABLE}, which is not set; set PROD_HARDENING_AI_COSTS_TABLE (npm run config:from-terraform writes it from the Terraform outputs)',
      },
    ]);
  });
});
