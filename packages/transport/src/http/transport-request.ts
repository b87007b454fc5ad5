/**
 * The request the clients hand to the transport: what `new Request(url, init)` would hold, without building one.
 *
 * openapi-fetch builds a `Request` for every call (`createClient({ Request })` lets a client choose the class) and
 * the transport then took it apart again: read its body stream back into bytes, copied its `Headers`, and built a
 * second `Request` per attempt for fetch, which builds a third. The clients pass this class instead; the transport
 * reads its fields as they are (a string or bytes body needs no stream) and still accepts a real `Request`.
 */
export class TransportRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: HeadersInit | undefined;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestRedirect | undefined;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = typeof input === "string" ? input : input.href;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers;
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect;
  }
}

/** What the transport accepts: a fetch `Request`, or the lighter TransportRequest. */
export type TransportInput = Request | TransportRequest;

/**
 * The `Request` option of openapi-fetch's `createClient`: its requests become TransportRequests. Only a transport
 * fetch reads them (openapi-fetch itself reads `method` and nothing else); middleware that expects a real `Request`
 * must not be combined with it.
 */
export const transportRequestClass = TransportRequest as unknown as typeof Request;
