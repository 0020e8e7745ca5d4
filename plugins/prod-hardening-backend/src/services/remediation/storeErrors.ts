import type { ServiceUnavailableError } from '@backstage/errors';
import { databaseUnavailable } from '../../database/unavailable';

/** The 503 for any other database error (see databaseUnavailable). */
export function storeUnavailable(err: unknown): ServiceUnavailableError {
  return databaseUnavailable('remediation store', err);
}
