import { describeAwsError } from './describeAwsError';

describe('describeAwsError', () => {
  it('explains a refused connection with the endpoint', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(describeAwsError(err, 'http://127.0.0.1:5055')).toBe(
      'cannot connect to http://127.0.0.1:5055 (connection refused)',
    );
  });

  it('explains access denied with the service message', () => {
    const err = Object.assign(
      new Error('User is not authorized to perform securityhub:GetFindings'),
      {
        name: 'AccessDeniedException',
      },
    );
    expect(describeAwsError(err)).toBe(
      'access denied: User is not authorized to perform securityhub:GetFindings',
    );
  });

  it('explains missing credentials', () => {
    const err = Object.assign(new Error('Could not load credentials'), {
      name: 'CredentialsProviderError',
    });
    expect(describeAwsError(err)).toMatch(/no AWS credentials found/);
  });

  it('treats an HTML 404 from an endpoint as an unavailable API', () => {
    const err = Object.assign(new Error('Deserialization error'), {
      $metadata: { httpStatusCode: 404 },
    });
    expect(describeAwsError(err)).toBe(
      'the API is not available on this endpoint (HTTP 404)',
    );
  });

  it('falls back to the message and status', () => {
    const err = Object.assign(new Error('Internal failure'), {
      $metadata: { httpStatusCode: 500 },
    });
    expect(describeAwsError(err)).toBe('Internal failure (HTTP 500)');
  });
});

describe('describeAwsError with wrapped network errors', () => {
  it('finds the network code inside the SDK wrapper message', () => {
    const err = new Error(
      'AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(describeAwsError(err, 'http://127.0.0.1:1')).toBe(
      'cannot connect to http://127.0.0.1:1 (connection refused)',
    );
  });
});
