/** Routes of the entity pages (see ../openapi.ts). */
const error = (description: string) =>
  ({
    description,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    },
  } as const);

const pathParameter = (name: string, description: string) =>
  ({
    name,
    in: 'path',
    required: true,
    description,
    schema: { type: 'string' },
  } as const);

export const entityPaths = {
  '/entities/{kind}/{namespace}/{name}/summary': {
    get: {
      operationId: 'getEntitySummary',
      summary:
        'One catalog entity’s posture (its resources’ checks and findings, a score), cost (AI spend of its agents; cost by tag where mapped) and throttling (the rate-limiter component), with the annotations that could not be resolved. Systems and Groups roll up their parts and what they own. Served from the pages’ caches.',
      parameters: [
        pathParameter('kind', 'Entity kind, e.g. component.'),
        pathParameter('namespace', 'Entity namespace, e.g. default.'),
        pathParameter('name', 'Entity name.'),
      ],
      responses: {
        '200': {
          description:
            'The entity summary (EntitySummary in the common package).',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/EntitySummary' },
            },
          },
        },
        '400': error('A malformed kind, namespace or name.'),
        '403': error('Not allowed to read.'),
        '404': error(
          'No such entity in the catalog (or not visible to the caller).',
        ),
      },
    },
  },
} as const;
