import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DockerfileSyntaxError, parseDockerfile } from './dockerfile';

describe('parseDockerfile', () => {
  it('reads every instruction form the backend Dockerfile uses', () => {
    const steps = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'FROM node:22-bookworm-slim',
        '',
        'USER node',
        'WORKDIR /app',
        'ENV NODE_ENV=production',
        'ENV NODE_OPTIONS="--no-node-snapshot --max-old-space-size=512" A=b',
        'COPY --chown=node:node package.json package-lock.json ./',
        'RUN --mount=type=cache,target=/home/node/.npm,uid=1000 \\',
        '    # a comment inside a continuation',
        '    npm ci --omit=dev',
        'EXPOSE 7007/tcp',
        'CMD ["node", "packages/backend", "--config", "app-config.yaml"]',
      ].join('\n'),
    );
    expect(steps).toEqual([
      { kind: 'FROM', image: 'node:22-bookworm-slim', line: 2 },
      { kind: 'USER', user: 'node', line: 4 },
      { kind: 'WORKDIR', path: '/app', line: 5 },
      { kind: 'ENV', vars: { NODE_ENV: 'production' }, line: 6 },
      {
        kind: 'ENV',
        vars: {
          NODE_OPTIONS: '--no-node-snapshot --max-old-space-size=512',
          A: 'b',
        },
        line: 7,
      },
      {
        kind: 'COPY',
        sources: ['package.json', 'package-lock.json'],
        destination: './',
        flags: { chown: 'node:node' },
        line: 8,
      },
      {
        kind: 'RUN',
        command: 'npm ci --omit=dev',
        mounts: [{ type: 'cache', target: '/home/node/.npm', uid: '1000' }],
        line: 9,
      },
      { kind: 'EXPOSE', ports: [7007], line: 12 },
      {
        kind: 'CMD',
        argv: ['node', 'packages/backend', '--config', 'app-config.yaml'],
        line: 13,
      },
    ]);
  });

  it.each([
    ['ADD https://example.com/x /x', 'line 1: ADD is not an instruction'],
    ['CMD node packages/backend', 'line 1: CMD must be in exec form'],
    ['ENV NODE_ENV', 'line 1: ENV takes KEY=value pairs'],
    ['ENV A="unterminated', 'line 1: unbalanced quote'],
    ['COPY only-one', 'line 1: COPY needs a source and a destination'],
    ['RUN --network=none npm ci', 'line 1: RUN flag --network'],
    ['WORKDIR', 'line 1: WORKDIR has no arguments'],
  ])('refuses %j', (source, message) => {
    expect(() => parseDockerfile(source)).toThrow(DockerfileSyntaxError);
    expect(() => parseDockerfile(source)).toThrow(message);
  });

  it('parses packages/backend/Dockerfile: Node 22, production install, the two config files', () => {
    const steps = parseDockerfile(
      readFileSync(resolve(__dirname, '../../Dockerfile'), 'utf8'),
    );
    expect(steps[0]).toMatchObject({
      kind: 'FROM',
      image: 'node:22-bookworm-slim',
    });
    expect(steps.filter(s => s.kind === 'RUN').map(s => s.command)).toContain(
      'npm ci --omit=dev --ignore-scripts --no-audit --no-fund',
    );
    const copies = steps.flatMap(s => (s.kind === 'COPY' ? s.sources : []));
    expect(copies).toEqual(
      expect.arrayContaining(['app-config.yaml', 'app-config.production.yaml']),
    );
    expect(copies.some(source => source.includes('development'))).toBe(false);
    expect(steps[steps.length - 1]).toMatchObject({
      kind: 'CMD',
      argv: [
        'node',
        'packages/backend',
        '--config',
        'app-config.yaml',
        '--config',
        'app-config.production.yaml',
      ],
    });
  });
});
