import { z } from 'zod';
import type { FindingsQuery } from '../domain/posture/findings';
import { SEVERITIES } from '../domain/posture/findings';
import { parseInput } from './parseInput';

const csv = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);

const schema = z.object({
  severity: z
    .string()
    .optional()
    .transform(csv)
    .pipe(z.array(z.enum(SEVERITIES as [string, ...string[]])).optional()),
  product: z.string().max(200).optional().transform(csv),
  controlId: z.string().max(64).optional(),
  resourceType: z.string().max(128).optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(['severity', 'lastSeen', 'title', 'product']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(0).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

/** Query string → FindingsQuery, or an InputError naming the bad parameter. */
export function parseFindingsQuery(query: unknown): FindingsQuery {
  return parseInput(schema, query, 'query') as FindingsQuery;
}
