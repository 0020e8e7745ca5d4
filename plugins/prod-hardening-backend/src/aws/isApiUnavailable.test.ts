import { isApiUnavailable } from './isApiUnavailable';

describe('isApiUnavailable', () => {
  it.each([
    [{ name: 'UnsupportedOperation', message: 'not supported' }],
    [{ name: 'InvalidAction', message: 'x' }],
    [{ name: 'Error', message: 'x', $metadata: { httpStatusCode: 501 } }],
    [
      {
        name: 'SyntaxError',
        message: `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
        $metadata: { httpStatusCode: 500 },
      },
    ],
  ])('recognises an operation the endpoint does not offer: %j', error => {
    expect(isApiUnavailable(error)).toBe(true);
  });

  it.each([
    [
      {
        name: 'AccessDenied',
        message: 'not authorized',
        $metadata: { httpStatusCode: 403 },
      },
    ],
    [
      {
        name: 'InternalError',
        message: 'boom',
        $metadata: { httpStatusCode: 500 },
      },
    ],
    [
      {
        name: 'ResourceNotFoundException',
        message: 'no such queue',
        $metadata: { httpStatusCode: 400 },
      },
    ],
    [undefined],
  ])(
    'does not mistake a refusal or failure for a missing operation: %j',
    error => {
      expect(isApiUnavailable(error)).toBe(false);
    },
  );
});
