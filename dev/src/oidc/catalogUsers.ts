import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { OidcUser } from './loginPage';

interface CatalogDocument {
  kind?: string;
  metadata?: { name?: string };
  spec?: { profile?: { email?: string; displayName?: string } };
}

/**
 * The catalog file's User entities that have an email, as the issuer's users: the
 * people an OIDC sign-in can resolve to a catalog User (by profile email, as
 * production's sign-in resolvers do). Users without an email (the local guest) are
 * left out.
 */
export function readCatalogUsers(catalogPath: string): OidcUser[] {
  const users: OidcUser[] = [];
  for (const doc of parseAllDocuments(readFileSync(catalogPath, 'utf8'))) {
    const entity = doc.toJS() as CatalogDocument | null;
    const name = entity?.metadata?.name;
    const email = entity?.spec?.profile?.email;
    if (entity?.kind === 'User' && name && email) {
      users.push({
        name,
        email,
        displayName: entity.spec?.profile?.displayName,
      });
    }
  }
  return users;
}
