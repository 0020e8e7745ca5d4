/**
 * The contract validator (express-openapi-validator, wrapped by
 * @backstage/backend-openapi-utils) hands the router only a text: its AJV errors
 * written as `request/<part>/<field> <AJV message>`, joined by ", ", or one of its
 * own sentences about query parameters. This module reads that text back into
 * issues, so they can be reworded in one place.
 */

/** Which rule of the contract a value broke, by AJV keyword. */
export type IssueKind =
  | 'required'
  | 'additionalProperties'
  | 'type'
  | 'enum'
  | 'const'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'format'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'minItems'
  | 'maxItems'
  | 'oneOf'
  | 'emptyParameter'
  | 'other';

export interface ValidationIssue {
  /** The request part: body, query, params (path) or headers. */
  part: string;
  /** Property names and array indexes below the part; empty for the part itself. */
  path: string[];
  kind: IssueKind;
  /**
   * What the message carried: the missing property (required), the type, the
   * allowed values (enum), the limit (lengths, bounds, items), the pattern or format.
   */
  detail?: string;
  /** AJV's own words, kept for kinds this module does not know. */
  original: string;
}

const KEYWORD_MESSAGES: Array<[RegExp, IssueKind]> = [
  [/^must have required property '(.*)'$/, 'required'],
  [/^must NOT have additional properties$/, 'additionalProperties'],
  [/^must be equal to one of the allowed values(?:: (.*))?$/, 'enum'],
  [/^must be equal to constant$/, 'const'],
  [
    /^must be (string|number|integer|boolean|object|array|null)(?:,.*)?$/,
    'type',
  ],
  [/^must NOT have fewer than (\d+) characters$/, 'minLength'],
  [/^must NOT have more than (\d+) characters$/, 'maxLength'],
  [/^must match pattern "(.*)"$/s, 'pattern'],
  [/^must match format "(.*)"$/, 'format'],
  [/^must be >= (\S+)$/, 'minimum'],
  [/^must be <= (\S+)$/, 'maximum'],
  [/^must be > (\S+)$/, 'exclusiveMinimum'],
  [/^must be < (\S+)$/, 'exclusiveMaximum'],
  [/^must NOT have fewer than (\d+) items$/, 'minItems'],
  [/^must NOT have more than (\d+) items$/, 'maxItems'],
  [/^must match exactly one schema in oneOf$/, 'oneOf'],
];

/**
 * The validator's own sentences. "Unknown query parameter 'x'" is not among them:
 * it already names the parameter and says what is wrong, and it is worded like the
 * refusal of the keys the query parser drops (rejectDroppedQueryKeys).
 */
const QUERY_SENTENCES: Array<[RegExp, IssueKind]> = [
  [/^Empty value found for query parameter '(.*)'$/s, 'emptyParameter'],
];

/** JSON pointer segments (`~1` is "/", `~0` is "~"). */
const pointerSegments = (pointer: string) =>
  pointer
    .split('/')
    .filter(Boolean)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));

function readAjvError(text: string): ValidationIssue | undefined {
  const match = /^request(\/\S*)? (.+)$/s.exec(text);
  if (!match) {
    return undefined;
  }
  const [part, ...path] = pointerSegments(match[1] ?? '');
  if (!part) {
    return undefined;
  }
  const original = match[2];
  for (const [pattern, kind] of KEYWORD_MESSAGES) {
    const found = pattern.exec(original);
    if (found) {
      return { part, path, kind, detail: found[1], original };
    }
  }
  return { part, path, kind: 'other', original };
}

/**
 * The issues in a validator message, or undefined when the message is not one the
 * validator writes in AJV's terms (a handler's own InputError, a JSON syntax error,
 * an unknown query parameter): the caller then leaves it as it is.
 */
export function parseValidationMessage(
  message: string,
): ValidationIssue[] | undefined {
  for (const [pattern, kind] of QUERY_SENTENCES) {
    const found = pattern.exec(message);
    if (found) {
      return [
        {
          part: 'query',
          path: [found[1]],
          kind,
          detail: found[1],
          original: message,
        },
      ];
    }
  }
  // Each error starts with "request/"; a pattern quoted inside one never contains
  // ", request" in this contract.
  const issues = message.split(/, (?=request[/ ])/).map(readAjvError);
  if (issues.length === 0 || issues.some(issue => !issue)) {
    return undefined;
  }
  return issues as ValidationIssue[];
}
