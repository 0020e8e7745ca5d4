import type { Severity } from '@prod-hardening/plugin-prod-hardening-common';
import type { FindingsQuery } from '../domain/posture/findings';
import { validatedQuery } from './apiRouter';

/** A comma-separated list, blanks around and between the commas ignored. */
const csv = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);

const count = (value: string | undefined) =>
  value === undefined ? undefined : Number(value);

/**
 * The findings query as FindingsQuery. The router has checked every parameter
 * against the contract (severity labels, lengths, page ranges); what is left is
 * reading the lists and numbers out of their string form.
 */
export function readFindingsQuery(req: { query: unknown }): FindingsQuery {
  const { severity, product, page, pageSize, ...rest } =
    validatedQuery<'getFindings'>(req);
  return {
    ...rest,
    severity: csv(severity) as Severity[] | undefined,
    product: csv(product),
    page: count(page),
    pageSize: count(pageSize),
  };
}
