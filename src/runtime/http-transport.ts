/**
 * One HTTP exchange over Node's global fetch. Redirects are not followed here (the pipeline decides,
 * so a redirect can never carry the credential to another host). The timeout covers the whole
 * exchange, body included, and the body is read with a size limit after decompression.
 */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: ResponseHeaders;
  /** The body as text, refused past `maxBytes`. */
  text(maxBytes: number): Promise<string>;
  /** Drop the body without reading it. */
  discard(): void;
}

export interface HttpInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Response headers by lower-case name; repeated ones joined with ", " (as fetch's Headers does). */
export class ResponseHeaders {
  constructor(private readonly raw: Headers) {}

  get(name: string): string | null {
    return this.raw.get(name);
  }

  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.raw) out[name] = value;
    return out;
  }
}

/** The body was larger than allowed. */
export class BodyTooLarge extends Error {}

/** fetch says only "fetch failed"; the cause (ECONNRESET, ECONNREFUSED, …) is what a person needs. */
function networkError(error: unknown, signal: AbortSignal): Error {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason;
  const cause = (error as { cause?: { message?: string; code?: string } }).cause;
  if (!cause) return error as Error;
  const wrapped = new Error(cause.message || cause.code || 'network failure', { cause });
  (wrapped as Error & { code?: string }).code = cause.code;
  return wrapped;
}

export async function sendHttp(url: URL, init: HttpInit): Promise<HttpAnswer> {
  // AbortSignal.timeout is far cheaper per request than an AbortController with a timer of our own.
  const timeout = AbortSignal.timeout(init.timeoutMs);
  const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;

  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    throw networkError(error, signal);
  }
  const tooLarge = (message: string) => {
    response.body?.cancel().catch(() => {});
    return new BodyTooLarge(message);
  };

  return {
    status: response.status,
    ok: response.ok,
    headers: new ResponseHeaders(response.headers),
    discard() {
      response.body?.cancel().catch(() => {});
    },
    async text(maxBytes) {
      try {
        const declared = Number(response.headers.get('content-length'));
        const encoded = Boolean(response.headers.get('content-encoding'));
        if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
          throw tooLarge(`the answer is ${declared} bytes, more than the ${maxBytes} allowed`);
        }
        if (!response.body) return '';
        // A declared, acceptable length can be read in one go (much cheaper than iterating the stream).
        if (!encoded && Number.isFinite(declared) && response.headers.get('content-length') !== null) return await response.text();
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > maxBytes) {
            throw tooLarge(`the answer is more than the ${maxBytes} bytes allowed`);
          }
          chunks.push(chunk);
        }
        // TextDecoder drops a leading byte-order mark, as response.text() does on the other path.
        return new TextDecoder().decode(Buffer.concat(chunks));
      } catch (error) {
        if (error instanceof BodyTooLarge) throw error;
        throw networkError(error, signal);
      }
    },
  };
}
