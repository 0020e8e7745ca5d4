import {
  FieldSchema,
  objectSchemaFor,
  OpenApiDocument,
  requestPartSchema,
  schemaAt,
  valueAt,
} from './contractSchema';
import { FORMAT_WORDS, PATTERN_WORDS } from './patternWords';
import type { ValidationIssue } from './validationIssues';

/** The request as the validator saw it, and which operation of the contract it hit. */
export interface RejectedRequest {
  spec: OpenApiDocument;
  /** The OpenAPI path template, e.g. /exemptions/{id}/revoke. */
  route: string;
  method: string;
  /** The request parts by the validator's names: body, query, params, headers. */
  parts: Record<string, unknown>;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** Kinds about the value itself, where a field's `x-error-message` speaks for the contract. */
const VALUE_KINDS = new Set<ValidationIssue['kind']>([
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

const list = (values: readonly unknown[]) => values.map(String).join(', ');

/** How a field is named in a message: by its path, and where it is sent. */
export function fieldLabel(part: string, path: string[]): string {
  const name = path.join('.');
  switch (part) {
    case 'body':
      return name || 'the request body';
    case 'query':
      return name ? `query parameter ${name}` : 'the query';
    case 'params':
      return name ? `path parameter ${name}` : 'the path';
    case 'headers':
      return name ? `header ${name}` : 'the headers';
    default:
      return name || part;
  }
}

/** What the value of `schema` must be, for one broken rule, as "must ..." */
export function valueRule(
  issue: Pick<ValidationIssue, 'kind' | 'detail' | 'original'>,
  schema: FieldSchema | undefined,
): string {
  const { kind, detail } = issue;
  if (schema?.['x-error-message'] && VALUE_KINDS.has(kind)) {
    return schema['x-error-message'];
  }
  switch (kind) {
    case 'type':
      return `must be ${TYPE_WORDS[detail ?? ''] ?? detail}`;
    case 'enum':
      return `must be one of ${schema?.enum ? list(schema.enum) : detail}`;
    case 'const':
      return schema && 'const' in schema
        ? `must be ${String(schema.const)}`
        : issue.original;
    case 'minLength':
      return detail === '1'
        ? 'must not be empty'
        : `must be at least ${detail} characters`;
    case 'maxLength':
      return `must be at most ${detail} characters`;
    case 'pattern':
      return (
        PATTERN_WORDS[detail ?? ''] ??
        'is not in the form the API documentation describes'
      );
    case 'format':
      return FORMAT_WORDS[detail ?? ''] ?? `must be a valid ${detail}`;
    case 'minimum':
      return `must be at least ${detail}`;
    case 'maximum':
      return `must be at most ${detail}`;
    case 'exclusiveMinimum':
      return `must be more than ${detail}`;
    case 'exclusiveMaximum':
      return `must be less than ${detail}`;
    case 'minItems':
      return `must have at least ${detail} item${detail === '1' ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${detail} items`;
    default:
      return issue.original;
  }
}

function unknownNames(
  part: string,
  names: string[],
  accepted: string[],
): string {
  const label = names.map(name => fieldLabel(part, [name])).join(', ');
  const verb = names.length === 1 ? 'is' : 'are';
  const what = part === 'body' ? 'field' : 'parameter';
  if (accepted.length === 0) {
    return `${label} ${verb} not accepted: this request takes no ${what}s`;
  }
  return `${label} ${verb} not accepted (the ${what}s are ${list(accepted)})`;
}

/**
 * One sentence for one issue, or undefined when the issue is noise: an error of a
 * oneOf branch other than the one the request chose (by its `const` property).
 */
function describeIssue(
  issue: ValidationIssue,
  request: RejectedRequest,
): string | undefined {
  const { spec } = request;
  const root = requestPartSchema(
    spec,
    request.route,
    request.method,
    issue.part,
  );
  const value = request.parts[issue.part];
  const objectPath =
    issue.kind === 'required' ||
    issue.kind === 'additionalProperties' ||
    issue.kind === 'oneOf'
      ? issue.path
      : issue.path.slice(0, -1);
  const objectSchema = schemaAt(spec, root, objectPath, value);
  const objectValue = valueAt(value, objectPath);
  const object = objectSchema
    ? objectSchemaFor(spec, objectSchema, objectValue)
    : undefined;
  if (object?.kind === 'noBranch') {
    return `${fieldLabel(issue.part, [
      ...objectPath,
      object.discriminator,
    ])} must be one of ${list(object.allowed)}`;
  }
  const properties =
    object?.kind === 'object' ? object.schema.properties : undefined;

  switch (issue.kind) {
    case 'required':
      if (properties && issue.detail && !(issue.detail in properties)) {
        return undefined;
      }
      return `${fieldLabel(issue.part, [
        ...issue.path,
        issue.detail ?? '',
      ])} is required`;
    case 'additionalProperties': {
      const accepted = Object.keys(properties ?? {});
      const sent =
        objectValue && typeof objectValue === 'object'
          ? Object.keys(objectValue)
          : [];
      const extra = properties
        ? sent.filter(name => !accepted.includes(name))
        : [];
      if (properties && extra.length === 0) {
        return undefined;
      }
      if (extra.length === 0) {
        return `${fieldLabel(
          issue.part,
          issue.path,
        )} has a field this request does not take`;
      }
      return unknownNames(issue.part, extra, accepted);
    }
    case 'emptyParameter':
      return `${fieldLabel(
        issue.part,
        issue.path,
      )} is empty: give a value or leave it out`;
    case 'oneOf':
      return object?.kind === 'unknownBranch' || !object
        ? `${fieldLabel(
            issue.part,
            issue.path,
          )} does not match any of the forms the API documentation describes`
        : undefined;
    default: {
      const name = issue.path[issue.path.length - 1];
      if (properties && name !== undefined && !(name in properties)) {
        return undefined;
      }
      const schema = schemaAt(spec, root, issue.path, value);
      return `${fieldLabel(issue.part, issue.path)} ${valueRule(
        issue,
        schema,
      )}`;
    }
  }
}

/**
 * The 400 message for a request the contract refused: each broken rule once, the
 * field named, what is wanted in words. Undefined if no issue could be worded, so
 * the caller keeps the validator's own text.
 */
export function describeRejection(
  issues: ValidationIssue[],
  request: RejectedRequest,
): string | undefined {
  const sentences = [
    ...new Set(
      issues
        .map(issue => describeIssue(issue, request))
        .filter((s): s is string => Boolean(s)),
    ),
  ];
  return sentences.length > 0 ? `${sentences.join('; ')}.` : undefined;
}
