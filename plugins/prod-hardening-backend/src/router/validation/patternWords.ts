/**
 * What each pattern of the contract asks for, in words, for the patterns that do
 * not carry their own `x-error-message`. A person is told this instead of the
 * regular expression; a test checks that every pattern in openapi.yaml is covered
 * by one or the other.
 */
export const PATTERN_WORDS: Record<string, string> = {
  '\\S': 'must not be blank',
  '^\\s*\\S[\\s\\S]{8,}\\S\\s*$':
    'must be at least 10 characters, not counting blanks at either end',
  '^[^\\p{Cc}]+$': 'must not contain control characters',
  '^[a-z0-9-]+$': "must use only lowercase letters, digits and '-'",
  '^[a-z0-9][a-z0-9-]{0,63}$':
    "must be 1 to 64 lowercase letters, digits or '-', starting with a letter or digit",
  '^[a-zA-Z][a-zA-Z0-9]*$':
    'must be letters and digits, starting with a letter',
  '^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$':
    "must be letters or digits, separated by single '-', '_' or '.'",
  '^[\\x21-\\x7e]+$':
    'must be printable ASCII characters, without spaces (an ARN, name or id as AWS writes it)',
  '^(?:[0-9]{1,5}|100000)$': 'must be a whole number from 0 to 100000',
  '^(?:[1-9][0-9]?|1[0-9]{2}|200)$': 'must be a whole number from 1 to 200',
  '^\\s*(?:(?:CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL)\\s*)?(?:,\\s*(?:(?:CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL)\\s*)?)*$':
    'must be a comma-separated list of CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL',
};

/** The formats the contract uses, as a person would name them. */
export const FORMAT_WORDS: Record<string, string> = {
  uuid: 'must be a UUID (like 123e4567-e89b-12d3-a456-426614174000)',
  'date-time':
    'must be a date and time in ISO 8601 form (like 2026-12-31T23:59:59Z)',
};
