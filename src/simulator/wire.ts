/**
 * What goes on the wire: replies, the two error-body shapes (API-NOTES §4.1) and the error codes
 * of §4.2. Handlers throw ApiError; the server renders it in the shape of the route's backend.
 */
import type { IdGenerator } from './ids.ts';

export type Headers = Record<string, string | string[]>;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Headers;
}

/** One entry of errorCauses. `location` is a JSON pointer into the body, or the query parameter. */
export interface Cause {
  summary: string;
  reason?: string;
  location?: string;
  locationType?: 'body' | 'query' | 'path' | 'header';
}

/**
 * `core`: the shape most Okta endpoints use (oae… errorId, causes with errorSummary).
 * `access-requests`: the v1 requests / request types / teams backend (32-hex errorId, causes with
 * domain/location/locationType, errorId last).
 */
export type ErrorShape = 'core' | 'access-requests';

export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly summary: string,
    readonly causes: Cause[] = [],
    readonly headers: Headers = {},
  ) {
    super(`${status} ${code} ${summary}`);
  }
}

export function errorBody(error: ApiError, shape: ErrorShape, ids: IdGenerator): Record<string, unknown> {
  if (shape === 'access-requests') {
    return {
      errorCode: error.code,
      errorSummary: error.summary,
      errorLink: error.code,
      errorCauses: error.causes.map((c) => ({
        domain: 'governance',
        errorSummary: c.summary,
        ...(c.locationType ? { locationType: c.locationType } : {}),
        ...(c.location ? { location: c.location } : {}),
      })),
      errorId: ids.hexErrorId(),
    };
  }
  return {
    errorCode: error.code,
    errorSummary: error.summary,
    errorLink: error.code,
    errorId: ids.oktaErrorId(),
    errorCauses: error.causes.map((c) => ({
      errorSummary: c.summary,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.location ? { location: c.location } : {}),
      ...(c.locationType ? { locationType: c.locationType } : {}),
    })),
  };
}

/** "resourceSettings/targetResources/0/resourceId format is invalid", as the real summary reads. */
function detail(cause: Cause): string {
  return cause.location ? `${cause.location.replace(/^\//, '')} ${cause.summary}` : cause.summary;
}

export const errors = {
  /** 400 E0000001: the body or a parameter breaks the contract or a business rule. */
  validation(causes: Cause[]): ApiError {
    const first = causes[0];
    return new ApiError(400, 'E0000001', first ? `Api validation failed: ${detail(first)}` : 'Api validation failed', causes);
  },
  malformedBody(): ApiError {
    return new ApiError(400, 'E0000003', 'The request body was not well-formed.');
  },
  missingParameter(name: string, summary: string): ApiError {
    return new ApiError(400, 'E0000028', 'The request is missing a required parameter.', [
      { summary, reason: 'MISSING_REQUIRED_PARAMETER', location: name, locationType: 'query' },
    ]);
  },
  paging(cause: Cause): ApiError {
    return new ApiError(400, 'E0000029', 'Invalid paging request.', [cause]);
  },
  scimFilter(summary: string): ApiError {
    return new ApiError(400, 'E0000053', 'Invalid SCIM filter.', [
      { summary, reason: 'STRING_FORMAT_INVALID', location: 'filter', locationType: 'query' },
    ]);
  },
  searchCriteria(summary: string): ApiError {
    return new ApiError(400, 'E0000031', 'Invalid search criteria.', [{ summary }]);
  },
  unauthorized(headers: Headers = {}): ApiError {
    return new ApiError(401, 'E0000011', 'Invalid token provided', [], headers);
  },
  forbidden(summary = 'You do not have permission to perform the requested action.', headers: Headers = {}): ApiError {
    return new ApiError(403, 'E0000006', summary, [], headers);
  },
  notFound(what?: string): ApiError {
    return new ApiError(404, 'E0000007', what ? `Not found: Resource not found: ${what}` : 'Resource not found exception.');
  },
  methodNotAllowed(method: string): ApiError {
    return new ApiError(405, 'E0000022', `The endpoint does not support the provided HTTP method: ${method}`);
  },
  /** 409 E0000195: the object's state doesn't allow the operation. */
  conflict(summary: string, causes: Cause[] = []): ApiError {
    return new ApiError(409, 'E0000195', `Api validation failed due to conflict: ${summary}`, causes);
  },
  tooLarge(): ApiError {
    return new ApiError(413, 'E0000001', 'Api validation failed: the request body is larger than 1 MB');
  },
  rateLimited(headers: Headers = {}): ApiError {
    return new ApiError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers);
  },
  internal(): ApiError {
    return new ApiError(500, 'E0000009', 'Internal Server Error');
  },
  serviceUnavailable(status: number): ApiError {
    return new ApiError(status, 'E0000010', 'Service is temporarily unavailable. Please try again later.');
  },
};

/** OAuth-layer errors ({error, error_description}) of the token endpoint and DPoP checks (§5). */
export function oauthError(status: number, error: string, description: string, headers: Headers = {}): Reply {
  return { status, body: { error, error_description: description }, headers };
}
