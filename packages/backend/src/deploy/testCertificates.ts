import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** Trusted by the backend through NODE_EXTRA_CA_CERTS, as a private CA would be. */
  caFile: string;
  /** For 127.0.0.1 and localhost, signed by the CA. */
  certFile: string;
  keyFile: string;
  remove(): void;
}

/**
 * A throw-away CA and server certificate, so the production configuration's TLS
 * settings (PostgreSQL with rejectUnauthorized, `rediss://`) run as written.
 */
export function createTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'prod-hardening-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=prod-hardening test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  ]);
  writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl([
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-days',
    '1',
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-extfile',
    file('san.ext'),
    '-out',
    file('server.crt'),
  ]);
  return {
    caFile: file('ca.crt'),
    certFile: file('server.crt'),
    keyFile: file('server.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
